"""The parts of the OCR layer that run without Tesseract: the sidecar split and image preparation."""

from PIL import Image

from documents.extraction.ocr import DEFAULT_IMAGE_DPI, prepare_image, split_sidecar
from documents.extraction.pdf import PdfPage, needs_ocr

from . import samples


def test_sidecar_splits_into_pages_and_skipped_runs_get_the_pdf_text_back():
    sidecar = "[OCR skipped on page(s) 1-2]\fchữ nhận dạng trang 3\n\f[OCR skipped on page(s) 4]\ftrang 5"
    pages = split_sidecar(sidecar, ["một", "hai", "", "bốn", ""])
    assert pages == ["một", "hai", "chữ nhận dạng trang 3\n", "bốn", "trang 5"]


def test_image_with_credible_resolution_is_passed_through(tmp_path):
    source = samples.png(tmp_path / "scan.png", ["Nghệ An"], dpi=300)
    assert prepare_image(source, tmp_path) == (source, None, 1)


def test_image_without_resolution_gets_the_default_dpi(tmp_path):
    source = samples.png(tmp_path / "scan.png", ["Nghệ An"], dpi=None)
    assert prepare_image(source, tmp_path) == (source, DEFAULT_IMAGE_DPI, 1)


def test_image_with_alpha_channel_is_flattened_onto_white(tmp_path):
    """OCRmyPDF refuses images with an alpha channel (screenshots, some phone apps)."""
    source = tmp_path / "scan.png"
    samples.render_page(["Nghệ An"]).convert("RGBA").save(source, dpi=(200, 200))

    converted, image_dpi, frames = prepare_image(source, tmp_path)

    assert (converted.name, image_dpi, frames) == ("ocr-input.tiff", None, 1)
    with Image.open(converted) as image:
        assert image.mode == "RGB" and round(image.info["dpi"][0]) == 200
        assert image.getpixel((0, 0)) == (255, 255, 255)


def test_every_frame_of_a_multipage_tiff_is_kept(tmp_path):
    source = tmp_path / "scan.tiff"
    frames = [samples.render_page([text]).convert("LA") for text in ("một", "hai", "ba")]
    frames[0].save(source, save_all=True, append_images=frames[1:])

    converted, image_dpi, count = prepare_image(source, tmp_path)

    assert (image_dpi, count) == (DEFAULT_IMAGE_DPI, 3)
    with Image.open(converted) as image:
        assert image.n_frames == 3


def test_scan_detection_by_text_per_page():
    typed = PdfPage(text="Công văn số 123-CV/TU về cải cách hành chính", has_images=False)
    assert not needs_ocr([typed, typed])
    assert needs_ocr([PdfPage(text="  12 \n", has_images=True)] * 3)  # a stray page number on scanned pages
    assert needs_ocr([typed, PdfPage(text="", has_images=True)])  # a scanned attachment
    assert not needs_ocr([typed, typed, PdfPage(text="", has_images=False)])  # a blank page
    assert not needs_ocr([])
