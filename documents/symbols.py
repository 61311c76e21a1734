"""Party document symbols (số, ký hiệu): `{number}-{type}/{issuer}`, e.g. 123-CV/TU."""
import re
import unicodedata

_SPACES = re.compile(r"\s+")


def symbol_key(symbol: str) -> str:
    """A comparison key: NFC, upper case, no spaces, so `45-cv/btctu` and `45-CV / BTCTU` are one symbol."""
    return _SPACES.sub("", unicodedata.normalize("NFC", symbol or "")).upper()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()
