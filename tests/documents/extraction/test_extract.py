"""extract_text without OCR: born-digital PDFs, DOCX, ODT, DOC and other types, and text normalisation."""

import unicodedata
from pathlib import Path

import pytest

from documents.extraction import ExtractionResult, extract_text, find_secrecy_mark, normalize_text
from documents.extraction.office import antiword_available

from . import samples
from .samples import SENTENCE, SENTENCE_2
from .test_legacy_encodings import to_tcvn3, to_vni

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"


def squash(text: str) -> str:
    return " ".join(text.split())


# --- normalize_text -------------------------------------------------------------------------------------------


def test_nfd_text_becomes_nfc():
    nfd = unicodedata.normalize("NFD", SENTENCE)
    assert nfd != SENTENCE

    assert normalize_text(nfd) == SENTENCE
    assert unicodedata.is_normalized("NFC", normalize_text(nfd))


def test_control_characters_go_and_line_structure_stays():
    raw = "Tỉnh\x00 ủy\x07\r\nNghệ\tAn\rCông văn\x1b\x7f\x85\fTrang hai\u2028dòng\ufeff"
    assert normalize_text(raw) == "Tỉnh ủy\nNghệ\tAn\nCông văn\fTrang hai\ndòng"


# --- born-digital PDF -----------------------------------------------------------------------------------------


def test_born_digital_pdf_gives_its_text_layer(tmp_path):
    source = samples.born_digital_pdf(
        tmp_path / "in.pdf", [f"{SENTENCE}\n{SENTENCE_2}", "Trang hai: Kết luận 82-KL/TW."]
    )
    calls = []

    result = extract_text(path=source, mime_type=PDF, out_dir=tmp_path / "out", progress=lambda *a: calls.append(a))

    assert (result.method, result.page_count, result.searchable_pdf, result.converted_from) == (
        "pdf_text",
        2,
        None,
        None,
    )
    first, second = result.text.split("\f")
    assert SENTENCE in squash(first) and SENTENCE_2 in squash(first)
    assert "Kết luận 82-KL/TW" in second
    assert calls == [("extracting", 0, 2), ("extracting", 2, 2)]
    assert list((tmp_path / "out").iterdir()) == []


def test_mime_type_parameters_and_case_are_ignored(tmp_path):
    source = samples.born_digital_pdf(tmp_path / "in.pdf", [SENTENCE])
    result = extract_text(path=source, mime_type="Application/PDF; charset=binary", out_dir=tmp_path / "out")
    assert result.method == "pdf_text"


# --- DOCX -----------------------------------------------------------------------------------------------------


def test_docx_gives_paragraphs_and_table_cells_in_order(tmp_path):
    source = samples.docx(
        tmp_path / "in.docx",
        paragraphs=["TỈNH ỦY NGHỆ AN", "Số 123-CV/TU"],
        table=[["Nơi nhận", "Trích yếu"], ["Các ban đảng", "Cải cách hành chính"]],
        after_table=[SENTENCE],
        deleted="Đoạn đã xóa",
    )

    result = extract_text(path=source, mime_type=DOCX, out_dir=tmp_path / "out")

    assert result.method == "docx"
    assert result.text.split("\n") == [
        "TỈNH ỦY NGHỆ AN",
        "Số 123-CV/TU",
        "Nơi nhận",
        "Trích yếu",
        "Các ban đảng",
        "Cải cách hành chính",
        SENTENCE,
        "Giữ lại",
    ]


def test_docx_typed_in_tcvn3_fonts_is_converted(tmp_path):
    """GIVEN a DOCX typed with .VnTime fonts, which Word stores as the Latin-1 characters of the font's codes
    THEN the text comes back in Unicode and the result says what it was converted from."""
    source = samples.docx(
        tmp_path / "in.docx",
        paragraphs=[to_tcvn3("TỈNH ỦY NGHỆ AN"), to_tcvn3("TỐI MẬT"), to_tcvn3(SENTENCE), to_tcvn3(SENTENCE_2)],
    )

    result = extract_text(path=source, mime_type=DOCX, out_dir=tmp_path / "out")

    assert result.converted_from == "tcvn3"
    assert result.text.split("\n") == ["TỈNH ỦY NGHỆ AN", "TỐI MẬT", SENTENCE, SENTENCE_2]
    assert find_secrecy_mark(result.text) == "toi_mat"


# --- ODT ------------------------------------------------------------------------------------------------------


def test_odt_gives_headings_and_paragraphs_in_order(tmp_path):
    body = (
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
        "<text:p>Đoạn đã xóa</text:p></text:deletion></text:changed-region></text:tracked-changes>"
        '<text:h text:outline-level="1">TỈNH ỦY NGHỆ AN</text:h>'
        "<text:p>Số<text:s/>123-CV/TU<text:tab/>MẬT</text:p>"
        "<table:table><table:table-row>"
        "<table:table-cell><text:p>Nơi nhận</text:p></table:table-cell>"
        '<table:table-cell><text:p>Trích<text:s text:c="2"/>yếu</text:p></table:table-cell>'
        "</table:table-row></table:table>"
        f"<text:p><text:span>{SENTENCE[:20]}</text:span>{SENTENCE[20:]}"
        "<office:annotation><dc:creator>Ai</dc:creator><text:p>Ghi chú</text:p></office:annotation></text:p>"
        f"<text:p>{SENTENCE_2}<text:line-break/>Hết</text:p>"
    )
    source = samples.odt(tmp_path / "in.odt", body)

    result = extract_text(path=source, mime_type=ODT, out_dir=tmp_path / "out")

    assert (result.method, result.page_count, result.converted_from) == ("odt", 2, None)
    assert result.text.split("\n") == [
        "TỈNH ỦY NGHỆ AN",
        "Số 123-CV/TU\tMẬT",
        "Nơi nhận",
        "Trích  yếu",
        SENTENCE,
        SENTENCE_2,
        "Hết",
    ]


def test_odt_typed_in_vni_fonts_is_converted(tmp_path):
    body = "".join(f"<text:p>{to_vni(line)}</text:p>" for line in ("TUYỆT MẬT", SENTENCE, SENTENCE_2))
    source = samples.odt(tmp_path / "in.odt", body)

    result = extract_text(path=source, mime_type=ODT, out_dir=tmp_path / "out")

    assert result.converted_from == "vni"
    assert result.text.split("\n") == ["TUYỆT MẬT", SENTENCE, SENTENCE_2]


def test_odt_with_a_doctype_entity_is_not_expanded(tmp_path):
    """An XML entity in content.xml is neither resolved nor fetched (XXE, billion laughs)."""
    evil = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        f"<office:document-content {samples.ODT_NAMESPACES}><office:body><office:text>"
        "<text:p>&e;an toàn</text:p></office:text></office:body></office:document-content>"
    )
    source = samples.odt(tmp_path / "in.odt", "", content=evil)

    result = extract_text(path=source, mime_type=ODT, out_dir=tmp_path / "out")
    assert "root:" not in result.text
    assert "an toàn" in result.text


# --- DOC and other types --------------------------------------------------------------------------------------


FILES = Path(__file__).resolve().parent / "files"


@pytest.mark.skipif(not antiword_available(), reason="antiword is installed by scripts/setup.sh and the Dockerfile")
def test_doc_text_comes_through_antiword_in_nfc(tmp_path):
    result = extract_text(path=FILES / "cong-van-word97.doc", mime_type="application/msword", out_dir=tmp_path / "out")

    assert result.method == "doc"
    assert "V/v triển khai công tác cải cách hành chính năm 2027" in result.text
    assert unicodedata.is_normalized("NFC", result.text)


def test_doc_without_antiword_is_unsupported(tmp_path, monkeypatch):
    monkeypatch.setattr("documents.extraction.office.shutil.which", lambda name: None)
    source = tmp_path / "in.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)

    result = extract_text(path=source, mime_type="application/msword", out_dir=tmp_path / "out")

    assert result == ExtractionResult(
        text="", method="unsupported", page_count=None, searchable_pdf=None, converted_from=None
    )


def test_other_types_are_unsupported(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text(SENTENCE, encoding="utf-8")

    result = extract_text(path=source, mime_type="text/plain", out_dir=tmp_path / "out")

    assert (result.text, result.method) == ("", "unsupported")


def test_invalid_languages_are_refused(tmp_path):
    source = samples.born_digital_pdf(tmp_path / "in.pdf", [SENTENCE])
    with pytest.raises(ValueError):
        extract_text(path=source, mime_type=PDF, out_dir=tmp_path / "out", languages="vie+eng; rm -rf /")
