"""OCR with the real Tesseract (vie+eng) through OCRmyPDF: rendered Vietnamese pages as PNG and as scanned PDFs.

Each test costs a few seconds of OCR, so there are few of them.
"""

import subprocess

import pikepdf
import pytest

from documents.extraction import extract_text, find_secrecy_mark

from . import samples
from .samples import SENTENCE, SENTENCE_2

pytestmark = pytest.mark.slow


def squash(text: str) -> str:
    return " ".join(text.split())


def assert_sentence_recognised(text: str) -> None:
    text = squash(text)
    for part in ("Tỉnh ủy Nghệ An", "Công văn số", "123-CV/TU", "cải cách hành chính"):
        assert part in text, f"{part!r} not in OCR text {text!r}"


def pdftotext(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode("utf-8")


def test_png_scan_is_recognised_with_diacritics_into_a_searchable_pdf(tmp_path):
    """GIVEN a 300 DPI PNG without resolution metadata, as some scanners and phones write it
    THEN OCRmyPDF reads it at 300 DPI, the text keeps its diacritics and the searchable PDF has a text layer."""
    source = samples.png(tmp_path / "scan.png", [SENTENCE, SENTENCE_2], dpi=None)
    calls = []

    result = extract_text(
        path=source, mime_type="image/png", out_dir=tmp_path / "out", progress=lambda *a: calls.append(a)
    )

    assert (result.method, result.page_count, result.converted_from) == ("image_ocr", 1, None)
    assert_sentence_recognised(result.text)
    assert "lãnh đạo thực hiện nhiệm vụ chính trị" in squash(result.text)
    assert result.searchable_pdf == tmp_path / "out" / "searchable.pdf" and result.searchable_pdf.is_file()
    assert "Nghệ An" in pdftotext(result.searchable_pdf)
    with pikepdf.open(result.searchable_pdf) as searchable:
        assert searchable.open_metadata().pdfa_status == "2B"  # PDF/A-2b, also with Debian 12's Ghostscript 10.0.0
    assert calls == [("extracting", 0, 1), ("ocr", 0, 1), ("ocr", 1, 1)]


def test_scanned_pdf_is_ocrd_page_by_page_and_its_secrecy_stamp_found(tmp_path):
    source = samples.image_only_pdf(
        tmp_path / "scan.pdf",
        [["TỈNH ỦY NGHỆ AN", "Số 123-CV/TU", "TỐI MẬT", "", SENTENCE], ["Trang 2", SENTENCE_2]],
    )
    calls = []

    result = extract_text(
        path=source, mime_type="application/pdf", out_dir=tmp_path / "out", progress=lambda *a: calls.append(a)
    )

    assert (result.method, result.page_count) == ("ocr", 2)
    first, second = result.text.split("\f")
    assert_sentence_recognised(first)
    assert SENTENCE_2 in squash(second)
    assert find_secrecy_mark(result.text) == "toi_mat"
    assert calls == [("extracting", 0, 2), ("ocr", 0, 2), ("ocr", 1, 2), ("ocr", 2, 2)]
    layer = pdftotext(result.searchable_pdf)
    assert "Nghệ An" in layer and "\f" in layer


def test_scanned_attachment_after_a_typed_letter_is_ocrd_and_typed_pages_keep_their_text(tmp_path):
    """GIVEN a born-digital letter with a scanned page appended
    THEN only the scanned page is OCR'd; the typed pages keep their own text layer."""
    scan = samples.png(tmp_path / "attachment.png", [SENTENCE])
    source = samples.born_digital_pdf(
        tmp_path / "letter.pdf", [f"Kính gửi: Ban Thường vụ. {SENTENCE_2}"], scan_page=scan
    )

    result = extract_text(path=source, mime_type="application/pdf", out_dir=tmp_path / "out")

    assert (result.method, result.page_count) == ("ocr", 2)
    typed, scanned = result.text.split("\f")
    assert "Kính gửi: Ban Thường vụ." in typed and SENTENCE_2 in squash(typed)
    assert_sentence_recognised(scanned)
    assert result.searchable_pdf.is_file()
