"""Writes of the workflow app. Every change goes through the audited save/delete helpers."""
from datetime import date

from django.db import transaction

from iooffice.services import audited_delete, audited_save

from .models import CalendarException


@transaction.atomic
def calendar_exception_set(*, actor, day: date, kind: str, reason: str) -> CalendarException:
    """Declare `day` a day off or a make-up working day, replacing any earlier declaration of that day.

    Locks the existing row, so two admins editing the same day serialise; repeating the same declaration writes
    no audit event. Raises ValidationError for an unknown kind or an empty reason.
    """
    exception = CalendarException.objects.select_for_update().filter(date=day).first() or CalendarException(date=day)
    exception.kind = kind
    exception.reason = reason
    return audited_save(actor=actor, instance=exception)


@transaction.atomic
def calendar_exception_remove(*, actor, day: date) -> bool:
    """Return `day` to the national calendar. Returns False, and audits nothing, when nothing was declared."""
    exception = CalendarException.objects.select_for_update().filter(date=day).first()
    if exception is None:
        return False
    audited_delete(actor=actor, instance=exception)
    return True
