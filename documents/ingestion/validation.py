"""Upload validation: the checks every file passes before anything is stored. Pure: it reads the file it is
given and settings at call time, and stores, logs and enqueues nothing.

The type always comes from the content (libmagic, then the container or parser for the type found), never from
the user's file name; the name is only sanitised for display.
"""
import hashlib
import os
from dataclasses import dataclass
from typing import BinaryIO

import magic
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import containers, images, pdf
from .errors import ArchiveNotAllowed, EmptyFile, FileCorrupt, FileTooLarge, FileTypeNotAllowed, PdfActiveContent
from .filenames import sanitize_filename

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_IMAGE_MAX_PIXELS = 100_000_000

DOC = "application/msword"
# Canonical extension of each accepted type, then the other extensions users give such files.
ALLOWED_TYPES: dict[str, tuple[str, ...]] = {
    pdf.PDF: (".pdf",),
    containers.DOCX: (".docx",),
    DOC: (".doc",),
    containers.ODT: (".odt",),
    images.JPEG: (".jpg", ".jpeg", ".jpe", ".jfif"),
    images.PNG: (".png",),
    images.TIFF: (".tif", ".tiff"),
}
ARCHIVE_TYPES = frozenset(
    {
        "application/zip",
        "application/x-zip-compressed",
        "application/java-archive",
        "application/x-rar",
        "application/vnd.rar",
        "application/x-rar-compressed",
        "application/x-7z-compressed",
        "application/gzip",
        "application/x-gzip",
        "application/x-tar",
        "application/x-gtar",
        "application/x-bzip2",
        "application/x-xz",
        "application/x-lzma",
        "application/x-lzip",
        "application/zstd",
        "application/x-compress",
        "application/x-archive",
        "application/x-cpio",
        "application/vnd.ms-cab-compressed",
        "application/x-arj",
        "application/x-lha",
        "application/x-lzh-compressed",
        "application/x-iso9660-image",
    }
)

HEAD_BYTES = 8 * 1024
_HASH_CHUNK_BYTES = 1024 * 1024
_ZIP_SIGNATURE = b"PK\x03\x04"
# What libmagic answers for the first 8 KB of a Word 97 (OLE2) file whose directory lies further on.
_OLE_UNRESOLVED = frozenset(
    {"application/x-ole-storage", "application/CDFV2", "application/CDFV2-corrupt", "application/vnd.ms-office"}
)
# libmagic names a DOCX/ODT only when the entries come in the order Word/LibreOffice write them; otherwise
# it says zip (or, in some versions, octet-stream), so ZIP containers are always judged by their entries.
_ZIP_CONTAINER_TYPES = frozenset({"application/zip", "application/x-zip-compressed", containers.DOCX, containers.ODT})

WARNING_EXTENSION_MISMATCH = "extension_mismatch"
WARNING_PDF_JAVASCRIPT = f"pdf_{pdf.JAVASCRIPT}"
WARNING_PDF_EMBEDDED_FILES = f"pdf_{pdf.EMBEDDED_FILES}"
WARNING_PDF_LAUNCH_ACTION = f"pdf_{pdf.LAUNCH_ACTION}"
# `ValidatedFile.warnings` holds these stable codes; show the clerk the message.
WARNING_MESSAGES = {
    WARNING_EXTENSION_MISMATCH: _("The file name's extension does not match its content; it was kept by its content."),
    WARNING_PDF_JAVASCRIPT: _("The PDF contains scripts. Open it only in the built-in viewer."),
    WARNING_PDF_EMBEDDED_FILES: _("The PDF contains attached files, which are kept but not checked."),
    WARNING_PDF_LAUNCH_ACTION: _("The PDF contains an action that starts another program."),
}


@dataclass(frozen=True)
class ValidatedFile:
    display_name: str  # sanitised user file name, NFC, metadata only
    mime_type: str  # detected by libmagic from content, never from the name/extension
    size: int
    sha256: str  # hex
    extension: str  # canonical extension for the detected type (".pdf", ".docx", ...)
    page_count: int | None  # for PDFs and TIFFs; None where it is not cheap to know
    warnings: tuple[str, ...] = ()  # codes, keys of WARNING_MESSAGES


def validate_upload(*, fileobj: BinaryIO, original_name: str, max_bytes: int | None = None) -> ValidatedFile:
    """Check an uploaded file and describe it. `fileobj` is a Django UploadedFile or any seekable binary file
    object; it is read (in chunks for hashing) and always left rewound to 0, also when a check fails.

    `max_bytes` defaults to settings.IOOFFICE_UPLOAD_MAX_BYTES (50 MB); settings.IOOFFICE_IMAGE_MAX_PIXELS
    (100 million) bounds images and settings.IOOFFICE_PDF_ALLOW_ACTIVE_CONTENT (False) turns the PDF active
    content refusal into warnings. Settings are read on each call.

    Raises (all UploadRejected, a DomainError, status 400 unless said):
      EmptyFile (empty_file); FileTooLarge (file_too_large, status 413);
      ArchiveNotAllowed (archive_not_allowed) for ZIP, RAR, 7z, gzip, tar and the like;
      FileTypeNotAllowed (file_type_not_allowed) for any type outside PDF, DOCX, DOC, ODT, JPEG, PNG, TIFF;
      ArchiveBomb (archive_bomb) for a DOCX/ODT expanding to an unreasonable size;
      ImageTooLarge (image_too_large); PdfEncrypted (pdf_encrypted); PdfActiveContent (pdf_active_content);
      FileCorrupt (file_corrupt) when the detected type's parser cannot read the file.
    """
    if max_bytes is None:
        max_bytes = getattr(settings, "IOOFFICE_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)
    display_name = sanitize_filename(original_name)
    try:
        size = _size_of(fileobj)
        if size == 0:
            raise EmptyFile()
        if size > max_bytes:
            raise FileTooLarge(limit=max_bytes, size=size)
        mime_type = _detect_type(fileobj, size=size)
        page_count, warnings = _inspect_content(fileobj, mime_type=mime_type)
        sha256 = _sha256(fileobj)
    finally:
        fileobj.seek(0)
    extensions = ALLOWED_TYPES[mime_type]
    if os.path.splitext(display_name)[1].lower() not in extensions:
        warnings = (WARNING_EXTENSION_MISMATCH, *warnings)
    return ValidatedFile(
        display_name=display_name,
        mime_type=mime_type,
        size=size,
        sha256=sha256,
        extension=extensions[0],
        page_count=page_count,
        warnings=warnings,
    )


def _size_of(fileobj: BinaryIO) -> int:
    # Measured from the stream itself rather than trusting a `size` attribute.
    fileobj.seek(0, os.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(0)
    return size


def _detect_type(fileobj: BinaryIO, *, size: int) -> str:
    head = fileobj.read(HEAD_BYTES)
    fileobj.seek(0)
    detected = magic.from_buffer(head, mime=True)
    if detected in _OLE_UNRESOLVED and size > len(head):
        # libmagic tells Word from Excel and others by the OLE2 directory, which may be anywhere in the file.
        detected = magic.from_buffer(fileobj.read(), mime=True)
        fileobj.seek(0)
    if detected in _ZIP_CONTAINER_TYPES or (detected == "application/octet-stream" and head.startswith(_ZIP_SIGNATURE)):
        container_type = containers.zip_document_type(fileobj, size=size)
        fileobj.seek(0)
        if container_type == containers.ZIP and detected in (containers.DOCX, containers.ODT):
            # Named a document by its first entries, yet its main part is missing.
            raise FileCorrupt(details={"detected_type": detected})
        detected = container_type
    return detected


def _inspect_content(fileobj: BinaryIO, *, mime_type: str) -> tuple[int | None, tuple[str, ...]]:
    """Return (page count, warning codes) for an allowed type; raise the refusal for any other."""
    if mime_type in ARCHIVE_TYPES:
        raise ArchiveNotAllowed(detected_type=mime_type)
    if mime_type not in ALLOWED_TYPES:
        raise FileTypeNotAllowed(detected_type=mime_type)
    if mime_type == pdf.PDF:
        return _inspect_pdf(fileobj)
    if mime_type in (images.JPEG, images.PNG, images.TIFF):
        max_pixels = getattr(settings, "IOOFFICE_IMAGE_MAX_PIXELS", DEFAULT_IMAGE_MAX_PIXELS)
        return images.inspect_image(fileobj, mime_type=mime_type, max_pixels=max_pixels), ()
    return None, ()  # DOC, and DOCX/ODT already checked as containers


def _inspect_pdf(fileobj: BinaryIO) -> tuple[int, tuple[str, ...]]:
    facts = pdf.inspect_pdf(fileobj)
    found = sorted(facts.active_content)
    if found and not getattr(settings, "IOOFFICE_PDF_ALLOW_ACTIVE_CONTENT", False):
        raise PdfActiveContent(details={"found": found})
    return facts.page_count, tuple(f"pdf_{kind}" for kind in found)


def _sha256(fileobj: BinaryIO) -> str:
    fileobj.seek(0)
    digest = hashlib.sha256()
    while chunk := fileobj.read(_HASH_CHUNK_BYTES):
        digest.update(chunk)
    return digest.hexdigest()
