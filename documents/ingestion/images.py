"""Checks on scanned or photographed pages (JPEG, PNG, TIFF) with Pillow, before any pixel is decoded in full."""
import warnings
from typing import BinaryIO

from PIL import Image

from .errors import FileCorrupt, ImageTooLarge, UploadRejected

JPEG = "image/jpeg"
PNG = "image/png"
TIFF = "image/tiff"
_PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG", TIFF: "TIFF"}
# A multi-page TIFF with more pages than this is not a document anyone scanned.
MAX_TIFF_PAGES = 5_000


def inspect_image(fileobj: BinaryIO, *, mime_type: str, max_pixels: int) -> int | None:
    """Open the image in `fileobj` as the format libmagic found, check every frame's size, verify it,
    and return its page count (TIFF) or None (JPEG, PNG).

    Raises ImageTooLarge when a frame has more than `max_pixels` pixels (checked from the header, before
    decoding), and FileCorrupt when Pillow cannot read it or it is truncated.
    """
    pillow_format = _PILLOW_FORMATS[mime_type]
    try:
        page_count, width, height = _check_frames(fileobj, pillow_format, max_pixels)
        fileobj.seek(0)
        with _open(fileobj, pillow_format) as image:
            image.verify()  # structure and checksums (PNG: every chunk's CRC up to IEND)
        if pillow_format != "PNG":
            # JPEG and TIFF verify() checks nothing: decode to catch a truncated scan. JPEG decodes at 1/8 scale,
            # which still reads every byte; a TIFF decodes its first page, bounded by the pixel limit.
            fileobj.seek(0)
            with _open(fileobj, pillow_format) as image:
                if pillow_format == "JPEG":
                    image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
                image.load()
    except Image.DecompressionBombError as exc:
        # Pillow's own ceiling (twice Image.MAX_IMAGE_PIXELS) stopped it before the size could be read.
        raise ImageTooLarge(details={"max_pixels": max_pixels}) from exc
    except UploadRejected:
        raise
    except Exception as exc:  # Pillow fed hostile bytes may fail in any way: all of them mean unreadable
        raise FileCorrupt(details={"detected_type": mime_type}) from exc
    return page_count if pillow_format == "TIFF" else None


def _check_frames(fileobj: BinaryIO, pillow_format: str, max_pixels: int) -> tuple[int, int, int]:
    """Return (frames, width, height of the first) after checking each frame's header size against the limit."""
    with _open(fileobj, pillow_format) as image:
        width, height = image.size
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_TIFF_PAGES:
            raise FileCorrupt(details={"detected_type": TIFF, "pages": frames})
        for index in range(frames):
            # Pages of a TIFF can each have their own size, and OCR will decode every one of them.
            if index:
                image.seek(index)
            frame_width, frame_height = image.size
            if frame_width * frame_height > max_pixels:
                raise ImageTooLarge(
                    details={"width": frame_width, "height": frame_height, "max_pixels": max_pixels}
                )
    return frames, width, height


def _open(fileobj: BinaryIO, pillow_format: str) -> Image.Image:
    # Our own limit, read from settings, replaces Pillow's warning band; its hard error above twice
    # Image.MAX_IMAGE_PIXELS still applies. Nothing global is changed.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(fileobj, formats=[pillow_format])
