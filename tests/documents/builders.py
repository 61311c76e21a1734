"""Build small real documents for tests: PDFs with pypdf, registered through the real service."""
import io
import itertools
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from documents.services.files import Upload
from documents.services.incoming import incoming_register


def pdf_bytes(marker: str | None = None) -> bytes:
    """A one-page PDF; `marker` (default: random) makes the bytes, and so the SHA-256, distinct."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": marker or uuid.uuid4().hex})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_upload(name: str = "cong-van.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, content_type="application/pdf")


_symbol_numbers = itertools.count(10)


def register_fields(**overrides) -> dict:
    # A fresh symbol each time: a repeated issuer + symbol + date is (rightly) a duplicate.
    fields = {"issuer_name": "Ban Tổ chức Tỉnh ủy", "symbol": f"{next(_symbol_numbers)}-CV/BTCTU",
              "summary": "Về việc cải cách hành chính", "issued_date": "2026-11-20"}
    fields.update(overrides)
    return fields


def register(clerk, *, content: bytes | None = None, duplicate_reason: str = "", **overrides):
    from datetime import date

    fields = register_fields(**overrides)
    if isinstance(fields.get("issued_date"), str):
        fields["issued_date"] = date.fromisoformat(fields["issued_date"])
    upload = Upload(fileobj=io.BytesIO(content or pdf_bytes()), name="van-ban.pdf")
    return incoming_register(actor=clerk, fields=fields, uploads=[upload], duplicate_reason=duplicate_reason)


FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SCAN_LINE = "Tỉnh ủy Nghệ An — Công văn số 123-CV/TU về cải cách hành chính"


def scan_pdf_bytes(lines: list[str] | None = None, pages: int = 1) -> bytes:
    """An image-only PDF, as a scanner makes: Vietnamese text rendered at 300 DPI, no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 42)
    images = []
    for page in range(pages):
        image = Image.new("L", (2480, 1200), 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(lines or [SCAN_LINE, f"Trang {page + 1}"]):
            draw.text((150, 150 + row * 90), line, font=font, fill=0)
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=300, save_all=True, append_images=images[1:])
    return out.getvalue()
