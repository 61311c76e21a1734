"""Text extraction of one stored file: dispatch on its detected MIME type, then normalise the text.

Pure: reads the file, writes only into `out_dir` (the searchable PDF of a scan, OCR's sidecar, a converted image),
and knows nothing of models or tasks. The worker copies the original into a scratch directory, calls
`extract_text`, stores the result and removes the directory.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import ocr, office, pdf
from .legacy_encodings import convert_legacy, detect_legacy_encoding

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
DOC = "application/msword"
IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/tiff"})

PDF_TEXT = "pdf_text"
DOCX_METHOD = "docx"
ODT_METHOD = "odt"
DOC_METHOD = "doc"  # antiword, only where it is installed
OCR = "ocr"
IMAGE_OCR = "image_ocr"
UNSUPPORTED = "unsupported"

EXTRACTING = "extracting"
OCR_STEP = "ocr"

Progress = Callable[[str, int, int], None]


@dataclass
class ExtractionResult:
    """What `extract_text` found. `text` is Unicode NFC with legacy encodings converted; pages are separated by
    form feeds ("\\f") where the source has pages (PDF, OCR)."""

    text: str
    method: str  # "pdf_text" | "docx" | "odt" | "doc" | "ocr" | "image_ocr" | "unsupported"
    page_count: int | None
    searchable_pdf: Path | None  # OCRmyPDF output (PDF/A where it could be made) for scans, in out_dir
    converted_from: str | None  # "tcvn3" | "vni" | None


# --- normalisation --------------------------------------------------------------------------------------------
_LINE_BREAKS = str.maketrans({"\r": "\n", "\v": "\n", "\u2028": "\n", "\u2029": "\n", "\ufeff": None})
# C0 and C1 controls and DEL, except tab, line feed and form feed (the page separator).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _normalize(text: str) -> tuple[str, str | None]:
    text = _CONTROLS.sub("", text.replace("\r\n", "\n").translate(_LINE_BREAKS))
    text = unicodedata.normalize("NFC", text)
    encoding = detect_legacy_encoding(text)
    if encoding:
        text = convert_legacy(text, encoding)
    return text, encoding


def normalize_text(text: str) -> str:
    """Unicode NFC, TCVN3/VNI text converted, line ends made "\\n", control characters removed except tabs, line
    feeds and form feeds (kept as page separators)."""
    return _normalize(text)[0]


# --- dispatch -------------------------------------------------------------------------------------------------


def _languages(languages: str) -> list[str]:
    codes = [code.strip() for code in languages.split("+") if code.strip()]
    if not codes or not all(re.fullmatch(r"[A-Za-z_]+", code) for code in codes):
        raise ValueError(f"invalid Tesseract languages: {languages!r}")
    return codes


def _reporter(progress: Progress | None) -> Progress:
    last: tuple[str, int, int] | None = None

    def report(step: str, done: int, total: int) -> None:
        nonlocal last
        if progress is not None and (step, done, total) != last:
            last = (step, done, total)
            progress(step, done, total)

    return report


def _result(raw: str, method: str, page_count: int | None, searchable_pdf: Path | None = None) -> ExtractionResult:
    text, encoding = _normalize(raw)
    return ExtractionResult(
        text=text, method=method, page_count=page_count, searchable_pdf=searchable_pdf, converted_from=encoding
    )


def extract_text(
    *,
    path: Path,
    mime_type: str,
    out_dir: Path,
    progress: Progress | None = None,
    languages: str = "vie+eng",
) -> ExtractionResult:
    """Extract the text of the file at `path`, whose type was detected from its content as `mime_type`.

    Born-digital PDFs give their text layer; scans (and PDFs with image pages without text) and JPEG/PNG/TIFF
    images are OCR'd with OCRmyPDF in `languages` ("vie+eng"), which also writes a searchable PDF into `out_dir`.
    DOCX and ODT are read directly, DOC through antiword where it is installed. Other types, and DOC without
    antiword, give an empty "unsupported" result.

    `progress(step, done, total)` is called with ("extracting", 0, n) at the start, ("ocr", k, n) as OCR finishes
    page k (from ("ocr", 0, n) to ("ocr", n, n)), and ("extracting", n, n) when a file needed no OCR; n is the
    page count (0 when unknown). Exceptions of the parsers and of OCRmyPDF propagate: a damaged file is the
    caller's to record.
    """
    report = _reporter(progress)
    out_dir.mkdir(parents=True, exist_ok=True)
    mime = mime_type.split(";")[0].strip().lower()
    if mime == PDF:
        return _from_pdf(path, out_dir, report, _languages(languages))
    if mime in IMAGE_TYPES:
        return _from_image(path, out_dir, report, _languages(languages))
    if mime in (DOCX, ODT):
        report(EXTRACTING, 0, 0)
        raw, pages = office.docx_text(path) if mime == DOCX else office.odt_text(path)
        report(EXTRACTING, pages or 0, pages or 0)
        return _result(raw, DOCX_METHOD if mime == DOCX else ODT_METHOD, pages)
    if mime == DOC:
        report(EXTRACTING, 0, 0)
        raw_doc = office.doc_text(path)
        if raw_doc is not None:
            return _result(raw_doc, DOC_METHOD, None)
    return ExtractionResult(text="", method=UNSUPPORTED, page_count=None, searchable_pdf=None, converted_from=None)


def _from_pdf(path: Path, out_dir: Path, report: Progress, languages: list[str]) -> ExtractionResult:
    pages = pdf.read_pdf_pages(path)
    total = len(pages)
    report(EXTRACTING, 0, total)
    if not pdf.needs_ocr(pages):
        report(EXTRACTING, total, total)
        return _result("\f".join(page.text for page in pages), PDF_TEXT, total)
    report(OCR_STEP, 0, total)
    output = ocr.ocr_to_searchable_pdf(
        source=path,
        out_dir=out_dir,
        languages=languages,
        report=lambda done: report(OCR_STEP, done, total),
        fallback_page_texts=[page.text for page in pages],
    )
    report(OCR_STEP, output.page_count, output.page_count)
    return _result("\f".join(output.page_texts), OCR, output.page_count, output.searchable_pdf)


def _from_image(path: Path, out_dir: Path, report: Progress, languages: list[str]) -> ExtractionResult:
    source, image_dpi, frames = ocr.prepare_image(path, out_dir)
    report(EXTRACTING, 0, frames)
    report(OCR_STEP, 0, frames)
    output = ocr.ocr_to_searchable_pdf(
        source=source,
        out_dir=out_dir,
        languages=languages,
        image_dpi=image_dpi,
        report=lambda done: report(OCR_STEP, done, frames),
    )
    report(OCR_STEP, output.page_count, output.page_count)
    return _result("\f".join(output.page_texts), IMAGE_OCR, output.page_count, output.searchable_pdf)
