import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .document import Document


def original_path(instance, filename: str) -> str:
    """Generated name only: the user's file name never reaches the file system."""
    return f"originals/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{instance.extension}"


def derived_path(instance, filename: str) -> str:
    return f"derived/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class DocumentFile(models.Model):
    """A file of a document (main text, attachment, handling result); its content lives in versions."""

    class Role(models.TextChoices):
        MAIN = "main", _("Main file")
        ATTACHMENT = "attachment", _("Attachment")
        RESULT = "result", _("Handling result")

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="files")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MAIN)
    display_name = models.CharField(_("file name"), max_length=255)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.display_name


class FileVersion(models.Model):
    """An immutable original (blob, hash, size, type) plus its derived, rebuildable text."""

    class Extraction(models.TextChoices):
        QUEUED = "queued", _("Queued")
        EXTRACTING = "extracting", _("Extracting text")
        OCR = "ocr", _("Recognising text (OCR)")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    UNFINISHED = (Extraction.QUEUED, Extraction.EXTRACTING, Extraction.OCR)

    file = models.ForeignKey(DocumentFile, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    blob = models.FileField(upload_to=original_path, max_length=200, blank=True)
    extension = models.CharField(max_length=10)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField()
    mime_type = models.CharField(max_length=120)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(_("note"), max_length=500, blank=True)

    extraction_status = models.CharField(max_length=12, choices=Extraction.choices, default=Extraction.QUEUED, db_index=True)
    extraction_page = models.PositiveIntegerField(default=0)
    extraction_pages = models.PositiveIntegerField(default=0)
    extraction_error = models.TextField(blank=True)
    extraction_attempts = models.PositiveSmallIntegerField(default=0)
    extraction_updated_at = models.DateTimeField(default=timezone.now)
    text = models.TextField(blank=True)
    text_method = models.CharField(max_length=20, blank=True)
    searchable_pdf = models.FileField(upload_to=derived_path, max_length=200, blank=True)

    class Meta:
        verbose_name = _("file version")
        verbose_name_plural = _("file versions")
        ordering = ["file_id", "number"]
        constraints = [models.UniqueConstraint(fields=["file", "number"], name="file_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.file.display_name} v{self.number}"
