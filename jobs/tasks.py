"""Thin Celery tasks: take an id, call a service, safe to run twice."""
from celery import shared_task
from django.db import InterfaceError, OperationalError


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=3,
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, retry_jitter=True)
def run_job(self, job_id: int) -> None:
    from .services import job_run

    job_run(job_id=job_id)


@shared_task(ignore_result=True)
def sweep_jobs() -> None:
    from .services import job_sweep

    job_sweep()


@shared_task(ignore_result=True)
def cleanup_expired_jobs() -> None:
    from .services import job_cleanup_expired

    job_cleanup_expired()
