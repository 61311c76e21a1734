"""Text extraction of uploaded documents: PDF text layers, OCR of scans and images, DOCX/ODT/DOC text, legacy
Vietnamese encodings (TCVN3, VNI) converted to Unicode NFC, and secrecy stamp detection.

A pure layer (no models, no tasks): `documents.services.extraction` runs it in the `ocr` worker queue. OCRmyPDF,
pypdfium2 and python-docx are imported only when a file of their kind is extracted, so importing this package
(e.g. for `find_secrecy_mark` in a web process) stays cheap.
"""

from .extract import ExtractionResult, extract_text, normalize_text
from .legacy_encodings import convert_legacy, detect_legacy_encoding
from .secrecy import find_secrecy_mark

__all__ = [
    "ExtractionResult",
    "convert_legacy",
    "detect_legacy_encoding",
    "extract_text",
    "find_secrecy_mark",
    "normalize_text",
]
