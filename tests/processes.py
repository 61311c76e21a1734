"""Start and stop real processes (Celery worker, the quick-start runner) from tests."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def start_worker(name: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "iooffice.settings.test", **(env or {})}
    return subprocess.Popen(
        [str(BIN / "celery"), "-A", "iooffice", "worker", "-Q", "default,ocr", "--concurrency", "1",
         "--pool", "solo", "-n", f"{name}@%h", "--loglevel", "WARNING", "--without-mingle", "--without-gossip"],
        cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def stop(process: subprocess.Popen, sig=signal.SIGTERM, timeout: float = 30) -> int:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.returncode


def wait_for(predicate, timeout: float, interval: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    return predicate()
