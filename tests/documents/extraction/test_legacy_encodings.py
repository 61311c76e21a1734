"""TCVN3 (ABC, .VnTime) and VNI text: the tables, detection and conversion back to Unicode NFC."""

import shutil
import subprocess
import unicodedata

import pytest

from documents.extraction import convert_legacy, detect_legacy_encoding, normalize_text
from documents.extraction.legacy_encodings import _TCVN3_CODES, TCVN3_TO_UNICODE, VNI_TO_UNICODE

from .samples import SENTENCE, SENTENCE_2

TCVN3_ENCODE = {letter: code for code, letter in TCVN3_TO_UNICODE.items()}
VNI_ENCODE = {letter: sequence for sequence, letter in VNI_TO_UNICODE.items()}
VIETNAMESE_LETTERS = sorted(set(VNI_TO_UNICODE.values()))


def to_tcvn3(text: str) -> str:
    """Unicode → TCVN3 as Word shows a .VnTime document: toned capitals have no code of their own and are typed
    with the lowercase code in the capitals font (.VnTimeH)."""
    return "".join(TCVN3_ENCODE.get(ch) or TCVN3_ENCODE.get(ch.lower()) or ch for ch in text)


def to_vni(text: str) -> str:
    return "".join(VNI_ENCODE.get(ch, ch) for ch in text)


def test_tables_cover_the_vietnamese_alphabet():
    assert len(VIETNAMESE_LETTERS) == 134  # 67 lowercase letters with marks, and their capitals
    assert set(VNI_TO_UNICODE.values()) == set(VIETNAMESE_LETTERS)
    lowercase = {ch for ch in VIETNAMESE_LETTERS if ch.islower()}
    assert lowercase <= set(TCVN3_TO_UNICODE.values())
    assert set(TCVN3_TO_UNICODE.values()) - lowercase == set("ĂÂÊÔƠƯĐ")
    assert all(unicodedata.is_normalized("NFC", ch) for ch in VIETNAMESE_LETTERS)


@pytest.mark.skipif(shutil.which("iconv") is None, reason="glibc iconv not installed")
def test_tcvn3_codes_agree_with_glibc_tcvn5712_converter():
    """GIVEN glibc's TCVN5712-1 (VN1) converter, a superset of VN3 with the same codes for these letters
    THEN every code of our table decodes to the same letter there."""
    codes = list(_TCVN3_CODES)
    raw = b" ".join(bytes([code]) for code in codes)
    decoded = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=raw, capture_output=True, check=True)
    assert decoded.stdout.decode("utf-8").split(" ") == [_TCVN3_CODES[code] for code in codes]


@pytest.mark.parametrize(
    ("legacy", "encoding", "unicode_text"),
    [
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "tcvn3", "Độc lập - Tự do - Hạnh phúc"),
        ("Tæng bÝ th\u00ad", "tcvn3", "Tổng bí thư"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "vni", "Độc lập - Tự do - Hạnh phúc"),
        ("Xin chaøo caùc baïn", "vni", "Xin chào các bạn"),
    ],
)
def test_well_known_legacy_samples_convert(legacy, encoding, unicode_text):
    """The samples are the usual ones of Vietnamese converters, written independently of our tables."""
    assert convert_legacy(legacy, encoding) == unicode_text


@pytest.mark.parametrize("sentence", [SENTENCE, SENTENCE_2])
@pytest.mark.parametrize(("encoding", "encode"), [("tcvn3", to_tcvn3), ("vni", to_vni)])
def test_sentence_round_trips_through_legacy_encoding(sentence, encoding, encode):
    legacy = encode(sentence)
    assert legacy != sentence

    assert detect_legacy_encoding(legacy) == encoding
    assert convert_legacy(legacy, encoding) == sentence
    assert normalize_text(legacy) == sentence


@pytest.mark.parametrize(("encoding", "encode"), [("tcvn3", to_tcvn3), ("vni", to_vni)])
def test_every_lowercase_letter_round_trips(encoding, encode):
    words = " ".join(f"t{letter}n" for letter in VIETNAMESE_LETTERS if letter.islower())
    assert convert_legacy(encode(words), encoding) == words


def test_every_capital_letter_round_trips_in_vni():
    words = " ".join(f"T{letter}N" for letter in VIETNAMESE_LETTERS if letter.isupper())
    assert convert_legacy(to_vni(words), "vni") == words


def test_tcvn3_capitals_font_lines_come_back_in_capitals():
    """GIVEN a .VnTimeH heading, where toned capitals are stored with lowercase codes
    THEN words and lines typed in capitals come back in capitals, and mixed-case lines keep their case."""
    text = "\n".join(
        [
            "TỈNH ỦY NGHỆ AN",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "ĐỘC LẬP - TỰ DO - HẠNH PHÚC",
            "Số 123-CV/TU",
            "TỐI MẬT",
            "Hà Nội, ngày 5 tháng 3 năm 2024",
        ]
    )
    legacy = to_tcvn3(text)

    assert detect_legacy_encoding(legacy) == "tcvn3"
    assert convert_legacy(legacy, "tcvn3") == text


def test_unicode_lines_of_a_mixed_document_are_kept():
    unicode_line = "Kính gửi: Ban Thường vụ Tỉnh ủy Nghệ An"
    text = "\n".join([unicode_line, to_tcvn3(SENTENCE), to_tcvn3(SENTENCE_2)])

    assert detect_legacy_encoding(text) == "tcvn3"
    assert convert_legacy(text, "tcvn3").split("\n") == [unicode_line, SENTENCE, SENTENCE_2]


ENGLISH = (
    "The committee met in Geneva with Mr. Müller from Zürich and Ms. Núñez from España to discuss the naïve "
    "approach to coöperation in the region; the report, written in a café, was approved after a long debate "
    "about the budget and the schedule for the next meeting of the working group. © 2024 ACME® · «Draft»"
)


@pytest.mark.parametrize(
    "text",
    [
        SENTENCE,
        SENTENCE_2,
        "Hoà bình, hoá đơn, khoá học, quà tặng, thuê nhà, tuý luý: chữ Việt Unicode có dấu.",
        unicodedata.normalize("NFD", SENTENCE + "\n" + SENTENCE_2),
        "BẢO MẬT THÔNG TIN: Văn bản không mật, giữ bí mật mật khẩu.",
        ENGLISH,
        "Nhiệt độ 25°C · giá 1.000 ₫ · «Trích yếu» · § 3 ¶ 2",
        "",
    ],
)
def test_unicode_and_english_text_is_not_taken_for_legacy(text):
    assert detect_legacy_encoding(text) is None
    assert normalize_text(text) == unicodedata.normalize("NFC", text)


def test_unknown_encoding_is_refused():
    with pytest.raises(ValueError):
        convert_legacy("abc", "viscii")
