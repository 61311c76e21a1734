import pytest
import redis
from django.conf import settings
from django.db import transaction

from iooffice.queue import enqueue_on_commit
from iooffice.tasks import beat_heartbeat


@pytest.fixture
def broker():
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete("default")
    yield client
    client.delete("default")


class Rollback(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_a_task_is_sent_only_after_commit_and_never_after_a_rollback(broker):
    with pytest.raises(Rollback), transaction.atomic():
        enqueue_on_commit(beat_heartbeat)
        raise Rollback
    assert broker.llen("default") == 0

    with transaction.atomic():
        enqueue_on_commit(beat_heartbeat)
        assert broker.llen("default") == 0  # not before the commit
    assert broker.llen("default") == 1


def test_no_task_of_ours_keeps_a_result():
    """A task keeping results makes every send wait on the result backend, which hangs requests when Redis is down."""
    from iooffice.celery import app

    app.loader.import_default_modules()
    ours = [t for name, t in app.tasks.items() if not name.startswith("celery.")]
    assert ours and [t.name for t in ours if not t.ignore_result] == []
