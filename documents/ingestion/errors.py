"""Why an upload is refused. Each refusal has a stable `code` the API and the portal can rely on."""
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from iooffice.errors import DomainError


class UploadRejected(DomainError):
    """Base of every refusal raised by upload validation."""

    code = "upload_rejected"
    default_message = _("The file cannot be accepted.")


class EmptyFile(UploadRejected):
    code = "empty_file"
    default_message = _("The file is empty. Choose the file again and re-upload it.")


class FileTooLarge(UploadRejected):
    """details: `limit` and `size`, both in bytes."""

    code = "file_too_large"
    status = 413

    def __init__(self, *, limit: int, size: int):
        message = format_lazy(
            _("The file is too large ({size}). The largest file accepted is {limit}."),
            size=filesizeformat(size),
            limit=filesizeformat(limit),
        )
        super().__init__(message, details={"limit": limit, "size": size})


class FileTypeNotAllowed(UploadRejected):
    """details: `detected_type`, the MIME type found in the content."""

    code = "file_type_not_allowed"
    default_message = _(
        "This kind of file is not accepted. Upload a PDF, a Word document (DOC, DOCX), "
        "an OpenDocument text (ODT) or a JPEG, PNG or TIFF image."
    )

    def __init__(self, *, detected_type: str):
        super().__init__(details={"detected_type": detected_type})


class ArchiveNotAllowed(UploadRejected):
    """details: `detected_type`."""

    code = "archive_not_allowed"
    default_message = _(
        "Compressed archives (ZIP, RAR, 7z, …) are not accepted. Extract the documents and upload each one."
    )

    def __init__(self, *, detected_type: str):
        super().__init__(details={"detected_type": detected_type})


class ArchiveBomb(UploadRejected):
    """A DOCX/ODT whose ZIP container would expand to an unreasonable size. details: the measured figures."""

    code = "archive_bomb"
    default_message = _("The document expands to an unreasonable size when opened and cannot be accepted.")


class ImageTooLarge(UploadRejected):
    """details: `max_pixels`, and `width`/`height` when they could be read safely."""

    code = "image_too_large"
    default_message = _("The image has too many pixels. Scan or export it at a lower resolution.")


class FileCorrupt(UploadRejected):
    """details: `detected_type`."""

    code = "file_corrupt"
    default_message = _("The file is damaged or incomplete and cannot be opened. Upload it again or ask the sender.")


class PdfEncrypted(UploadRejected):
    code = "pdf_encrypted"
    default_message = _(
        "The PDF is password-protected or encrypted. Ask the sender for a version without a password."
    )


class PdfActiveContent(UploadRejected):
    """details: `found`, a list among "javascript", "embedded_files", "launch_action"."""

    code = "pdf_active_content"
    default_message = _(
        "The PDF contains scripts, launch actions or attached files, which are not accepted. "
        "Ask the sender for a plain PDF (for example printed again to PDF)."
    )
