"""Enqueue Celery tasks only once the surrounding transaction has committed.

A task sent inside a transaction could run before the rows it needs are visible, or run for rows a
rollback removed. Every service enqueues through here.
"""
from functools import partial

from django.db import transaction


def enqueue_on_commit(task, *args, queue: str | None = None, **kwargs) -> None:
    options = {"queue": queue} if queue else {}
    transaction.on_commit(partial(task.apply_async, args=args, kwargs=kwargs, **options))
