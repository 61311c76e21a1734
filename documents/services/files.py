"""Storing validated uploads: generated names, hashes recorded, originals never overwritten."""
from dataclasses import dataclass
from typing import BinaryIO

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import models, transaction

from iooffice.audit.services import audit_record
from iooffice.errors import InvalidTransition

from iooffice.queue import enqueue_on_commit
from search.hooks import document_changed

from .. import policies
from ..ingestion import ValidatedFile, validate_upload
from ..models import Document, DocumentFile, FileVersion


@dataclass
class Upload:
    fileobj: BinaryIO
    name: str


@dataclass
class CheckedUpload:
    upload: Upload
    checked: ValidatedFile


def uploads_validate(uploads: list[Upload]) -> list[CheckedUpload]:
    """Every file passes validation before anything is stored; the first refusal raises its UploadRejected."""
    return [CheckedUpload(u, validate_upload(fileobj=u.fileobj, original_name=u.name)) for u in uploads]


class StoredBlobs:
    """Names written to storage during one transaction, removed again if the transaction fails."""

    def __init__(self):
        self.names: list[tuple[object, str]] = []

    def add(self, field) -> None:
        self.names.append((field.storage, field.name))

    def discard(self) -> None:
        for storage, name in self.names:
            storage.delete(name)


def file_version_store(*, actor, file: DocumentFile, item: CheckedUpload, blobs: StoredBlobs, note: str = "") -> FileVersion:
    """Add the next version of `file`. Caller holds the transaction; text extraction is queued after commit."""
    from ..tasks import extract_file_version

    last = file.versions.aggregate(n=models.Max("number"))["n"] or 0
    checked = item.checked
    version = FileVersion(
        file=file, number=last + 1, extension=checked.extension, sha256=checked.sha256, size=checked.size,
        mime_type=checked.mime_type, page_count=checked.page_count, uploaded_by=actor, note=note,
    )
    item.upload.fileobj.seek(0)
    version.blob.save(f"upload{checked.extension}", File(item.upload.fileobj), save=False)
    blobs.add(version.blob)
    version.save()
    enqueue_on_commit(extract_file_version, version.pk)
    return version


def file_version_add(*, actor, file: DocumentFile, upload: Upload, note: str = "") -> FileVersion:
    """A correction: a new version of an existing file; the earlier versions stay as they were.

    Only the agency's clerks correct main files and attachments; handlers add versions of their result files.
    Raises PermissionDenied, InvalidTransition (purged document), UploadRejected.
    """

    document = file.document
    allowed = policies.document_can_correct(actor, document) if file.role != DocumentFile.Role.RESULT else (
        file.created_by_id == actor.pk or policies.document_can_correct(actor, document))
    if not allowed:
        raise PermissionDenied
    # Outgoing drafts get versions through their own service; an approved or issued text never changes.
    if document.status == Document.Status.PURGED or document.kind == Document.Kind.OUTGOING:
        raise InvalidTransition()
    item = uploads_validate([upload])[0]
    blobs = StoredBlobs()
    try:
        with transaction.atomic():
            version = file_version_store(actor=actor, file=file, item=item, blobs=blobs, note=note.strip())
            audit_record(actor=actor, action="document.file_version_add", obj=document,
                         details={"file": file.pk, "version": version.number, "sha256": version.sha256, "note": note.strip()})
            document_changed(document.pk)
            return version
    except BaseException:
        blobs.discard()
        raise


def result_file_attach(*, actor, document, upload: Upload, note: str = "") -> DocumentFile:
    """A handler attaches a result of their work (draft reply, report) to a document being handled."""

    if not policies.document_can_handle(actor, document):
        raise PermissionDenied
    if document.status != Document.Status.IN_PROGRESS:
        raise InvalidTransition()
    item = uploads_validate([upload])[0]
    blobs = StoredBlobs()
    try:
        with transaction.atomic():
            file = DocumentFile.objects.create(document=document, role=DocumentFile.Role.RESULT,
                                               display_name=item.checked.display_name, created_by=actor)
            version = file_version_store(actor=actor, file=file, item=item, blobs=blobs, note=note.strip())
            audit_record(actor=actor, action="document.result_attach", obj=document, details={"file": file.pk, "sha256": version.sha256})
            document_changed(document.pk)
            return file
    except BaseException:
        blobs.discard()
        raise
