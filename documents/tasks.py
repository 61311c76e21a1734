"""Thin Celery tasks: take ids, call a service, safe to run twice."""
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError

log = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, max_retries=3, autoretry_for=(OperationalError,), retry_backoff=True, retry_jitter=True)
def extract_file_version(self, version_id: int) -> None:
    from .services.extraction import extraction_fail, extraction_run

    try:
        extraction_run(version_id=version_id)
    except OperationalError:
        raise  # transient database trouble: retried with backoff
    except SoftTimeLimitExceeded:
        extraction_fail(version_id=version_id, reason="time limit exceeded")
    except Exception as exc:  # a broken or unreadable file: recorded for the user, who can retry
        log.exception("extraction of version %s failed", version_id)
        extraction_fail(version_id=version_id, reason=f"{exc.__class__.__name__}: {exc}")


@shared_task(ignore_result=True)
def sweep_unfinished_extractions() -> None:
    from .services.extraction import extraction_sweep

    extraction_sweep()
