"""The user's file name, made safe to keep as metadata and to show back. Files are stored under generated names."""
import re
import unicodedata

MAX_FILENAME_LENGTH = 200
FALLBACK_FILENAME = "tep-khong-ten"  # "tệp không tên", kept ASCII so it survives any header or archive tool

# Cc: C0/C1 controls (NUL, newline, ESC…); Cf: invisible format characters, among them the bidi overrides and
# isolates (U+202A–U+202E, U+2066–U+2069) that make "hóa đơn\u202Efdp.exe" display as "hóa đơnexe.pdf";
# Cs: lone surrogates, which cannot be encoded to UTF-8 at all.
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
# Only a short, plain suffix counts as an extension worth keeping when the name is shortened.
_EXTENSION = re.compile(r"\.[^\s.]{1,10}$")


def sanitize_filename(name: str) -> str:
    """Return `name` as a safe display name: NFC, last path component only, no control or bidi characters,
    single spaces, no leading dots or spaces, no trailing dots or spaces, at most 200 characters with the
    extension kept. Returns "tep-khong-ten" when nothing is left. Vietnamese letters are kept as they are.

    Raises nothing for any `str`; a non-`str` raises TypeError.
    """
    if not isinstance(name, str):
        raise TypeError(f"file name must be str, not {type(name).__name__}")
    name = re.split(r"[/\\]", name)[-1]
    # NFC after removing invisible characters, so a mark separated from its letter by one still composes.
    name = unicodedata.normalize("NFC", "".join(map(_visible, name)))
    name = " ".join(name.split())
    # Windows drops trailing dots and spaces; leading dots would give "..", "." or hidden files like ".htaccess".
    name = name.lstrip(". ").rstrip(". ")
    name = _shorten(name)
    return name or FALLBACK_FILENAME


def _visible(ch: str) -> str:
    if ch.isspace():
        return " "
    return "" if unicodedata.category(ch) in _REMOVED_CATEGORIES else ch


def _shorten(name: str) -> str:
    if len(name) <= MAX_FILENAME_LENGTH:
        return name
    match = _EXTENSION.search(name)
    extension = match.group() if match else ""
    stem = name[: MAX_FILENAME_LENGTH - len(extension)].rstrip(". ")
    return f"{stem}{extension}" if stem else name[:MAX_FILENAME_LENGTH].rstrip(". ")
