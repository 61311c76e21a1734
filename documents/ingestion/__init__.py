"""Ingestion of document files: validation before anything is stored (then text extraction and OCR)."""
from .errors import (
    ArchiveBomb,
    ArchiveNotAllowed,
    EmptyFile,
    FileCorrupt,
    FileTooLarge,
    FileTypeNotAllowed,
    ImageTooLarge,
    PdfActiveContent,
    PdfEncrypted,
    UploadRejected,
)
from .filenames import sanitize_filename
from .validation import WARNING_MESSAGES, ValidatedFile, validate_upload

__all__ = [
    "WARNING_MESSAGES",
    "ArchiveBomb",
    "ArchiveNotAllowed",
    "EmptyFile",
    "FileCorrupt",
    "FileTooLarge",
    "FileTypeNotAllowed",
    "ImageTooLarge",
    "PdfActiveContent",
    "PdfEncrypted",
    "UploadRejected",
    "ValidatedFile",
    "sanitize_filename",
    "validate_upload",
]
