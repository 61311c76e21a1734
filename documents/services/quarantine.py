"""Secrecy stamp quarantine: a document whose text carries MẬT / TỐI MẬT / TUYỆT MẬT in its header."""
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iooffice.audit.services import audit_record
from iooffice.errors import BusinessRuleViolation, InvalidTransition
from search.hooks import document_changed

from .. import policies
from ..models import Document, FileVersion


class ReasonRequired(BusinessRuleViolation):
    code = "reason_required"
    default_message = _("Give a reason.")


def document_quarantine_if_marked(*, document_id: int, text: str) -> bool:
    """Quarantine the document when `text` has a secrecy stamp, unless someone already confirmed it is not
    secret. Call inside a transaction. Returns whether it was quarantined now."""
    from ..extraction import find_secrecy_mark

    mark = find_secrecy_mark(text)
    if not mark:
        return False
    document = Document.objects.select_for_update().get(pk=document_id)
    if document.secrecy_confirmed_by_id or document.status in (Document.Status.QUARANTINED, Document.Status.PURGED):
        return False
    document.quarantine_mark = mark
    document.status = Document.Status.QUARANTINED
    document.save(update_fields=["quarantine_mark", "status", "updated_at"])
    audit_record(actor=None, action="document.quarantine", obj=document, details={"mark": mark})
    document_changed(document.pk)
    return True


def _locked_quarantined(actor, document: Document) -> Document:
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not policies.document_can_manage_quarantine(actor, document):
        raise PermissionDenied
    if document.status != Document.Status.QUARANTINED:
        raise InvalidTransition()
    return document


@transaction.atomic
def quarantine_confirm_not_secret(*, actor, document: Document, reason: str) -> Document:
    """The registering clerk or an agency leader confirms the mark was not a secrecy stamp; handling resumes."""
    if not (reason or "").strip():
        raise ReasonRequired()
    document = _locked_quarantined(actor, document)
    document.status = Document.Status.IN_PROGRESS if document.assignments.exists() else Document.Status.REGISTERED
    document.secrecy_confirmed_by = actor
    document.secrecy_confirmation_reason = reason.strip()
    document.save()
    audit_record(actor=actor, action="document.quarantine_release", obj=document, details={"reason": reason.strip()})
    document_changed(document.pk)
    return document


@transaction.atomic
def quarantine_purge(*, actor, document: Document, reason: str) -> Document:
    """Delete every file and all text from storage; the register keeps a row that says purged, no content."""
    if not (reason or "").strip():
        raise ReasonRequired()
    document = _locked_quarantined(actor, document)
    blobs = []
    for version in FileVersion.objects.select_for_update().filter(file__document=document):
        blobs += [f for f in (version.blob, version.searchable_pdf) if f]
        FileVersion.objects.filter(pk=version.pk).update(blob="", searchable_pdf="", text="")
    document.files.update(display_name="—")
    document.comments.all().delete()
    document.summary = str(_("(purged: possible secret document)"))
    document.signer = document.notes = ""
    document.status = Document.Status.PURGED
    document.purged_at = timezone.now()
    document.save()
    audit_record(actor=actor, action="document.purge", obj=document, details={"reason": reason.strip(), "files": len(blobs)})
    names = [(f.storage, f.name) for f in blobs]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])
    document_changed(document.pk)
    return document
