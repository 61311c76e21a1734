"""/healthz: the state of the database, Redis, the Celery workers and beat, for load balancers and people."""
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .tasks import BEAT_HEARTBEAT_KEY


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"status": "up"}
    except Exception as exc:  # any failure means down; the reason helps the operator
        return {"status": "down", "error": exc.__class__.__name__}


def _redis() -> dict:
    try:
        cache.set("iooffice:healthz", "1", timeout=10)
        return {"status": "up" if cache.get("iooffice:healthz") == "1" else "down"}
    except Exception as exc:
        return {"status": "down", "error": exc.__class__.__name__}


def _workers() -> dict:
    from iooffice.celery import app

    try:
        replies = app.control.ping(timeout=settings.IOOFFICE_HEALTH_WORKER_TIMEOUT) or []
    except Exception as exc:
        return {"status": "down", "workers": [], "error": exc.__class__.__name__}
    names = sorted(name for reply in replies for name in reply)
    return {"status": "up" if names else "down", "workers": names}


def _beat() -> dict:
    try:
        last = cache.get(BEAT_HEARTBEAT_KEY)
    except Exception as exc:
        return {"status": "down", "error": exc.__class__.__name__}
    if last is None:
        return {"status": "down", "last_beat_seconds_ago": None}
    age = time.time() - float(last)
    return {"status": "up" if age <= settings.IOOFFICE_BEAT_STALE_SECONDS else "down", "last_beat_seconds_ago": round(age)}


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database(), "redis": _redis()}
    checks["celery_worker"] = _workers() if checks["redis"]["status"] == "up" else {"status": "down", "workers": []}
    checks["celery_beat"] = _beat() if checks["redis"]["status"] == "up" else {"status": "down"}
    # Web can serve while workers or beat are down, so only the stores decide the HTTP status.
    serving = checks["database"]["status"] == "up" and checks["redis"]["status"] == "up"
    everything = all(c["status"] == "up" for c in checks.values())
    overall = "up" if everything else ("degraded" if serving else "down")
    return JsonResponse({"status": overall, "checks": checks}, status=200 if serving else 503)
