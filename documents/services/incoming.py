"""Registering incoming documents (văn bản đến) and correcting their register entries."""
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iooffice.audit.services import audit_record
from iooffice.errors import DomainError
from search.hooks import document_changed

from .. import policies
from ..models import Document, DocumentFile
from ..symbols import nfc, symbol_key
from .files import StoredBlobs, Upload, file_version_store, uploads_validate


class SecretDocumentRefused(DomainError):
    code = "secret_document_refused"
    default_message = _(
        "Documents marked Secret, Top secret or Absolutely secret must never enter this system. "
        "Handle it off-system under the rules on state secrets; you may reserve its number in the register book."
    )


class NoFiles(DomainError):
    code = "no_files"
    default_message = _("Attach at least one file of the document.")


class DuplicateDocument(DomainError):
    code = "duplicate_document"
    status = 409
    default_message = _(
        "This document seems to be registered already. Check the existing entry; to register a genuine second "
        "copy, give a reason."
    )


REGISTER_FIELDS = (
    "arrival_at", "issuer", "issuer_name", "symbol", "issued_date", "doc_type", "summary", "signer", "urgency",
    "secrecy", "page_count", "copies", "reply_deadline", "notes",
)


def next_arrival_number(*, agency_id: int, year: int) -> int:
    """Next arrival number of an agency's register for a year: one row, incremented under its row lock.

    Must run inside the registering transaction: the lock is held until commit, so numbers are never
    duplicated, and a rollback gives the number back, so they are never skipped.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO documents_arrivalcounter (agency_id, year, last_number) VALUES (%s, %s, 1) "
            "ON CONFLICT (agency_id, year) DO UPDATE SET last_number = documents_arrivalcounter.last_number + 1 "
            "RETURNING last_number",
            [agency_id, year],
        )
        return cursor.fetchone()[0]


def incoming_duplicates(*, agency_id: int, fields: dict, sha256s: list[str]) -> list[Document]:
    same_file = Q(files__versions__sha256__in=sha256s) if sha256s else Q(pk__in=[])
    same_entry = Q(pk__in=[])
    key = symbol_key(fields.get("symbol", ""))
    if key and fields.get("issued_date"):
        issuer = fields.get("issuer")
        same_issuer = Q(issuer=issuer) if issuer else Q(issuer_name__iexact=fields.get("issuer_name", ""))
        same_entry = Q(symbol_key=key, issued_date=fields["issued_date"]) & same_issuer
    candidates = Document.objects.filter(agency_id=agency_id, kind=Document.Kind.INCOMING).exclude(status=Document.Status.PURGED)
    return list(candidates.filter(same_file | same_entry).distinct().order_by("-id")[:10])


def _duplicate_details(found: list[Document]) -> dict:
    return {
        "existing": [
            {"id": d.pk, "arrival_number": d.arrival_number, "arrival_year": d.arrival_year, "symbol": d.symbol,
             "url": reverse("api:incoming-detail", args=[d.pk])}
            for d in found
        ]
    }


def incoming_register(*, actor, fields: dict, uploads: list[Upload], duplicate_reason: str = "") -> Document:
    """Validate, number and store an incoming document; queue text extraction of each file after commit.

    Raises PermissionDenied (not a clerk), SecretDocumentRefused, NoFiles, an UploadRejected subclass,
    DuplicateDocument (unless `duplicate_reason` is given), ValidationError for bad fields. Nothing is stored
    when any of them is raised.
    """
    agency = policies.registering_agency(actor)
    if agency is None:
        raise PermissionDenied
    if fields.get("secrecy", Document.Secrecy.ORDINARY) != Document.Secrecy.ORDINARY:
        raise SecretDocumentRefused()
    if not uploads:
        raise NoFiles()
    checked = uploads_validate(uploads)
    fields = _cleaned(fields)
    duplicates = incoming_duplicates(agency_id=agency.pk, fields=fields, sha256s=[c.checked.sha256 for c in checked])
    duplicate_reason = nfc(duplicate_reason)
    if duplicates and not duplicate_reason:
        raise DuplicateDocument(details=_duplicate_details(duplicates))
    blobs = StoredBlobs()
    try:
        with transaction.atomic():
            return _register(actor, agency, fields, checked, duplicates, duplicate_reason, blobs)
    except BaseException:
        blobs.discard()
        raise


def _register(actor, agency, fields, checked, duplicates, duplicate_reason, blobs) -> Document:
    arrival_at = fields.pop("arrival_at", None) or timezone.now()
    year = timezone.localtime(arrival_at).year
    document = Document(
        kind=Document.Kind.INCOMING, agency=agency, status=Document.Status.REGISTERED, registered_by=actor,
        arrival_at=arrival_at, arrival_year=year, symbol_key=symbol_key(fields.get("symbol", "")),
        duplicate_of=duplicates[0] if duplicates else None, duplicate_reason=duplicate_reason, **fields,
    )
    if document.issuer and not document.issuer_name:
        document.issuer_name = document.issuer.name
    document.full_clean(exclude=["arrival_number"])  # the number is taken last, to hold its lock briefly
    document.arrival_number = next_arrival_number(agency_id=agency.pk, year=year)
    document.save()
    for index, item in enumerate(checked):
        role = DocumentFile.Role.MAIN if index == 0 else DocumentFile.Role.ATTACHMENT
        file = DocumentFile.objects.create(document=document, role=role, display_name=item.checked.display_name, created_by=actor)
        file_version_store(actor=actor, file=file, item=item, blobs=blobs)
    audit_record(
        actor=actor, action="document.incoming.register", obj=document,
        details={"arrival_number": document.arrival_number, "year": year, "files": [c.checked.sha256 for c in checked],
                 "duplicate_of": document.duplicate_of_id, "duplicate_reason": duplicate_reason},
    )
    document_changed(document.pk)
    return document


def _cleaned(fields: dict) -> dict:
    unknown = set(fields) - set(REGISTER_FIELDS)
    if unknown:
        raise ValueError(f"unknown register fields: {sorted(unknown)}")
    cleaned = dict(fields)
    for name in ("issuer_name", "symbol", "summary", "signer", "notes"):
        if name in cleaned:
            cleaned[name] = nfc(cleaned[name])
    if isinstance(cleaned.get("arrival_at"), datetime) and timezone.is_naive(cleaned["arrival_at"]):
        cleaned["arrival_at"] = timezone.make_aware(cleaned["arrival_at"])
    return cleaned
