"""Upload validation: what an accepted file looks like, and each refusal shown with a crafted file.

Pure functions: no test here touches the database.
"""
import contextlib
import hashlib
import io
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from documents.ingestion import (
    WARNING_MESSAGES,
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
    ValidatedFile,
    sanitize_filename,
    validate_upload,
)
from iooffice.errors import DomainError

from . import samples

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
DOC = "application/msword"


def validate(data: bytes, name: str = "cong-van.pdf", **kwargs) -> ValidatedFile:
    return validate_upload(fileobj=io.BytesIO(data), original_name=name, **kwargs)


def refusal(data: bytes, name: str = "cong-van.pdf", **kwargs) -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        validate(data, name, **kwargs)
    return caught.value


# --- accepted files ----------------------------------------------------------------------------------------


def test_born_digital_pdf_is_accepted_with_its_page_count():
    data = samples.pdf(("Trang 1", "Trang 2", "Trang 3"))

    result = validate(data, "Công văn số 45.pdf")

    assert result == ValidatedFile(
        display_name="Công văn số 45.pdf",
        mime_type=PDF,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        extension=".pdf",
        page_count=3,
        warnings=(),
    )


def test_sha256_and_size_cover_every_byte_of_a_file_larger_than_one_read_chunk():
    data = samples.image("TIFF", (1000, 800))  # uncompressed: 2.4 MB, more than one 1 MB chunk
    assert len(data) > 2 * 1024 * 1024

    result = validate(data, "scan.tif")

    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert result.size == len(data)


@pytest.mark.parametrize("word_order", [True, False], ids=["content-types-first", "content-types-last"])
def test_docx_is_accepted_as_docx_whatever_the_entry_order(word_order):
    """GIVEN a minimal DOCX; with [Content_Types].xml last, libmagic only says application/zip
    THEN the container's own content types still identify it as DOCX."""
    result = validate(samples.docx(word_order=word_order), "to-trinh.docx")

    assert (result.mime_type, result.extension, result.page_count, result.warnings) == (DOCX, ".docx", None, ())


def test_odt_is_accepted_as_odt():
    result = validate(samples.odt(), "bao-cao.odt")

    assert (result.mime_type, result.extension, result.warnings) == (ODT, ".odt", ())


@pytest.mark.parametrize("directory_last", [False, True], ids=["directory-first", "directory-past-8kb"])
def test_word_97_doc_is_accepted_even_when_its_directory_lies_past_the_first_8_kb(directory_last):
    data = samples.ole_compound_file("WordDocument", stream_size=16 * 1024, directory_last=directory_last)

    result = validate(data, "cong-van-cu.doc")

    assert (result.mime_type, result.extension) == (DOC, ".doc")


@pytest.mark.parametrize(
    ("data", "name", "mime_type", "extension", "page_count"),
    [
        (samples.image("JPEG"), "anh-chup.jpeg", "image/jpeg", ".jpg", None),
        (samples.image("PNG"), "anh.png", "image/png", ".png", None),
        (samples.image("TIFF"), "scan.tiff", "image/tiff", ".tif", 1),
    ],
    ids=["jpeg", "png", "tiff"],
)
def test_scanned_images_are_accepted(data, name, mime_type, extension, page_count):
    result = validate(data, name)

    assert (result.mime_type, result.extension, result.page_count, result.warnings) == (
        mime_type,
        extension,
        page_count,
        (),
    )


def test_multipage_tiff_reports_its_page_count():
    result = validate(samples.multipage_tiff(((100, 140), (100, 140), (120, 80))), "fax.tif")

    assert result.page_count == 3


def test_pdf_named_docx_is_accepted_as_pdf_with_the_canonical_extension():
    result = validate(samples.pdf(), "bao-cao.docx")

    assert (result.mime_type, result.extension, result.display_name) == (PDF, ".pdf", "bao-cao.docx")
    assert result.warnings == ("extension_mismatch",)


def test_display_name_is_the_sanitised_name_and_the_rtl_trick_is_flagged():
    result = validate(samples.pdf(), "hóa đơn\u202efdp.exe")

    assert result.display_name == "hóa đơnfdp.exe"
    assert result.mime_type == PDF
    assert "extension_mismatch" in result.warnings


def test_every_warning_code_has_a_message():
    assert {"extension_mismatch", "pdf_javascript", "pdf_embedded_files", "pdf_launch_action"} == set(WARNING_MESSAGES)


def test_django_in_memory_upload_is_accepted():
    data = samples.pdf()
    upload = SimpleUploadedFile("cong-van.pdf", data, content_type="application/zip")  # browser's claim: ignored

    result = validate_upload(fileobj=upload, original_name=upload.name)

    assert (result.mime_type, result.sha256) == (PDF, hashlib.sha256(data).hexdigest())


def test_django_temporary_file_upload_is_accepted():
    data = samples.docx()
    upload = TemporaryUploadedFile("to-trinh.docx", "application/octet-stream", len(data), None)
    upload.write(data)
    try:
        result = validate_upload(fileobj=upload, original_name=upload.name)
    finally:
        upload.close()

    assert (result.mime_type, result.size) == (DOCX, len(data))


@pytest.mark.parametrize(
    "data", [samples.pdf(), samples.plain_zip(), samples.encrypted_pdf(), b""], ids=["accepted", "zip", "pdf", "empty"]
)
def test_file_object_is_rewound_after_validation_accepted_or_not(data):
    fileobj = io.BytesIO(data)
    fileobj.seek(len(data) // 2)

    with contextlib.suppress(UploadRejected):
        validate_upload(fileobj=fileobj, original_name="x.pdf")

    assert fileobj.tell() == 0
    assert fileobj.read() == data


# --- refusals ----------------------------------------------------------------------------------------------


def test_empty_file_is_refused():
    error = refusal(b"")

    assert isinstance(error, EmptyFile)
    assert (error.code, error.status) == ("empty_file", 400)


def test_file_over_max_bytes_is_refused_with_413_and_the_figures():
    data = samples.pdf()

    error = refusal(data, max_bytes=100)

    assert isinstance(error, FileTooLarge)
    assert (error.code, error.status) == ("file_too_large", 413)
    assert error.details == {"limit": 100, "size": len(data)}


def test_file_of_exactly_max_bytes_is_accepted():
    data = samples.pdf()

    assert validate(data, max_bytes=len(data)).size == len(data)


def test_upload_limit_comes_from_settings_at_call_time(settings):
    settings.IOOFFICE_UPLOAD_MAX_BYTES = 100

    error = refusal(samples.pdf())

    assert error.code == "file_too_large"
    assert error.details["limit"] == 100


def test_zip_named_pdf_is_refused_as_an_archive():
    error = refusal(samples.plain_zip(), "cong-van.pdf")

    assert isinstance(error, ArchiveNotAllowed)
    assert error.code == "archive_not_allowed"
    assert error.details == {"detected_type": "application/zip"}


@pytest.mark.parametrize("kind", sorted(samples.ARCHIVES))
def test_archives_are_refused(kind):
    error = refusal(samples.ARCHIVES[kind](), "ho-so.pdf")

    assert isinstance(error, ArchiveNotAllowed)
    assert error.code == "archive_not_allowed"


@pytest.mark.parametrize(
    ("kind", "detected_type"),
    [
        ("html", "text/html"),
        ("svg", "image/svg+xml"),
        ("plain text", "text/plain"),
        ("windows executable", "application/x-dosexec"),
        ("excel 97", "application/vnd.ms-excel"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("docm (vba macros)", "application/vnd.ms-word.document.macroEnabled.12"),
        ("gif", "image/gif"),
    ],
)
def test_types_outside_the_allow_list_are_refused_whatever_the_name(kind, detected_type):
    error = refusal(samples.NOT_DOCUMENTS[kind](), "cong-van.pdf")

    assert isinstance(error, FileTypeNotAllowed)
    assert error.code == "file_type_not_allowed"
    assert error.details == {"detected_type": detected_type}


def test_docx_zip_bomb_is_refused():
    """GIVEN a DOCX of ~20 KB whose document part expands to 20 MB (ratio ~1000)."""
    error = refusal(samples.docx_bomb(), "to-trinh.docx")

    assert isinstance(error, ArchiveBomb)
    assert error.code == "archive_bomb"
    assert error.details["ratio"] > 100


def test_png_declaring_a_huge_size_is_refused_before_decoding():
    """GIVEN a 1x1 PNG whose header claims 30000x30000 pixels (a decompression bomb)."""
    error = refusal(samples.png_declaring_size(30_000, 30_000), "anh.png")

    assert isinstance(error, ImageTooLarge)
    assert error.code == "image_too_large"


def test_image_over_the_configured_pixel_limit_is_refused_with_its_size(settings):
    settings.IOOFFICE_IMAGE_MAX_PIXELS = 1_000

    error = refusal(samples.image("PNG", (40, 30)), "anh.png")

    assert error.code == "image_too_large"
    assert error.details == {"width": 40, "height": 30, "max_pixels": 1_000}


def test_tiff_with_one_oversized_later_page_is_refused(settings):
    settings.IOOFFICE_IMAGE_MAX_PIXELS = 10_000

    error = refusal(samples.multipage_tiff(((50, 50), (50, 50), (400, 300))), "fax.tif")

    assert error.code == "image_too_large"
    assert (error.details["width"], error.details["height"]) == (400, 300)


@pytest.mark.parametrize(
    ("data", "detected_type"),
    [
        (samples.truncated_pdf(), PDF),
        (samples.truncated_png(), "image/png"),
        (samples.truncated_jpeg(), "image/jpeg"),
        (samples.docx_without_main_part(), DOCX),
    ],
    ids=["truncated-pdf", "truncated-png", "truncated-jpeg", "docx-without-main-part"],
)
def test_corrupt_files_are_refused(data, detected_type):
    error = refusal(data)

    assert isinstance(error, FileCorrupt)
    assert error.code == "file_corrupt"
    assert error.details["detected_type"] == detected_type


def test_encrypted_pdf_is_refused():
    error = refusal(samples.encrypted_pdf())

    assert isinstance(error, PdfEncrypted)
    assert error.code == "pdf_encrypted"


ACTIVE_PDFS = [
    (samples.pdf_with_document_javascript, "javascript"),
    (samples.pdf_with_open_action_javascript, "javascript"),
    (samples.pdf_with_page_open_javascript, "javascript"),
    (samples.pdf_with_link_launch_action, "launch_action"),
    (samples.pdf_with_attachment, "embedded_files"),
    (samples.pdf_with_file_attachment_annotation, "embedded_files"),
]
ACTIVE_PDF_IDS = [
    "names-tree-javascript",
    "open-action-javascript",
    "page-action-javascript",
    "link-launch-action",
    "embedded-files-tree",
    "file-attachment-annotation",
]


@pytest.mark.parametrize(("build", "found"), ACTIVE_PDFS, ids=ACTIVE_PDF_IDS)
def test_pdf_with_active_content_is_refused(build, found):
    error = refusal(build())

    assert isinstance(error, PdfActiveContent)
    assert error.code == "pdf_active_content"
    assert error.details == {"found": [found]}


@pytest.mark.parametrize(("build", "found"), ACTIVE_PDFS, ids=ACTIVE_PDF_IDS)
def test_pdf_with_active_content_is_accepted_with_a_warning_when_settings_allow_it(settings, build, found):
    settings.IOOFFICE_PDF_ALLOW_ACTIVE_CONTENT = True

    result = validate(build())

    assert (result.mime_type, result.page_count) == (PDF, 1)
    assert result.warnings == (f"pdf_{found}",)


REFUSALS = {
    EmptyFile: ("empty_file", 400),
    FileTooLarge: ("file_too_large", 413),
    FileTypeNotAllowed: ("file_type_not_allowed", 400),
    ArchiveNotAllowed: ("archive_not_allowed", 400),
    ArchiveBomb: ("archive_bomb", 400),
    ImageTooLarge: ("image_too_large", 400),
    FileCorrupt: ("file_corrupt", 400),
    PdfEncrypted: ("pdf_encrypted", 400),
    PdfActiveContent: ("pdf_active_content", 400),
}


@pytest.mark.parametrize("error_class", REFUSALS, ids=lambda cls: cls.__name__)
def test_each_refusal_is_a_domain_error_with_a_stable_code_status_and_message(error_class):
    assert issubclass(error_class, DomainError)
    assert (error_class.code, error_class.status) == REFUSALS[error_class]
    assert str(error_class.default_message)


def test_refusal_codes_are_unique():
    codes = [code for code, _status in REFUSALS.values()]

    assert len(set(codes)) == len(codes)


def test_importing_the_module_reads_no_settings():
    """Run in a fresh interpreter with no settings module at all: any settings access at import would fail."""
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    completed = subprocess.run(
        [sys.executable, "-c", "import documents.ingestion.validation"],
        cwd=Path(__file__).resolve().parents[3],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert completed.returncode == 0, completed.stderr


# --- file names --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\win.ini", "win.ini"),
        ("C:\\Users\\vanthu\\Desktop\\Công văn 12.pdf", "Công văn 12.pdf"),
        ("/var/www/../uploads/to-trinh.docx", "to-trinh.docx"),
    ],
)
def test_directory_components_are_stripped(name, expected):
    assert sanitize_filename(name) == expected


def test_right_to_left_override_is_removed():
    assert sanitize_filename("hóa đơn\u202efdp.exe") == "hóa đơnfdp.exe"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bao\x00cao\x1b.pdf", "baocao.pdf"),
        ("a\u2066b\u2069c\u200fd\u200be\ufeff.pdf", "abcde.pdf"),  # bidi isolate, RLM, zero-width space, BOM
        ("lone\udc80surrogate.pdf", "lonesurrogate.pdf"),
    ],
)
def test_control_and_invisible_characters_are_removed(name, expected):
    assert sanitize_filename(name) == expected


def test_nfd_name_becomes_nfc():
    nfd = unicodedata.normalize("NFD", "Quyết định bổ nhiệm.pdf")
    assert nfd != "Quyết định bổ nhiệm.pdf"

    assert sanitize_filename(nfd) == "Quyết định bổ nhiệm.pdf"


@pytest.mark.parametrize("name", ["Công văn số 45.pdf", "Tờ trình Đảng ủy (bản 2).docx", "ĐỀ ÁN ỨNG DỤNG.odt"])
def test_vietnamese_names_are_kept_as_they_are(name):
    assert sanitize_filename(name) == name


def test_whitespace_is_collapsed_and_trimmed():
    assert sanitize_filename("  Báo\tcáo \n  tháng\u00a05 .pdf  ") == "Báo cáo tháng 5 .pdf"


@pytest.mark.parametrize(
    ("name", "expected"),
    [(".htaccess", "htaccess"), ("..pdf", "pdf"), (". . .bashrc", "bashrc"), ("to-trinh.pdf. . ", "to-trinh.pdf")],
)
def test_leading_and_trailing_dots_are_stripped(name, expected):
    assert sanitize_filename(name) == expected


@pytest.mark.parametrize("name", ["", "   ", "..", ".", "../..", "dir/", "\u202e\u200b", "\x00\x01"])
def test_name_with_nothing_left_falls_back_to_tep_khong_ten(name):
    assert sanitize_filename(name) == "tep-khong-ten"


def test_long_name_is_cut_to_200_characters_keeping_the_extension():
    result = sanitize_filename("Công văn " * 40 + ".docx")

    assert len(result) == 200
    assert result.endswith(".docx")
    assert result.startswith("Công văn Công văn")


def test_long_name_without_a_plain_extension_is_cut_to_200_characters():
    assert sanitize_filename("x" * 500) == "x" * 200
