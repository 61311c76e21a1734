"""The only way audit events are written. Nothing updates or deletes them."""
from typing import Any

from django.db import models

from . import context
from .models import AuditEvent


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    details: dict[str, Any] | None = None,
    actor_label: str | None = None,
    request=None,
) -> AuditEvent:
    ctx = context.from_request(request) if request is not None else context.current()
    user = actor if getattr(actor, "is_authenticated", False) else None
    if actor_label is None:
        actor_label = user.get_username() if user else "system"
    return AuditEvent.objects.create(
        actor=user,
        actor_label=actor_label[:300],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        ip_address=ctx.ip_address,
        user_agent=ctx.user_agent,
        details=_jsonable(details or {}),
    )


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, models.Model):
        return {"id": value.pk, "repr": str(value)}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)
