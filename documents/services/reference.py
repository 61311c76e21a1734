"""Writes to the reference data of registers and numbering (document types, issuers, committee terms)."""
from django.db import models, transaction

from iooffice.services import audited_delete, audited_save

from ..models import CommitteeTerm


def reference_create(*, actor, model: type[models.Model], **fields) -> models.Model:
    return audited_save(actor=actor, instance=model(**fields))


def reference_update(*, actor, instance: models.Model, **fields) -> models.Model:
    for name, value in fields.items():
        setattr(instance, name, value)
    return audited_save(actor=actor, instance=instance)


def reference_delete(*, actor, instance: models.Model) -> None:
    audited_delete(actor=actor, instance=instance)


@transaction.atomic
def term_set_current(*, actor, term: CommitteeTerm) -> CommitteeTerm:
    """Make `term` the one current term; a new term starts new outgoing number sequences."""
    for other in CommitteeTerm.objects.select_for_update().filter(is_current=True).exclude(pk=term.pk):
        other.is_current = False
        audited_save(actor=actor, instance=other)
    term.is_current = True
    return audited_save(actor=actor, instance=term, action="documents.committeeterm.set_current")
