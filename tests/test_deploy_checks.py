import os
import secrets
import subprocess
import sys

from .processes import BASE_DIR


def deployment_env(**overrides) -> dict[str, str]:
    # The browser tests allow async-unsafe ORM calls in this process; a deployment never does.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**env, **overrides}


def manage(*args: str, settings: str) -> subprocess.CompletedProcess:
    env = deployment_env(DJANGO_SETTINGS_MODULE=settings, DJANGO_SECRET_KEY=secrets.token_urlsafe(60))
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", settings="iooffice.settings.production")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = deployment_env(DJANGO_SETTINGS_MODULE="iooffice.settings.production")
    env.pop("DJANGO_SECRET_KEY", None)
    env.pop("IOOFFICE_SECRET_KEY_FILE", None)
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_openapi_schema_validates_without_warnings():
    result = manage("spectacular", "--validate", "--fail-on-warn", "--file", os.devnull, settings="iooffice.settings.test")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_migration_is_missing():
    result = manage("makemigrations", "--check", "--dry-run", settings="iooffice.settings.test")
    assert result.returncode == 0, result.stdout + result.stderr
