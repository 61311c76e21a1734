"""Thin Celery tasks of the search index: ids in, a service call, safe to run twice."""
from celery import shared_task
from django.db import OperationalError

from .locks import WriterBusy

TRANSIENT = (WriterBusy, OperationalError)


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=8, autoretry_for=TRANSIENT,
             retry_backoff=2, retry_backoff_max=120, retry_jitter=True)
def index_document(self, document_id: int) -> None:
    """Bring one document's index entry (and whatever else waits in the outbox) up to date; a missing
    document is removed from the index."""
    from .services import index_pending

    index_pending([document_id])


@shared_task(ignore_result=True, autoretry_for=TRANSIENT, max_retries=3, retry_backoff=True)
def drain_outbox() -> None:
    from .services import drain_outbox as drain

    drain()


@shared_task(ignore_result=True, soft_time_limit=3 * 3600, time_limit=3 * 3600 + 60)
def check_and_repair() -> None:
    import logging

    from .services import check

    report = check(repair=True)
    if not report.ok:
        logging.getLogger(__name__).warning(
            "search index repaired: %d missing, %d stale, %d orphaned", len(report.missing), len(report.stale), len(report.orphans))
