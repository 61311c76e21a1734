import os
import signal
import subprocess
import sys
import threading
import urllib.request

import psutil
import pytest

from iooffice.local.embedded import free_port

from .processes import BASE_DIR, stop, wait_for


def http_status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except Exception:
        return None


class QuickStart:
    """`python -m iooffice.local run` (what `make run` calls after installing), with no service URLs set."""

    def __init__(self, var_dir, port: int):
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")}
        env.update(IOOFFICE_VAR_DIR=str(var_dir), IOOFFICE_PORT=str(port))
        self.login_url = f"http://127.0.0.1:{port}/accounts/login/"
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "iooffice.local", "run"], cwd=BASE_DIR, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )
        threading.Thread(target=lambda: self.output.extend(self.process.stdout), daemon=True).start()

    @property
    def log(self) -> str:
        return "".join(self.output)

    def wait_serving(self) -> None:
        ready = wait_for(lambda: self.process.poll() is not None or "iooffice is running at" in self.log, 240)
        assert ready and self.process.poll() is None, self.log
        assert wait_for(lambda: http_status(self.login_url) == 200, timeout=60), self.log

    def ctrl_c(self) -> int:
        return stop(self.process, sig=signal.SIGINT, timeout=90)


@pytest.mark.slow
def test_make_run_starts_everything_on_embedded_services_and_ctrl_c_stops_it(tmp_path):
    """GIVEN no DATABASE_URL/REDIS_URL WHEN the quick start runs THEN it starts the embedded PostgreSQL and
    Redis, migrates, seeds the demo province and serves the login page; Ctrl-C stops every process;
    a second run reuses the data."""
    port = free_port(18600)
    first = QuickStart(tmp_path / "var", port)
    try:
        first.wait_serving()
        assert "vanthu_vptu" in first.log and "Demo province loaded." in first.log
        children = psutil.Process(first.process.pid).children(recursive=True)
        commands = " ".join(" ".join(p.cmdline()) for p in children if p.is_running())
        for expected in ("gunicorn", "worker", "beat", "redis-server"):
            assert expected in commands
    finally:
        assert first.ctrl_c() == 0, first.log
    assert http_status(first.login_url) is None
    assert wait_for(lambda: not _processes_using(tmp_path), timeout=20), _processes_using(tmp_path)

    second = QuickStart(tmp_path / "var", port)
    try:
        second.wait_serving()
        assert "Demo data already loaded" in second.log
    finally:
        assert second.ctrl_c() == 0, second.log


def _processes_using(path) -> list[str]:
    found = []
    for proc in psutil.process_iter(["cmdline", "status"]):
        cmdline = " ".join(proc.info["cmdline"] or [])
        if str(path) in cmdline and proc.info["status"] != psutil.STATUS_ZOMBIE:
            found.append(cmdline)
    return found
