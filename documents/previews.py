"""Server-rendered page images for reading a document in the browser.

Rendering on the server (pypdfium2, PDFium) means no script from a document ever runs in the user's browser:
the page is a PNG served from our origin with a CSP that allows nothing else.
"""
import io

from django.http import Http404, HttpResponse

from .models import FileVersion

PREVIEW_WIDTH = 1000  # pixels: readable on a laptop screen, ~100-200 KB a page
MAX_PREVIEW_PAGES = 300


def preview_source(version: FileVersion):
    """The PDF to render: the OCR'd searchable copy when there is one, else the original if it is a PDF."""
    if version.searchable_pdf:
        return version.searchable_pdf
    if version.mime_type == "application/pdf" and version.blob:
        return version.blob
    return None


def preview_page_count(version: FileVersion) -> int:
    if preview_source(version) is None:
        return 0
    return min(version.page_count or version.extraction_pages or 1, MAX_PREVIEW_PAGES)


def render_page_png(version: FileVersion, page_number: int) -> bytes:
    """PNG of one page (1-based). Raises Http404 for a missing page or a file that cannot be previewed."""
    import pypdfium2

    source = preview_source(version)
    if source is None or page_number < 1:
        raise Http404
    with source.open("rb") as handle:
        pdf = pypdfium2.PdfDocument(handle.read())
    try:
        if page_number > len(pdf):
            raise Http404
        page = pdf[page_number - 1]
        scale = PREVIEW_WIDTH / page.get_width()
        image = page.render(scale=scale).to_pil()
        out = io.BytesIO()
        image.save(out, "PNG", optimize=True)
        return out.getvalue()
    finally:
        pdf.close()


def page_png_response(version: FileVersion, page_number: int) -> HttpResponse:
    response = HttpResponse(render_page_png(version, page_number), content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "private, max-age=300"
    return response
