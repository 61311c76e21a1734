"""Documents for the extraction tests, built in code at test time (no binary files in the repo)."""

import zipfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian's fonts-dejavu-core: Vietnamese glyphs
SENTENCE = "Tỉnh ủy Nghệ An — Công văn số 123-CV/TU về cải cách hành chính"
SENTENCE_2 = "Đảng bộ tỉnh lãnh đạo thực hiện nhiệm vụ chính trị"
DPI = 300
A4_PIXELS = (2480, 3508)  # 210 × 297 mm at 300 DPI


def render_page(lines: list[str], *, size: tuple[int, int] = A4_PIXELS, font_px: int = 42) -> Image.Image:
    """A white page with `lines` in black DejaVu Sans, ~10 pt at 300 DPI, like a scanned letter."""
    font = ImageFont.truetype(str(FONT), font_px)
    page = Image.new("L", size, 255)
    draw = ImageDraw.Draw(page)
    y = 300
    for line in lines:
        draw.text((200, y), line, font=font, fill=0)
        y += int(font_px * 2.1)
    return page


def png(path: Path, lines: list[str], *, dpi: int | None = DPI) -> Path:
    page = render_page(lines)
    page.save(path, dpi=(dpi, dpi)) if dpi else page.save(path)
    return path


def image_only_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF whose pages are images only (no text layer), as a scanner writes it."""
    images = [render_page(lines) for lines in pages]
    images[0].save(path, save_all=True, append_images=images[1:], resolution=DPI)
    return path


def born_digital_pdf(path: Path, pages: list[str], *, scan_page: Path | None = None) -> Path:
    """A PDF with a real Vietnamese text layer (DejaVu embedded by fpdf2); `scan_page`, an image, is appended
    as an extra page without text."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    if scan_page is not None:
        pdf.add_page()
        pdf.image(str(scan_page), x=0, y=0, w=210)
    pdf.output(str(path))
    return path


def docx(
    path: Path,
    *,
    paragraphs: list[str],
    table: list[list[str]] = (),
    after_table: list[str] = (),
    deleted: str | None = None,
) -> Path:
    """A DOCX: paragraphs, then a table, then more paragraphs; `deleted` is added as a tracked deletion."""
    import docx as python_docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    for text in after_table:
        document.add_paragraph(text)
    if deleted:
        paragraph = document.add_paragraph("Giữ lại")
        removal = OxmlElement("w:del")
        removal.set(qn("w:id"), "1")
        removal.set(qn("w:author"), "test")
        run = OxmlElement("w:r")
        deleted_text = OxmlElement("w:delText")
        deleted_text.text = deleted
        run.append(deleted_text)
        removal.append(run)
        paragraph._p.append(removal)
    document.save(str(path))
    return path


ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
ODT_META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2">
 <office:meta><meta:document-statistic meta:page-count="2" meta:paragraph-count="5"/></office:meta>
</office:document-meta>"""
ODT_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def odt(path: Path, body: str, *, content: str | None = None) -> Path:
    """An ODT whose office:text holds `body` (XML), or whose content.xml is `content`, zipped as LibreOffice
    does: "mimetype" first, stored."""
    content = content or (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODT_NAMESPACES} office:version="1.2">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", ODT_MANIFEST)
        archive.writestr("meta.xml", ODT_META)
        archive.writestr("content.xml", content)
    return path
