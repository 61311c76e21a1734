"""The Dockerfile and docker-compose.yml start what this project really has.

Docker is not needed: the Compose file is read with PyYAML and every command is checked against this
environment (the executable is installed, its Python target resolves, its manage.py command exists).
"""
import importlib.util
import json
import re
import shlex
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.core.management import get_commands
from django.urls import resolve

BASE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# In scripts/setup.sh but not needed in the image: build tools, the quick start's own Redis, and Node.js,
# which only the Dockerfile's first stage uses.
NOT_RUNTIME_APT_PACKAGES = {"python3-venv", "python3-dev", "build-essential", "redis-server", "nodejs", "npm"}
# `${NAME}`, `${NAME?message}` or `${NAME:?message}`: from the operator's environment, with no default.
FROM_ENVIRONMENT = r"\$\{\w+(:?\?[^}]*)?\}"


@pytest.fixture(scope="module")
def services() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())["services"]


@pytest.fixture(scope="module")
def dockerfile() -> str:
    return (BASE_DIR / "Dockerfile").read_text().replace("\\\n", " ")  # one line per instruction


def environment(service: dict) -> dict:
    env = service.get("environment") or {}
    return dict(item.split("=", 1) for item in env) if isinstance(env, list) else env


def command_problem(command: list[str]) -> str | None:
    """Why `command` would not start in the image (built from this project), or None."""
    executable, *args = command
    if executable == "sh" and args[:1] == ["-c"]:  # a chain of project commands joined by &&
        problems = [command_problem(shlex.split(part)) for part in args[1].split("&&")]
        return next((p for p in problems if p), None)
    if not (VENV_BIN / executable).exists():
        return f"{executable} is not installed in {VENV_BIN}"
    if executable == "gunicorn":
        module = args[0].split(":")[0]
        return None if importlib.util.find_spec(module) else f"no WSGI module {module}"
    if executable == "celery":
        app = args[args.index("-A") + 1].split(":")[0]
        return None if importlib.util.find_spec(app) else f"no Celery app module {app}"
    if executable == "python" and args[0] == "manage.py":
        return None if args[1] in get_commands() else f"no manage.py command {args[1]}"
    return f"unexpected command {command}"


def test_compose_defines_the_stores_and_every_process(services):
    assert {"postgres", "redis", "web", "worker", "beat"} <= services.keys()


def test_every_command_of_the_project_image_starts_something_that_exists(services, dockerfile):
    commands = {"Dockerfile CMD": json.loads(re.search(r"^CMD (\[.*\])$", dockerfile, re.MULTILINE).group(1))}
    for name, service in services.items():
        if "build" in service:
            assert "command" in service, f"{name} has no explicit command"
            command = service["command"]
            commands[name] = shlex.split(command) if isinstance(command, str) else command
    assert {"web", "worker", "beat", "migrate", "seed"} <= commands.keys()
    problems = {name: command_problem(command) for name, command in commands.items()}
    assert {name: problem for name, problem in problems.items() if problem} == {}


def test_web_and_worker_share_the_media_volume(services):
    for name in ("web", "worker"):
        assert any(volume.startswith("media:/app/var/media") for volume in services[name]["volumes"]), name


def test_compose_file_has_no_hard_coded_secret(services):
    for name, service in services.items():
        for key, value in environment(service).items():
            if re.search("SECRET|PASSWORD|TOKEN", key) and not key.endswith("_FILE"):
                assert re.fullmatch(FROM_ENVIRONMENT, str(value)), f"{name}: {key} is hard-coded"
            if "://" in str(value) and urlsplit(str(value)).password:
                assert re.fullmatch(FROM_ENVIRONMENT, urlsplit(str(value)).password), f"{name}: password in {key}"
    assert re.fullmatch(FROM_ENVIRONMENT, environment(services["web"])["DJANGO_SECRET_KEY"])


def test_dockerfile_installs_the_requirements_and_the_runtime_system_packages(dockerfile):
    assert re.search(r"^RUN pip install .*-r requirements\.txt", dockerfile, re.MULTILINE)
    setup_sh = (BASE_DIR / "scripts" / "setup.sh").read_text()
    listed = set(re.search(r"APT_PACKAGES=\(([^)]*)\)", setup_sh).group(1).split())
    runtime = listed - NOT_RUNTIME_APT_PACKAGES
    assert {"libmagic1", "tesseract-ocr-vie", "tesseract-ocr-eng", "ghostscript", "qpdf"} <= runtime
    installed = set(re.search(r"apt-get install (.*)", dockerfile).group(1).split())
    assert runtime - installed == set()


def test_dockerfile_healthcheck_asks_a_url_the_app_serves(dockerfile):
    url = re.search(r"^HEALTHCHECK .*'(http://127\.0\.0\.1:8000(/[^']*))'", dockerfile, re.MULTILINE)
    assert url, "no HEALTHCHECK on the web port"
    assert resolve(url.group(2)).url_name == "healthz"
