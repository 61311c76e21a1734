"""Thin Celery tasks of notifications: ids in, a service call, safe to run twice."""
from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError

TRANSIENT = (SMTPException, ConnectionError, TimeoutError, OperationalError)


@shared_task(acks_late=True, ignore_result=True, autoretry_for=TRANSIENT, max_retries=8,
             retry_backoff=5, retry_backoff_max=600, retry_jitter=True)
def deliver_email(notification_id: int) -> None:
    from .services import notification_email_send

    notification_email_send(notification_id=notification_id)


@shared_task(ignore_result=True)
def sweep_undelivered() -> None:
    from .services import email_sweep

    email_sweep()


@shared_task(ignore_result=True, autoretry_for=(OperationalError,), max_retries=3, retry_backoff=True)
def deadline_reminders() -> None:
    from .services import deadline_reminders_run

    deadline_reminders_run()


@shared_task(ignore_result=True, autoretry_for=TRANSIENT, max_retries=3, retry_backoff=True)
def send_digests() -> None:
    from .services import digest_send_due

    digest_send_due()
