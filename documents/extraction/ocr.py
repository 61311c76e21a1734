"""OCR of scans and images with OCRmyPDF (system Tesseract, Ghostscript, qpdf): a searchable PDF plus its text.

How it is run, and why:
* `jobs=1` and `use_threads=True`: one page at a time (the machine has 2 cores and worker concurrency provides
  the parallelism), and no process pool, which a daemonic Celery prefork child is not allowed to start. Tesseract
  runs as a subprocess either way, so threads cost no OCR speed.
* `skip_text=True`: pages that already have text keep it and are not rasterised; their text comes from the PDF's
  own text layer (`fallback_page_texts`), since the sidecar only says "[OCR skipped on page(s) …]" for them.
* PDF/A-2b first. Ghostscript 10.0.0–10.02.0 (Debian 12 has 10.0.0) corrupts PDFs with existing text in skip
  mode, and OCRmyPDF refuses that combination before doing any work; then the PDF/A is made by OCRmyPDF's
  internal (pikepdf) backend, which validates what it writes, and if that cannot make it the output is a plain
  PDF (`output_type="auto"`, one OCR pass). On a good Ghostscript, a PDF/A it fails to make ends in a plain PDF
  too: OCRmyPDF keeps the valid non-PDF/A file, or, when it raises instead, a second pass writes a plain PDF.
* Digitally signed scans are common: the derived searchable PDF cannot keep a valid signature
  (`invalidate_digital_signatures=True`), which is fine because the original file is kept untouched.
* Page progress comes from OCRmyPDF's progress-bar plugin hook (`get_progressbar_class`) on a plugin manager
  made for the call, so the callback needs no global state.
"""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

SEARCHABLE_PDF_NAME = "searchable.pdf"
SIDECAR_NAME = "ocr-sidecar.txt"
DEFAULT_IMAGE_DPI = 300
# OCRmyPDF rejects an image whose recorded resolution is 96 DPI or less as "not credible".
_MIN_CREDIBLE_DPI = 97


@dataclass(frozen=True)
class OcrOutput:
    page_texts: list[str]  # raw text per page, in page order
    page_count: int
    searchable_pdf: Path
    pdfa: bool


def _plugin_manager(report: Callable[[int], None] | None):
    """A plugin manager for one call whose progress bar turns the OCR step's events into `report(pages_done)`."""
    if report is None:
        return None
    import ocrmypdf
    from ocrmypdf.api import get_plugin_manager

    class PageProgressBar:
        def __init__(self, *, total=None, desc=None, unit=None, disable=False, **kwargs):
            # Only the OCR step counts pages. `disable` asks for no console output; a callback is not output.
            self.active = desc == "OCR"
            self.done = 0.0
            self.reported = 0

        def __enter__(self):
            return self

        def __exit__(self, *exc_info):
            return False

        def update(self, n: float = 1, *, completed: float | None = None):
            if not self.active:
                return
            self.done = completed if completed is not None else self.done + n
            pages = int(self.done + 1e-9)  # OCRmyPDF reports each page in two half steps
            if pages > self.reported:
                self.reported = pages
                report(pages)

    class PageProgressPlugin:
        @ocrmypdf.hookimpl
        def get_progressbar_class(self):
            return PageProgressBar

    manager = get_plugin_manager([])
    manager.pluggy_manager.register(PageProgressPlugin())
    return manager


def _run(
    *,
    source: Path,
    output: Path,
    sidecar: Path,
    languages: Sequence[str],
    image_dpi: int | None,
    output_type: str,
    pdfa_backend: str,
    report: Callable[[int], None] | None,
) -> int:
    import ocrmypdf

    exit_code = ocrmypdf.ocr(
        source,
        output,
        language=list(languages),
        output_type=output_type,
        pdfa_backend=pdfa_backend,
        skip_text=True,
        sidecar=sidecar,
        image_dpi=image_dpi,
        jobs=1,
        use_threads=True,
        invalidate_digital_signatures=True,
        progress_bar=False,
        plugin_manager=_plugin_manager(report),
    )
    # pdfa_conversion_failed comes back (not raised) when Ghostscript wrote a valid PDF that is not PDF/A.
    if exit_code not in (ocrmypdf.ExitCode.ok, ocrmypdf.ExitCode.pdfa_conversion_failed):
        raise RuntimeError(f"OCRmyPDF ended with exit code {exit_code!r}")
    return exit_code


def _is_pdfa(path: Path) -> bool:
    import pikepdf

    with pikepdf.open(path) as pdf:
        return bool(pdf.open_metadata().pdfa_status)


def ocr_to_searchable_pdf(
    *,
    source: Path,
    out_dir: Path,
    languages: Sequence[str],
    image_dpi: int | None = None,
    report: Callable[[int], None] | None = None,
    fallback_page_texts: Sequence[str] = (),
) -> OcrOutput:
    """OCR `source` (a PDF or an image OCRmyPDF accepts) into `out_dir/searchable.pdf` and return its text.

    `report(k)` is called after page k is recognised. `fallback_page_texts[i]` is the text of page i+1 for pages
    OCRmyPDF skips because they already have text. Raises OCRmyPDF's exceptions (ocrmypdf.ExitCodeException
    subclasses) for unreadable input or missing programs.
    """
    import ocrmypdf

    out_dir.mkdir(parents=True, exist_ok=True)
    output, sidecar = out_dir / SEARCHABLE_PDF_NAME, out_dir / SIDECAR_NAME
    run = dict(source=source, output=output, sidecar=sidecar, languages=languages, image_dpi=image_dpi, report=report)
    try:
        _run(**run, output_type="pdfa", pdfa_backend="auto")
    except ocrmypdf.MissingDependencyError as exc:
        # Raised while checking options, before any page is processed: nothing is redone.
        log.debug("PDF/A through Ghostscript refused (%s); using the internal PDF/A backend", exc)
        _run(**run, output_type="auto", pdfa_backend="internal")
    except ocrmypdf.ExitCodeException as exc:
        if exc.exit_code != ocrmypdf.ExitCode.pdfa_conversion_failed:
            raise
        log.warning("PDF/A conversion failed (%s); OCR again to a plain PDF", exc)
        _run(**run, output_type="pdf", pdfa_backend="auto")
    page_texts = split_sidecar(sidecar.read_text(encoding="utf-8"), fallback_page_texts)
    pdfa = _is_pdfa(output)
    if not pdfa:
        log.info("searchable PDF of %s is a plain PDF: PDF/A could not be made", source.name)
    return OcrOutput(page_texts=page_texts, page_count=len(page_texts), searchable_pdf=output, pdfa=pdfa)


_SKIPPED_PREFIX = "[OCR skipped on page(s) "


def split_sidecar(sidecar: str, fallback_page_texts: Sequence[str] = ()) -> list[str]:
    """Split OCRmyPDF's sidecar into page texts (form feeds between pages), putting the PDF's own text back for
    skipped pages: OCRmyPDF writes one "[OCR skipped on page(s) 3-5]" placeholder for a run of them."""
    pages: list[str] = []
    for chunk in sidecar.split("\f"):
        stripped = chunk.strip()
        if stripped.startswith(_SKIPPED_PREFIX) and stripped.endswith("]"):
            first, _, last = stripped[len(_SKIPPED_PREFIX) : -1].partition("-")
            if first.isdigit() and (not last or last.isdigit()):
                for number in range(int(first), int(last or first) + 1):
                    pages.append(fallback_page_texts[number - 1] if number <= len(fallback_page_texts) else "")
                continue
        pages.append(chunk)
    return pages


# --- images ---------------------------------------------------------------------------------------------------


def prepare_image(path: Path, work_dir: Path) -> tuple[Path, int | None, int]:
    """Make an uploaded image acceptable to OCRmyPDF: returns (file to OCR, image_dpi to pass or None, frames).

    OCRmyPDF refuses images without a credible resolution (then `DEFAULT_IMAGE_DPI` is passed), with an alpha
    channel, and CMYK without an ICC profile; those are flattened onto white and saved as RGB (all frames of a
    multi-page TIFF). Anything else is passed through as it is.
    """
    from PIL import Image, ImageSequence

    with Image.open(path) as image:
        frames = getattr(image, "n_frames", 1)
        dpi = image.info.get("dpi")
        credible = bool(dpi) and min(float(d) for d in dpi) >= _MIN_CREDIBLE_DPI
        image_dpi = None if credible else DEFAULT_IMAGE_DPI
        if not any(_needs_conversion(frame) for frame in ImageSequence.Iterator(image)):
            return path, image_dpi, frames
        converted = [_flatten(frame) for frame in ImageSequence.Iterator(image)]
        target = work_dir / "ocr-input.tiff"
        save_dpi = tuple(float(d) for d in dpi) if credible else (DEFAULT_IMAGE_DPI, DEFAULT_IMAGE_DPI)
        converted[0].save(target, save_all=True, append_images=converted[1:], dpi=save_dpi, compression="tiff_deflate")
        return target, image_dpi, frames


def _needs_conversion(frame) -> bool:
    if frame.mode in ("1", "L", "RGB"):
        return False
    if frame.mode == "P":
        return "transparency" in frame.info
    if frame.mode == "CMYK":
        return "icc_profile" not in frame.info
    return True


def _flatten(frame):
    from PIL import Image

    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if frame.mode.startswith("I;16") or frame.mode in ("I", "F"):
        return frame.convert("I").point(lambda v: v / 256).convert("L")
    return frame.convert("RGB")
