"""`python -m iooffice.local run|test`: what `make run` and `make test` call."""
import argparse
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from .embedded import EmbeddedPostgres, EmbeddedRedis

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VENV_BIN = Path(sys.executable).parent


def var_dir() -> Path:
    path = Path(os.environ.get("IOOFFICE_VAR_DIR", BASE_DIR / "var")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    os.environ["IOOFFICE_VAR_DIR"] = str(path)
    return path


def ensure_secret_key(var: Path) -> None:
    if os.environ.get("DJANGO_SECRET_KEY") or os.environ.get("IOOFFICE_SECRET_KEY_FILE"):
        return
    key_file = var / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    os.environ["IOOFFICE_SECRET_KEY_FILE"] = str(key_file)


def ensure_services(var: Path) -> list:
    """Start embedded PostgreSQL/Redis for whichever of DATABASE_URL/REDIS_URL is unset."""
    started = []
    if not os.environ.get("DATABASE_URL"):
        print("• DATABASE_URL not set: starting the embedded PostgreSQL in", var / "postgres", flush=True)
        postgres = EmbeddedPostgres(var / "postgres")
        os.environ["DATABASE_URL"] = postgres.url
        started.append(postgres)
    if not os.environ.get("REDIS_URL"):
        print("• REDIS_URL not set: starting a local Redis", flush=True)
        redis = EmbeddedRedis(var / "redis", port=int(os.environ.get("IOOFFICE_REDIS_PORT", 0)) or None)
        os.environ["REDIS_URL"] = redis.url
        started.append(redis)
    return started


def stop_all(processes: list[subprocess.Popen], services: list) -> None:
    for proc in processes:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 20
    for proc in processes:
        try:
            proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
    for service in reversed(services):
        service.stop()


def manage(*args: str) -> None:
    subprocess.run([sys.executable, str(BASE_DIR / "manage.py"), *args], check=True, cwd=BASE_DIR)


DEMO_LOGINS = [
    ("quantri", "Quản trị hệ thống / administrator (TOTP set-up on first login)"),
    ("lanhdao_vptu", "Lãnh đạo cơ quan / agency leader — Chánh Văn phòng Tỉnh ủy"),
    ("vanthu_vptu", "Văn thư / clerk — Văn phòng Tỉnh ủy"),
    ("truongphong_vptu_th", "Lãnh đạo phòng / department head — Phòng Tổng hợp"),
    ("chuyenvien_vptu_th", "Chuyên viên / staff — Phòng Tổng hợp"),
    ("lanhdao_btctu", "Lãnh đạo cơ quan / agency leader — Ban Tổ chức Tỉnh ủy"),
]


def run(args) -> int:
    var = var_dir()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iooffice.settings.base")
    ensure_secret_key(var)
    services = ensure_services(var)
    processes: list[subprocess.Popen] = []
    stopping = False

    def request_stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        manage("migrate", "--noinput", "-v", "0")
        manage("compilemessages", "-v", "0", "--ignore", ".venv", "--ignore", "node_modules")
        manage("collectstatic", "--noinput", "-v", "0")
        manage("seed_demo")
        manage("search_rebuild", "--if-needed", "--no-progress")
        bind = f"{args.host}:{args.port}"
        commands = {
            "web": [str(VENV_BIN / "gunicorn"), "iooffice.wsgi", "--bind", bind, "--workers", "2", "--threads", "4",
                    "--access-logfile", "-", "--graceful-timeout", "10"],
            "worker": [str(VENV_BIN / "celery"), "-A", "iooffice", "worker", "-Q", "default,ocr", "--concurrency", "2",
                       "--loglevel", "INFO", "-n", "worker@%h"],
            "beat": [str(VENV_BIN / "celery"), "-A", "iooffice", "beat", "--loglevel", "INFO",
                     "--schedule", str(var / "celerybeat-schedule")],
        }
        for name, command in commands.items():
            processes.append(subprocess.Popen(command, cwd=BASE_DIR, start_new_session=True))
        from accounts.demo_data import DEMO_PASSWORD

        print(f"\n  iooffice is running at http://{bind}/  (admin: http://{bind}/admin/, API: http://{bind}/api/docs/)")
        print(f"  Demo logins, password {DEMO_PASSWORD}:")
        for username, what in DEMO_LOGINS:
            print(f"    {username:<24} {what}")
        print("  Ctrl-C stops web, worker, beat and the embedded services.\n", flush=True)
        while not stopping:
            if any(p.poll() is not None for p in processes):
                print("A process exited; stopping everything.", file=sys.stderr)
                return 1
            time.sleep(0.5)
        return 0
    finally:
        print("\nStopping…", flush=True)
        stop_all(processes, services)


def test(args) -> int:
    var = var_dir()
    services = ensure_services(var / "test")
    try:
        # Importing this package set DJANGO_SETTINGS_MODULE for Celery; the tests need their own settings.
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "iooffice.settings.test"}
        return subprocess.call([sys.executable, "-m", "pytest", *args.pytest_args], cwd=BASE_DIR, env=env)
    finally:
        stop_all([], services)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m iooffice.local")
    sub = parser.add_subparsers(dest="command", required=True)
    run_parser = sub.add_parser("run", help="migrate, load demo data, start web + worker + beat")
    run_parser.add_argument("--host", default=os.environ.get("IOOFFICE_HOST", "127.0.0.1"))
    run_parser.add_argument("--port", type=int, default=int(os.environ.get("IOOFFICE_PORT", 8000)))
    run_parser.set_defaults(func=run)
    test_parser = sub.add_parser("test", help="run the test suite (embedded services if no URLs are set)")
    test_parser.add_argument("pytest_args", nargs=argparse.REMAINDER)
    test_parser.set_defaults(func=test)
    args = parser.parse_args()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
