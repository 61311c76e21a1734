"""A Redis (broker) outage delays notification e-mails but loses none and sends none twice."""
import socket
import subprocess
import sys

import pytest
from django.db import connection

from notifications.models import Notification

from ..processes import BASE_DIR, start_worker, stop, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def outage_env(tmp_path):
    """Environment of child processes whose broker is a Redis of their own on a port nobody listens on yet."""
    db = connection.settings_dict
    port = _free_port()
    return port, {
        "DJANGO_SETTINGS_MODULE": "iooffice.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": f"redis://127.0.0.1:{port}/0",
        "IOOFFICE_TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "IOOFFICE_TEST_EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "IOOFFICE_SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
    }


def _run(env: dict, *args: str) -> str:
    result = subprocess.run([sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _sweep(env: dict) -> None:
    _run(env, "-c", "import django; django.setup(); from datetime import timedelta; "
                    "from notifications.services import email_sweep; email_sweep(older_than=timedelta(0))")


def _messages_to(mail_dir, address: str) -> int:
    return sum(path.read_text().count(f"To: {address}") for path in mail_dir.glob("*.log")) if mail_dir.exists() else 0


def test_notifications_made_while_the_broker_is_down_are_mailed_once_each_when_it_is_back(make_user, outage_env, tmp_path):
    """GIVEN three users with e-mail addresses and a broker that is down
    WHEN an event notifies them (the transaction commits; queueing the e-mails fails after the commit)
    THEN nothing is lost: the rows wait as pending; once the broker and a worker are up, two sweeps (one racing the
    worker) get each e-mail sent exactly once."""
    port, env = outage_env
    users = [make_user("staff", username=f"outage{i}", email=f"outage{i}@example.vn") for i in range(3)]

    created = _run(env, "-m", "tests.integration.outage_events", *(str(u.pk) for u in users)).split()
    assert len(created) == 3
    assert set(Notification.objects.filter(pk__in=created).values_list("email_state", flat=True)) == {"pending"}

    broker = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                              stdout=subprocess.DEVNULL, start_new_session=True)
    worker = None
    try:
        assert wait_for(lambda: subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).returncode == 0,
                        timeout=10, interval=0.2)
        worker = start_worker("outage", env=env)
        _sweep(env)
        _sweep(env)  # a second beat run before the worker caught up: the same ids are queued twice
        assert wait_for(lambda: not Notification.objects.filter(pk__in=created, email_state="pending").exists(), timeout=60)
    finally:
        if worker:
            stop(worker)
        stop(broker)

    assert set(Notification.objects.filter(pk__in=created).values_list("email_state", flat=True)) == {"sent"}
    for user in users:
        assert _messages_to(tmp_path / "mail", user.email) == 1
