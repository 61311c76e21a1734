import time

from celery import shared_task
from django.core.cache import cache

BEAT_HEARTBEAT_KEY = "iooffice:beat:last"


@shared_task(ignore_result=True)
def beat_heartbeat() -> None:
    """Scheduled by beat; /healthz reads the timestamp to tell whether beat is alive."""
    cache.set(BEAT_HEARTBEAT_KEY, time.time(), timeout=None)
