"""Outgoing documents (văn bản đi): draft, versions, submit, issue with a Party number, exchange, recall."""
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from iooffice.audit.services import audit_record
from search.hooks import document_changed
from iooffice.errors import BusinessRuleViolation, InvalidTransition
from notifications import hooks as notification_hooks

from .. import policies
from ..models import Document, DocumentFile, FileVersion, OutgoingRecipient
from ..symbols import nfc, symbol_key
from .files import StoredBlobs, Upload, file_version_store, uploads_validate
from .incoming import NoFiles, next_arrival_number
from .numbering import current_term, format_symbol, issuer_of, next_number
from .quarantine import ReasonRequired

DRAFT_FIELDS = ("doc_type", "summary", "urgency", "signer", "in_reply_to", "external_recipients", "notes")
EDITABLE = (Document.Status.DRAFT, Document.Status.CHANGES_REQUESTED)


class DocumentTypeRequired(BusinessRuleViolation):
    code = "document_type_required"
    default_message = _("Choose the document type: the number and symbol depend on it.")


def _main_file(document: Document) -> DocumentFile:
    return document.files.filter(role=DocumentFile.Role.MAIN).order_by("id").first()


def current_main_version(document: Document) -> FileVersion | None:
    main = _main_file(document)
    return main.versions.order_by("-number").first() if main else None


def _set_recipients(document: Document, agencies: list[OrgUnit]) -> None:
    keep = {a.pk for a in agencies if a.pk != document.agency_id}
    document.recipients.exclude(agency_id__in=keep).delete()
    for agency_id in keep - set(document.recipients.values_list("agency_id", flat=True)):
        OutgoingRecipient.objects.create(document=document, agency_id=agency_id)


def draft_create(*, actor, fields: dict, recipients: list[OrgUnit], uploads: list[Upload]) -> Document:
    """Staff (anyone with a unit in an agency) drafts; the first upload is the main file, version 1."""
    agency = policies.user_agency(actor)
    if agency is None:
        raise PermissionDenied
    if not uploads:
        raise NoFiles()
    if fields.get("in_reply_to") is not None and not policies.document_can_view(actor, fields["in_reply_to"]):
        raise PermissionDenied
    checked = uploads_validate(uploads)
    blobs = StoredBlobs()
    try:
        with transaction.atomic():
            document = Document(kind=Document.Kind.OUTGOING, agency=agency, department=actor.org_unit,
                                status=Document.Status.DRAFT, registered_by=actor, issuer_name=agency.name,
                                **{k: (nfc(v) if isinstance(v, str) else v) for k, v in fields.items() if k in DRAFT_FIELDS})
            document.full_clean()
            document.save()
            _set_recipients(document, recipients)
            for index, item in enumerate(checked):
                role = DocumentFile.Role.MAIN if index == 0 else DocumentFile.Role.ATTACHMENT
                file = DocumentFile.objects.create(document=document, role=role, display_name=item.checked.display_name, created_by=actor)
                file_version_store(actor=actor, file=file, item=item, blobs=blobs)
            audit_record(actor=actor, action="outgoing.draft_create", obj=document,
                         details={"recipients": sorted(r.pk for r in recipients)})
            document_changed(document.pk)
            return document
    except BaseException:
        blobs.discard()
        raise


def draft_new_version(*, actor, document: Document, upload: Upload, note: str = "") -> FileVersion:
    """A new version of the main file (v2, v3 …); earlier versions stay. Only the drafter, only while editable."""
    item = uploads_validate([upload])[0]
    blobs = StoredBlobs()
    try:
        with transaction.atomic():
            document = Document.objects.select_for_update().get(pk=document.pk)
            if document.registered_by_id != actor.pk:
                raise PermissionDenied
            if document.status not in EDITABLE:
                raise InvalidTransition()
            version = file_version_store(actor=actor, file=_main_file(document), item=item, blobs=blobs, note=note.strip())
            audit_record(actor=actor, action="outgoing.new_version", obj=document, details={"version": version.number})
            document_changed(document.pk)
            return version
    except BaseException:
        blobs.discard()
        raise


@transaction.atomic
def draft_submit(*, actor, document: Document):
    """Submit the current main version into the approval chain (again after a return)."""
    from workflow.approval import run_start

    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.registered_by_id != actor.pk:
        raise PermissionDenied
    if document.status not in EDITABLE:
        raise InvalidTransition()
    if document.doc_type_id is None:
        raise DocumentTypeRequired()
    run = run_start(actor=actor, document=document, version=current_main_version(document))
    document.status = Document.Status.IN_REVIEW
    document.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="outgoing.submit", obj=document, details={"run": run.pk, "version": run.version.number, "step": run.current_order})
    notification_hooks.approval_moved(actor=actor, run=run)
    document_changed(document.pk)
    return run


@transaction.atomic
def outgoing_issue(*, actor, document: Document) -> Document:
    """The clerk numbers and issues an approved document: `{number}-{type}/{issuer}` under the current term,
    today's date; recipients inside the system get it in their queue to register."""
    document = Document.objects.select_for_update(of=("self",)).select_related("doc_type").get(pk=document.pk)
    if not policies.is_clerk_of(actor, document.agency_id) or document.kind != Document.Kind.OUTGOING:
        raise PermissionDenied
    if document.status != Document.Status.APPROVED:
        raise InvalidTransition()
    today = timezone.localdate()
    term = current_term()
    issuer = issuer_of(document.agency_id, today)
    number = next_number(issuer=issuer, abbreviation=document.doc_type.abbreviation, term=term)
    document.number = number
    document.term = term
    document.issuer = issuer
    document.issuer_name = issuer.name
    document.symbol = format_symbol(number, document.doc_type.abbreviation, issuer.code)
    document.symbol_key = symbol_key(document.symbol)
    document.issued_date = today
    document.issued_at = timezone.now()
    document.status = Document.Status.ISSUED
    document.save()
    document.recipients.update(received_at=document.issued_at)
    audit_record(actor=actor, action="outgoing.issue", obj=document,
                 details={"symbol": document.symbol, "term": term.name, "version": document.approved_version.number if document.approved_version else None,
                          "recipients": list(document.recipients.values_list("agency_id", flat=True))})
    notification_hooks.outgoing_issued(actor=actor, document=document)
    document_changed(document.pk)
    return document


def exchange_register(*, actor, recipient: OutgoingRecipient) -> Document:
    """The recipient agency's clerk registers an exchanged document: an incoming document with its own arrival
    number and a copy of each file (so a purge on one side never touches the other). Confirms receipt."""
    from django.core.files.base import ContentFile

    with transaction.atomic():
        recipient = OutgoingRecipient.objects.select_for_update().select_related("document").get(pk=recipient.pk)
        if not policies.is_clerk_of(actor, recipient.agency_id):
            raise PermissionDenied
        source = recipient.document
        if recipient.state != OutgoingRecipient.State.PENDING or source.status != Document.Status.ISSUED:
            raise InvalidTransition()
        now = timezone.now()
        year = timezone.localtime(now).year
        incoming = Document.objects.create(
            kind=Document.Kind.INCOMING, agency_id=recipient.agency_id, status=Document.Status.REGISTERED,
            registered_by=actor, arrival_at=now, arrival_year=year, issuer=source.issuer, issuer_name=source.issuer_name,
            symbol=source.symbol, symbol_key=source.symbol_key, issued_date=source.issued_date, doc_type=source.doc_type,
            summary=source.summary, signer=source.signer, urgency=source.urgency, page_count=source.page_count,
            exchanged_from=source, arrival_number=next_arrival_number(agency_id=recipient.agency_id, year=year),
        )
        for file in source.files.exclude(role=DocumentFile.Role.RESULT):
            version = file.versions.order_by("-number").first() if file.role != DocumentFile.Role.MAIN or not source.approved_version else source.approved_version
            copy = DocumentFile.objects.create(document=incoming, role=file.role, display_name=file.display_name, created_by=actor)
            with version.blob.open("rb") as blob:
                content = ContentFile(blob.read())
            new = FileVersion(file=copy, number=1, extension=version.extension, sha256=version.sha256, size=version.size,
                              mime_type=version.mime_type, page_count=version.page_count, uploaded_by=actor,
                              text=version.text, text_method=version.text_method,
                              extraction_status=version.extraction_status)
            new.blob.save(f"exchange{version.extension}", content, save=False)
            new.save()
        recipient.state = OutgoingRecipient.State.REGISTERED
        recipient.incoming = incoming
        recipient.registered_by = actor
        recipient.registered_at = now
        recipient.save()
        audit_record(actor=actor, action="document.incoming.exchange_register", obj=incoming,
                     details={"from": source.pk, "symbol": source.symbol, "arrival_number": incoming.arrival_number})
        document_changed(incoming.pk)
        document_changed(source.pk)
        return incoming


@transaction.atomic
def outgoing_recall(*, actor, document: Document, reason: str) -> Document:
    """A leader recalls an issued document: recipients' copies are withdrawn and marked recalled; nothing deleted."""
    from workflow.models import Assignment

    if not (reason or "").strip():
        raise ReasonRequired()
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not policies.is_leader_of(actor, document.agency_id):
        raise PermissionDenied
    if document.status != Document.Status.ISSUED:
        raise InvalidTransition()
    document.status = Document.Status.RECALLED
    document.recalled_at = timezone.now()
    document.recall_reason = reason.strip()
    document.save()
    copies = Document.objects.select_for_update().filter(exchanged_from=document)
    for copy in copies:
        copy.status = Document.Status.RECALLED
        copy.recall_reason = document.recall_reason
        copy.recalled_at = document.recalled_at
        copy.save(update_fields=["status", "recall_reason", "recalled_at", "updated_at"])
        for assignment in copy.assignments.filter(status=Assignment.Status.OPEN):
            assignment.status = Assignment.Status.WITHDRAWN
            assignment.save(update_fields=["status"])
    document.recipients.filter(state=OutgoingRecipient.State.PENDING).update(state=OutgoingRecipient.State.RECALLED)
    audit_record(actor=actor, action="outgoing.recall", obj=document,
                 details={"reason": document.recall_reason, "copies": [c.pk for c in copies]})
    notification_hooks.outgoing_recalled(actor=actor, document=document, copies=copies)
    for changed in [document, *copies]:
        document_changed(changed.pk)
    return document
