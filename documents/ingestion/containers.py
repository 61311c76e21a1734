"""What a ZIP container really is: a Word document (DOCX), an OpenDocument text (ODT), another office format,
or a plain archive. Only the central directory and two small marker entries are read, with bounded reads, so
a hostile archive cannot make this module decompress more than a few hundred kilobytes.
"""
import lzma
import re
import zipfile
import zlib
from typing import BinaryIO

from .errors import ArchiveBomb, FileCorrupt

ZIP = "application/zip"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
DOCX_MACRO_ENABLED = "application/vnd.ms-word.document.macroEnabled.12"

# Limits for a DOCX/ODT. A real document expands 2–20 times; a bomb expands thousands of times.
MAX_ENTRIES = 10_000
MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
MAX_EXPANSION_RATIO = 100
# Below this total, even a high ratio is harmless (a 50 KB file of repeated table rows may expand 100 times).
RATIO_CHECKED_ABOVE_BYTES = 10 * 1024 * 1024
# [Content_Types].xml and mimetype are a few kilobytes at most in real documents.
_MAX_MARKER_BYTES = 256 * 1024

_DOCX_MAIN_PART = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_VBA_PROJECT = "application/vnd.ms-office.vbaProject"
_CONTENT_TYPE_ATTRIBUTE = re.compile(rb"""ContentType\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_MIME = re.compile(r"^[A-Za-z0-9][\w.+-]*/[\w.+-]+$")


def zip_document_type(fileobj: BinaryIO, *, size: int) -> str:
    """Return the MIME type of the ZIP-based file `fileobj` (`size` bytes) judged from its entries:
    `DOCX`, `ODT`, another office type (e.g. a spreadsheet or a macro-enabled document), or `ZIP` for a
    plain archive. Reads entry names and at most 256 KB of two marker entries.

    Raises FileCorrupt when the container cannot be read, and ArchiveBomb when a DOCX/ODT would expand to
    an unreasonable size.
    """
    try:
        with zipfile.ZipFile(fileobj) as archive:
            entries = archive.infolist()
            document_type = _office_type(archive, {info.filename.lower(): info for info in entries})
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError, ValueError, zlib.error,
            lzma.LZMAError) as exc:  # RuntimeError: an encrypted entry; NotImplementedError: an unknown method
        raise FileCorrupt(details={"detected_type": ZIP}) from exc
    if document_type in (DOCX, ODT):
        _refuse_bomb(entries, size=size)
    return document_type


def _office_type(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo]) -> str:
    if "mimetype" in entries:
        declared = _read_marker(archive, entries["mimetype"]).strip().decode("ascii", "replace")
        if _MIME.match(declared):
            if declared == ODT and "content.xml" not in entries:
                raise FileCorrupt(details={"detected_type": ODT})
            return declared
    if "[content_types].xml" in entries:
        content_types = {
            (double or single).decode("utf-8", "replace").strip()
            for double, single in _CONTENT_TYPE_ATTRIBUTE.findall(_read_marker(archive, entries["[content_types].xml"]))
        }
        main_parts = sorted(t for t in content_types if t.endswith(".main+xml"))
        if main_parts == [_DOCX_MAIN_PART]:
            return DOCX_MACRO_ENABLED if _VBA_PROJECT in content_types else DOCX
        if main_parts:
            # e.g. …spreadsheetml.sheet.main+xml → …spreadsheetml.sheet, the spreadsheet's own MIME type
            return main_parts[0].removesuffix(".main+xml")
    return ZIP


def _read_marker(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with archive.open(info) as entry:
        return entry.read(_MAX_MARKER_BYTES)


def _refuse_bomb(entries: list[zipfile.ZipInfo], *, size: int) -> None:
    # Declared sizes are enough: zipfile never yields more than an entry's declared size.
    uncompressed = sum(info.file_size for info in entries)
    ratio = uncompressed / max(size, 1)
    if (
        len(entries) > MAX_ENTRIES
        or uncompressed > MAX_UNCOMPRESSED_BYTES
        or (uncompressed > RATIO_CHECKED_ABOVE_BYTES and ratio > MAX_EXPANSION_RATIO)
    ):
        raise ArchiveBomb(
            details={"entries": len(entries), "uncompressed_size": uncompressed, "size": size, "ratio": round(ratio)}
        )
