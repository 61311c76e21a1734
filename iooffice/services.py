"""Audited create/update/delete shared by every app's services and by the admin panel.

Domain services add their own rules around these; nothing writes a model outside them without
recording who changed what.
"""
from typing import Any

from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext_lazy as _

from iooffice.audit.services import audit_record
from iooffice.errors import DomainError

_HIDDEN_FIELDS = {"password"}


class ObjectInUse(DomainError):
    code = "object_in_use"
    status = 409
    default_message = _("This object is still in use and cannot be deleted; deactivate it instead.")


def model_snapshot(instance: models.Model) -> dict[str, Any]:
    values = {}
    for field in instance._meta.concrete_fields:
        value = field.value_from_object(instance)
        values[field.attname] = "***" if field.name in _HIDDEN_FIELDS else value
    return values


def model_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    changed = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if "password" in changed:
        changed["password"] = ["***", "*** changed ***"]
    return changed


@transaction.atomic
def audited_save(*, actor, instance: models.Model, action: str | None = None, validate: bool = True):
    """Validate (full_clean), save and audit. Locks the existing row so concurrent edits serialise."""
    created = instance._state.adding
    label = instance._meta.label_lower
    before = {}
    if not created:
        current = type(instance)._base_manager.select_for_update().get(pk=instance.pk)
        before = model_snapshot(current)
        if "password" in before:
            before["password"] = "***" if current.password == instance.password else "old"
    if validate:
        instance.full_clean()
    instance.save()
    after = model_snapshot(instance)
    changes = after if created else model_diff(before, after)
    if created or changes:
        audit_record(
            actor=actor,
            action=action or f"{label}.{'create' if created else 'update'}",
            obj=instance,
            details={"changes": changes},
        )
    return instance


@transaction.atomic
def audited_delete(*, actor, instance: models.Model, action: str | None = None) -> None:
    """Delete and audit; a row still referenced raises ObjectInUse and nothing changes."""
    audit_record(
        actor=actor,
        action=action or f"{instance._meta.label_lower}.delete",
        obj=instance,
        details={"snapshot": model_snapshot(instance)},
    )
    try:
        with transaction.atomic():
            instance.delete()
    except (ProtectedError, RestrictedError) as exc:
        related = sorted({obj._meta.verbose_name.title() for obj in list(exc.args[1])[:50]})
        raise ObjectInUse(details={"related": related}) from exc
