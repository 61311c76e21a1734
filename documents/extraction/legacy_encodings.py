"""Vietnamese text typed in pre-Unicode fonts (TCVN3/ABC and VNI), detected and converted to Unicode (NFC).

Such text reaches us as Unicode already, but wrong: Word, LibreOffice and PDF readers turn the font's byte codes
into the Windows-1252 (Latin-1) characters of the same code, so "Tổng bí thư" typed with a .VnTime font arrives as
"Tæng bÝ th\xad" and with a VNI-Times font as "Toång bí thö". Python has no codec for either encoding and no
established library converts them, so the tables are written out here.

Where the tables come from and how they were checked
-----------------------------------------------------
* TCVN3 is the VN3 character set of TCVN 5712:1993, the one the ABC ".VnTime" fonts implement: the seven base
  letters Ă Â Ê Ô Ơ Ư Đ and their lowercase forms at 0xA1–0xAE, and the 60 lowercase toned vowels from 0xB5 to
  0xFE (in each group: grave, hook, tilde, acute, dot below). VN3 has no toned capitals; those are typed with the
  lowercase codes in a capitals font (".VnTimeH"), which is why `convert_legacy` upper-cases the toned letters of
  words and lines typed in capitals. The tone marks VN3 also places at 0xB0–0xB4 as separate characters are left
  alone: the ABC fonts and converters don't use them, and 0xB0 is the degree sign in the text we receive.
  Every code below was compared with glibc's iconv "TCVN5712-1" converter (the VN1 superset of VN3, whose
  0xA1–0xFE codes for these letters are the same); `tests/documents/extraction/test_legacy_encodings.py` repeats
  that comparison when iconv is present.
* VNI is the VNI Windows font encoding (VNI-Times and siblings): a base letter followed by a mark character
  ("a" + "ù" = á, "a" + "â" = â, "a" + "á" = ấ, "a" + "ê" = ă, "a" + "é" = ắ), five single codes for the i forms
  (í ì æ ó ò = í ì ỉ ĩ ị), "î" for ỵ, "ô"/"ö" for ơ/ư and "ñ"/"Ñ" for đ/Đ; capitals use the capital marks. The table
  was written from that scheme and checked entry by entry against the VNI table of the xvnkb input method
  (lamdao/xvnkb, vni.h) and against well-known VNI samples ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
  "Xin chaøo caùc baïn"). The tests round-trip sample sentences through both tables.
"""

import re
import unicodedata

TCVN3 = "tcvn3"
VNI = "vni"

# TCVN3 (VN3) code → Unicode. Keys are the Latin-1 characters of the same code, as the text reaches us.
_TCVN3_CODES: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
TCVN3_TO_UNICODE: dict[str, str] = {chr(code): letter for code, letter in _TCVN3_CODES.items()}

# VNI Windows sequence → Unicode, one line per vowel: tones (acute, grave, hook, tilde, dot below), then the
# circumflex or breve forms with the same tone order.
VNI_TO_UNICODE: dict[str, str] = {
    "aù": "á", "aø": "à", "aû": "ả", "aõ": "ã", "aï": "ạ",
    "aâ": "â", "aá": "ấ", "aà": "ầ", "aå": "ẩ", "aã": "ẫ", "aä": "ậ",
    "aê": "ă", "aé": "ắ", "aè": "ằ", "aú": "ẳ", "aü": "ẵ", "aë": "ặ",
    "eù": "é", "eø": "è", "eû": "ẻ", "eõ": "ẽ", "eï": "ẹ",
    "eâ": "ê", "eá": "ế", "eà": "ề", "eå": "ể", "eã": "ễ", "eä": "ệ",
    "où": "ó", "oø": "ò", "oû": "ỏ", "oõ": "õ", "oï": "ọ",
    "oâ": "ô", "oá": "ố", "oà": "ồ", "oå": "ổ", "oã": "ỗ", "oä": "ộ",
    "ô": "ơ", "ôù": "ớ", "ôø": "ờ", "ôû": "ở", "ôõ": "ỡ", "ôï": "ợ",
    "uù": "ú", "uø": "ù", "uû": "ủ", "uõ": "ũ", "uï": "ụ",
    "ö": "ư", "öù": "ứ", "öø": "ừ", "öû": "ử", "öõ": "ữ", "öï": "ự",
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
    "yù": "ý", "yø": "ỳ", "yû": "ỷ", "yõ": "ỹ", "î": "ỵ",
    "ñ": "đ",
    "AÙ": "Á", "AØ": "À", "AÛ": "Ả", "AÕ": "Ã", "AÏ": "Ạ",
    "AÂ": "Â", "AÁ": "Ấ", "AÀ": "Ầ", "AÅ": "Ẩ", "AÃ": "Ẫ", "AÄ": "Ậ",
    "AÊ": "Ă", "AÉ": "Ắ", "AÈ": "Ằ", "AÚ": "Ẳ", "AÜ": "Ẵ", "AË": "Ặ",
    "EÙ": "É", "EØ": "È", "EÛ": "Ẻ", "EÕ": "Ẽ", "EÏ": "Ẹ",
    "EÂ": "Ê", "EÁ": "Ế", "EÀ": "Ề", "EÅ": "Ể", "EÃ": "Ễ", "EÄ": "Ệ",
    "OÙ": "Ó", "OØ": "Ò", "OÛ": "Ỏ", "OÕ": "Õ", "OÏ": "Ọ",
    "OÂ": "Ô", "OÁ": "Ố", "OÀ": "Ồ", "OÅ": "Ổ", "OÃ": "Ỗ", "OÄ": "Ộ",
    "Ô": "Ơ", "ÔÙ": "Ớ", "ÔØ": "Ờ", "ÔÛ": "Ở", "ÔÕ": "Ỡ", "ÔÏ": "Ợ",
    "UÙ": "Ú", "UØ": "Ù", "UÛ": "Ủ", "UÕ": "Ũ", "UÏ": "Ụ",
    "Ö": "Ư", "ÖÙ": "Ứ", "ÖØ": "Ừ", "ÖÛ": "Ử", "ÖÕ": "Ữ", "ÖÏ": "Ự",
    "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị",
    "YÙ": "Ý", "YØ": "Ỳ", "YÛ": "Ỷ", "YÕ": "Ỹ", "Î": "Ỵ",
    "Ñ": "Đ",
}  # fmt: skip
_VNI_PAIRS = {seq: letter for seq, letter in VNI_TO_UNICODE.items() if len(seq) == 2}
_VNI_SINGLES = {seq: letter for seq, letter in VNI_TO_UNICODE.items() if len(seq) == 1}

# --- detection ------------------------------------------------------------------------------------------------
# A "word" here is a run of anything but whitespace, ASCII digits and ASCII punctuation: TCVN3 letters include
# symbols such as "¸" and "®", which a \w+ pattern would cut out of the word.
_WORD = re.compile(r"[^\s!-@\[-`{-~]+")
# TCVN3 codes that are symbols in Latin-1 (¡–¾): they never stand inside a word of Unicode text. The soft hyphen
# (ư) is left out because PDFs of hyphenated English or Vietnamese text carry it inside words too.
_TCVN3_SYMBOLS = frozenset(ch for ch in TCVN3_TO_UNICODE if ch <= "\u00be") - {"\u00ad"}
# VNI letter+mark pairs that cannot occur in Unicode Vietnamese ("oà", "oá", "oã" can: hoà, hoá), and single
# VNI codes that are not Vietnamese letters (đ, ư).
_VNI_SIGNAL_PAIRS = frozenset(_VNI_PAIRS) - {"oà", "oá", "oã", "OÀ", "OÁ", "OÃ"}
_VNI_SIGNAL_SINGLES = frozenset("ñÑöÖ")
# Letters that exist only in Unicode Vietnamese (outside Latin-1): their presence means the text is Unicode.
_UNICODE_ONLY_VIETNAMESE = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)

MIN_SIGNAL_WORDS = 2
MIN_SHARE_OF_NON_ASCII_WORDS = 0.15
# Most Vietnamese syllables carry a mark, so a legacy text has signals in a good share of all its words, while an
# English text with a few foreign names (naïve, Müller, España) has them in very few.
MIN_SHARE_OF_WORDS = 0.1


def _is_tcvn3_signal(word: str) -> bool:
    if word.startswith("«") and word.endswith("»"):  # French quotes around a word; in TCVN3 no word ends in "»" (ằ)
        word = word[1:-1]
    return any(ch in _TCVN3_SYMBOLS for ch in word) and any("a" <= ch.lower() <= "z" for ch in word)


def _is_vni_signal(word: str) -> bool:
    if any(ch in _VNI_SIGNAL_SINGLES for ch in word):
        return True
    return any(word[i : i + 2] in _VNI_SIGNAL_PAIRS for i in range(len(word) - 1))


def _scores(text: str) -> tuple[int, int, int, int, int]:
    """(words, words with non-ASCII characters, TCVN3 signal words, VNI signal words, Unicode Vietnamese words)."""
    words = non_ascii = tcvn3 = vni = unicode_words = 0
    for word in _WORD.findall(text):
        words += 1
        if word.isascii():
            continue
        non_ascii += 1
        if _UNICODE_ONLY_VIETNAMESE.search(word):
            unicode_words += 1
        elif _is_tcvn3_signal(word):
            tcvn3 += 1
        elif _is_vni_signal(word):
            vni += 1
    return words, non_ascii, tcvn3, vni, unicode_words


def detect_legacy_encoding(text: str) -> str | None:
    """Return "tcvn3" or "vni" when `text` reads as Vietnamese typed in a legacy font, else None.

    Scored on words: TCVN3 shows Latin-1 symbols inside words ("C«ng v¨n", "®ång"), VNI shows a vowel followed by
    a mark character no Unicode word has ("Vieät", "haønh") or ñ/ö for đ/ư. An encoding is reported only when at
    least `MIN_SIGNAL_WORDS` words carry its signal, making up `MIN_SHARE_OF_WORDS` of all words and
    `MIN_SHARE_OF_NON_ASCII_WORDS` of those with non-ASCII characters, and they outnumber the words with
    Unicode-only Vietnamese letters (ă, đ, ơ, ư, ạ…), so Unicode Vietnamese, English and the odd foreign name are
    left alone. TCVN3 wins a tie: its symbols never occur in VNI text, while a few TCVN3 words look like VNI.
    """
    words, non_ascii, tcvn3, vni, unicode_words = _scores(unicodedata.normalize("NFC", text))
    for encoding, hits, rival in ((TCVN3, tcvn3, vni), (VNI, vni, tcvn3)):
        if (
            hits >= MIN_SIGNAL_WORDS
            and hits >= MIN_SHARE_OF_WORDS * words
            and hits >= MIN_SHARE_OF_NON_ASCII_WORDS * non_ascii
            and hits > unicode_words
            and hits >= rival
        ):
            return encoding
    return None


# --- conversion -----------------------------------------------------------------------------------------------
_TCVN3_TRANSLATION = str.maketrans(TCVN3_TO_UNICODE)
_LINE = re.compile(r"[^\n\f]*")
_TOKEN = re.compile(r"\S+")


def _decode_vni(word: str) -> str:
    out, i = [], 0
    while i < len(word):
        pair = _VNI_PAIRS.get(word[i : i + 2])
        if pair:
            out.append(pair)
            i += 2
        else:
            out.append(_VNI_SINGLES.get(word[i], word[i]))
            i += 1
    return "".join(out)


def _is_capitals(word: str) -> bool:
    """Typed in capitals: at least two ASCII capitals and no ASCII lowercase letter ("NGHÖ", "MËT")."""
    letters = [ch for ch in word if ch.isascii() and ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _convert_tcvn3_line(line: str) -> str:
    tokens = _TOKEN.findall(line)
    # A line typed in capitals (".VnTimeH"): most of its words are capitals, so a one-letter word such as "X·"
    # (XÃ) or "Tù" (TỰ) in it is one too. Words with digits (symbols like "123-CV/TU") don't vote.
    voters = [t for t in tokens if not any(ch.isdigit() for ch in t) and any(ch.isascii() and ch.isalpha() for ch in t)]
    capitals_line = bool(voters) and sum(_is_capitals(t) for t in voters) >= max(2, 0.6 * len(voters))

    def convert(match: re.Match) -> str:
        word = match.group()
        if not word.isascii() and not any(ord(ch) > 0xFF for ch in word):
            converted = word.translate(_TCVN3_TRANSLATION)
            if _is_capitals(word) or (
                capitals_line and converted != word and not any(ch.islower() for ch in word if ch.isascii())
            ):
                converted = converted.upper()
            return converted
        return word

    return _TOKEN.sub(convert, line)


def _convert_vni_line(line: str) -> str:
    return _TOKEN.sub(lambda m: m.group() if any(ord(ch) > 0xFF for ch in m.group()) else _decode_vni(m.group()), line)


def convert_legacy(text: str, encoding: str) -> str:
    """Convert TCVN3 ("tcvn3") or VNI ("vni") text to Unicode NFC.

    Works line by line so that a document mixing Unicode and legacy paragraphs keeps its Unicode ones: a line with
    Unicode-only Vietnamese letters and no legacy signal is left as it is, and so is any word holding a character
    beyond Latin-1. Raises ValueError for an unknown encoding.
    """
    if encoding == TCVN3:
        convert_line, is_signal = _convert_tcvn3_line, _is_tcvn3_signal
    elif encoding == VNI:
        convert_line, is_signal = _convert_vni_line, _is_vni_signal
    else:
        raise ValueError(f"unknown legacy encoding: {encoding!r}")

    def line(match: re.Match) -> str:
        content = match.group()
        if _UNICODE_ONLY_VIETNAMESE.search(content) and not any(is_signal(w) for w in _WORD.findall(content)):
            return content
        return convert_line(content)

    return unicodedata.normalize("NFC", _LINE.sub(line, unicodedata.normalize("NFC", text)))
