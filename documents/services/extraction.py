"""Text extraction and OCR of stored file versions, run by the `ocr` worker queue.

The FileVersion row is the durable record of the work (its status is set in the registering transaction),
so a lost message or a killed worker delays the work but never loses it: `extraction_sweep` re-queues
what stayed unfinished.
"""
import logging
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from iooffice.audit.services import audit_record
from iooffice.errors import InvalidTransition
from iooffice.queue import enqueue_on_commit
from notifications import hooks as notification_hooks
from search.hooks import document_changed

from ..models import Document, FileVersion
from .quarantine import document_quarantine_if_marked

log = logging.getLogger(__name__)
Extraction = FileVersion.Extraction


def _progress_updater(version_id: int):
    def update(step: str, page: int, pages: int) -> None:
        status = Extraction.OCR if step == "ocr" else Extraction.EXTRACTING
        FileVersion.objects.filter(pk=version_id).update(
            extraction_status=status, extraction_page=page, extraction_pages=pages, extraction_updated_at=timezone.now()
        )

    return update


def _claim(version_id: int) -> FileVersion | None:
    with transaction.atomic():
        version = FileVersion.objects.select_for_update().select_related("file__document").filter(pk=version_id).first()
        if version is None or version.extraction_status in (Extraction.DONE, Extraction.FAILED) or not version.blob:
            return None
        version.extraction_status = Extraction.EXTRACTING
        version.extraction_attempts += 1
        version.extraction_error = ""
        version.extraction_updated_at = timezone.now()
        version.save(update_fields=["extraction_status", "extraction_attempts", "extraction_error", "extraction_updated_at"])
        return version


def extraction_run(*, version_id: int) -> None:
    """Extract (or OCR) one version's text, store it, and quarantine the document on a secrecy stamp.

    Safe to run twice or after a crash: a finished version is skipped, an unfinished one starts over.
    Raises what extraction raises; the task decides whether that is worth a retry.
    """
    from ..extraction import extract_text

    version = _claim(version_id)
    if version is None:
        return
    work = Path(tempfile.mkdtemp(prefix="iooffice-extract-"))
    try:
        source = work / f"original{version.extension}"
        with version.blob.open("rb") as blob, source.open("wb") as copy:
            shutil.copyfileobj(blob, copy)
        result = extract_text(path=source, mime_type=version.mime_type, out_dir=work, progress=_progress_updater(version.pk))
        with transaction.atomic():
            locked = FileVersion.objects.select_for_update().get(pk=version.pk)
            locked.text = result.text
            locked.text_method = result.method
            if result.page_count and not locked.page_count:
                locked.page_count = result.page_count
            if result.searchable_pdf:
                with result.searchable_pdf.open("rb") as pdf:
                    locked.searchable_pdf.save("searchable.pdf", File(pdf), save=False)
            locked.extraction_status = Extraction.DONE
            locked.extraction_page = locked.extraction_pages = result.page_count or 0
            locked.extraction_updated_at = timezone.now()
            locked.save()
            document_quarantine_if_marked(document_id=locked.file.document_id, text=result.text)
            document_changed(locked.file.document_id)
            if result.method == "ocr":
                notification_hooks.extraction_done(version=locked)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def extraction_fail(*, version_id: int, reason: str) -> None:
    """Record a failure the user can see and retry; the document stays registered."""
    updated = FileVersion.objects.filter(pk=version_id).exclude(extraction_status=Extraction.DONE).update(
        extraction_status=Extraction.FAILED, extraction_error=reason[:2000], extraction_updated_at=timezone.now()
    )
    if updated:
        version = FileVersion.objects.select_related("file").get(pk=version_id)
        audit_record(actor=None, action="document.extraction_failed", obj=version.file.document, details={"version": version_id, "reason": reason[:500]})
        notification_hooks.extraction_failed(version=version)


@transaction.atomic
def extraction_retry(*, actor, version: FileVersion) -> FileVersion:
    """Queue a failed extraction again. Raises InvalidTransition unless it failed."""
    from ..tasks import extract_file_version

    version = FileVersion.objects.select_for_update().get(pk=version.pk)
    if version.extraction_status != Extraction.FAILED:
        raise InvalidTransition()
    version.extraction_status = Extraction.QUEUED
    version.extraction_error = ""
    version.extraction_page = 0
    version.extraction_updated_at = timezone.now()
    version.save()
    audit_record(actor=actor, action="document.extraction_retry", obj=version.file.document, details={"version": version.pk})
    enqueue_on_commit(extract_file_version, version.pk)
    return version


def extraction_sweep() -> list[int]:
    """Re-queue versions left unfinished by a lost message or a killed worker. Returns their ids."""
    from ..tasks import extract_file_version

    now = timezone.now()
    queued_grace = timedelta(seconds=getattr(settings, "IOOFFICE_EXTRACTION_QUEUED_GRACE", 300))
    running_grace = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    stale = FileVersion.objects.filter(
        extraction_status=Extraction.QUEUED, extraction_updated_at__lt=now - queued_grace
    ) | FileVersion.objects.filter(
        extraction_status__in=[Extraction.EXTRACTING, Extraction.OCR], extraction_updated_at__lt=now - running_grace
    )
    requeued = []
    for version_id in stale.exclude(file__document__status=Document.Status.PURGED).values_list("pk", flat=True):
        with transaction.atomic():
            FileVersion.objects.filter(pk=version_id).update(extraction_status=Extraction.QUEUED, extraction_updated_at=now)
            enqueue_on_commit(extract_file_version, version_id)
        requeued.append(version_id)
    if requeued:
        log.warning("re-queued %d unfinished extractions: %s", len(requeued), requeued)
    return requeued
