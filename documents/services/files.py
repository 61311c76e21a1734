"""Storing validated uploads: generated names, hashes recorded, originals never overwritten."""
from dataclasses import dataclass
from typing import BinaryIO

from django.core.files import File
from django.db import models

from iooffice.queue import enqueue_on_commit

from ..ingestion import ValidatedFile, validate_upload
from ..models import DocumentFile, FileVersion


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
