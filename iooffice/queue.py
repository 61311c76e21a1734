"""Enqueue Celery tasks only once the surrounding transaction has committed.

A task sent inside a transaction could run before the rows it needs are visible, or run for rows a
rollback removed. Every service enqueues through here.

Sending happens after the commit, so a broker outage must not turn a saved change into an error page: the
failure is logged and the work waits in the database (the outbox rows, extraction states, search outbox) for the
beat sweeps, which queue it again once the broker is back.
"""
import logging
from functools import partial

from django.db import transaction

log = logging.getLogger(__name__)


def _send(task, args, kwargs, options) -> None:
    try:
        task.apply_async(args=args, kwargs=kwargs, **options)
    except Exception:  # kombu.OperationalError, redis errors, timeouts: the sweep re-sends
        log.warning("could not queue %s%r; the beat sweep will queue it again", task.name, tuple(args), exc_info=True)


def enqueue_on_commit(task, *args, queue: str | None = None, **kwargs) -> None:
    options = {"queue": queue} if queue else {}
    transaction.on_commit(partial(_send, task, args, kwargs, options))
