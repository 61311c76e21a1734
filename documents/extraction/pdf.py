"""The text layer of a PDF (pypdfium2), and whether the PDF is a scan that needs OCR."""

from dataclasses import dataclass
from pathlib import Path

# Average non-space characters per page below which a PDF counts as a scan: a born-digital page has hundreds,
# a scan's text layer is empty or holds a stray page number or a scanner's stamp.
MIN_CHARS_PER_PAGE = 20


@dataclass(frozen=True)
class PdfPage:
    text: str  # the text layer, "\n" line ends
    has_images: bool


def read_pdf_pages(path: Path) -> list[PdfPage]:
    """Text layer and presence of images of each page, in order.

    Raises pypdfium2.PdfiumError for a PDF that PDFium cannot open (corrupt, or encrypted with a password).
    """
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    pdf = pypdfium2.PdfDocument(path)
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    # get_text_bounded covers all of Unicode; get_text_range is limited to UCS-2.
                    text = textpage.get_text_bounded()
                finally:
                    textpage.close()
                has_images = next(iter(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])), None) is not None
            finally:
                page.close()
            pages.append(PdfPage(text=text.replace("\r\n", "\n").replace("\r", "\n"), has_images=has_images))
        return pages
    finally:
        pdf.close()


def _visible_chars(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def needs_ocr(pages: list[PdfPage]) -> bool:
    """True for a scan: under `MIN_CHARS_PER_PAGE` non-space characters per page on average. Also true for a
    born-digital PDF with image pages that have no text at all (scanned attachments after a typed letter): OCR
    with skip_text then recognises only those pages and keeps the others' text as it is. A blank page without
    images needs nothing."""
    if not pages:
        return False
    counts = [_visible_chars(page.text) for page in pages]
    if sum(counts) < MIN_CHARS_PER_PAGE * len(pages):
        return True
    return any(count == 0 and page.has_images for count, page in zip(counts, pages, strict=True))
