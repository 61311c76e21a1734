import pytest

from iooffice.tasks import beat_heartbeat

from .processes import start_worker, stop, wait_for


def health(client):
    response = client.get("/healthz")
    return response.status_code, response.json()


@pytest.mark.django_db
def test_healthz_reports_database_and_redis_up_and_a_missing_worker_down(client):
    status, body = health(client)
    assert status == 200  # web can still serve
    assert body["checks"]["database"]["status"] == "up"
    assert body["checks"]["redis"]["status"] == "up"
    assert body["checks"]["celery_worker"] == {"status": "down", "workers": []}
    assert body["status"] == "degraded"


@pytest.mark.django_db
def test_healthz_reports_redis_down_with_503(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    status, body = health(client)
    assert status == 503 and body["checks"]["redis"]["status"] == "down"


@pytest.mark.slow
@pytest.mark.django_db
def test_healthz_follows_a_real_worker_up_and_down(client):
    """GIVEN a real Celery worker process WHEN it runs THEN healthz shows it up and it executes tasks;
    WHEN it is stopped THEN healthz shows the worker down."""
    worker = start_worker("healthtest")
    try:
        up = wait_for(lambda: health(client)[1]["checks"]["celery_worker"]["status"] == "up", timeout=60)
        assert up, "the worker never answered the ping"
        beat_heartbeat.delay()  # executed by the real worker; what beat would do every 15 s
        assert wait_for(lambda: health(client)[1]["checks"]["celery_beat"]["status"] == "up", timeout=30)
        assert health(client)[1]["status"] == "up"
    finally:
        stop(worker)
    assert health(client)[1]["checks"]["celery_worker"]["status"] == "down"
