import os
import secrets
import subprocess
import sys

from .processes import BASE_DIR


def manage(*args: str, settings: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, "DJANGO_SECRET_KEY": secrets.token_urlsafe(60)}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", settings="iooffice.settings.production")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "IOOFFICE_SECRET_KEY_FILE")}
    env["DJANGO_SETTINGS_MODULE"] = "iooffice.settings.production"
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_openapi_schema_validates_without_warnings():
    result = manage("spectacular", "--validate", "--fail-on-warn", "--file", os.devnull, settings="iooffice.settings.test")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_migration_is_missing():
    result = manage("makemigrations", "--check", "--dry-run", settings="iooffice.settings.test")
    assert result.returncode == 0, result.stdout + result.stderr
