"""Text of word-processor files: DOCX (python-docx), ODT (zipfile and lxml), DOC (antiword, when installed).

Paragraphs come out one per line in document order, table cells included (each cell paragraph on its own line,
so a stamp typed in the header table stands alone on its line), text boxes after the paragraph that anchors them.
Deleted tracked changes, field codes, comments and footnote bodies are left out; headers and footers too.
"""

import shutil
import subprocess
import zipfile
from pathlib import Path

# The XML parts we parse are held in memory as a tree: refuse absurd ones (upload validation already caps the
# archive's total expansion).
MAX_XML_BYTES = 64 * 1024 * 1024
ANTIWORD_TIMEOUT_SECONDS = 120

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_APP_PAGES = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Pages"
# Subtrees of a paragraph that hold no text of its own: properties (their w:tab are tab stops), nested paragraphs
# of text boxes (read on their own), the VML/DrawingML copy of a text box, deleted or moved-away text, field codes.
_DOCX_SKIPPED = frozenset(
    {_W + "pPr", _W + "rPr", _W + "p", _MC_FALLBACK, _W + "del", _W + "moveFrom", _W + "instrText", _W + "delText"}
)

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_ODT_PARAGRAPHS = (_TEXT + "p", _TEXT + "h")
# Inside a paragraph: nested paragraphs (frames, text boxes) are read on their own; comments and note bodies are
# not part of the running text.
_ODT_SKIPPED = frozenset({_TEXT + "p", _TEXT + "h", _DRAW + "frame", _OFFICE + "annotation", _TEXT + "note"})
# Whole subtrees that are not document text: the old text of tracked changes, comments.
_ODT_IGNORED_ANCESTORS = frozenset({_TEXT + "tracked-changes", _OFFICE + "annotation", _TEXT + "note"})


def _safe_parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_XML_BYTES:
        raise ValueError(f"{name} is too large to read ({info.file_size} bytes)")
    with archive.open(info) as part:  # zipfile stops at the declared size, so the check above holds
        return part.read()


def _page_count(raw: bytes | None, tag: str, attribute: str | None = None) -> int | None:
    """The page count the editor saved in the file's properties, when there is a plausible one."""
    if not raw:
        return None
    from lxml import etree

    try:
        root = etree.fromstring(raw, _safe_parser())
    except etree.XMLSyntaxError:
        return None
    element = next(root.iter(tag), None)
    value = None if element is None else (element.get(attribute) if attribute else element.text)
    return int(value) if value and value.strip().isdigit() and int(value) > 0 else None


# --- DOCX -----------------------------------------------------------------------------------------------------


def _docx_paragraph_text(element, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _DOCX_SKIPPED:
            continue
        if tag == _W + "t":
            out.append(child.text or "")
        elif tag == _W + "tab":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
        else:
            _docx_paragraph_text(child, out)


def docx_text(path: Path) -> tuple[str, int | None]:
    """(text, page count saved by the editor or None). Raises ValueError or zipfile/python-docx errors for a
    broken file."""
    import docx

    with zipfile.ZipFile(path) as archive:
        _read_part(archive, "word/document.xml")  # size check before python-docx parses it
        pages = _page_count(_read_part(archive, "docProps/app.xml"), _APP_PAGES)
    body = docx.Document(str(path)).element.body
    lines = []
    for paragraph in body.iter(_W + "p"):
        if any(ancestor.tag in (_MC_FALLBACK, _W + "del") for ancestor in paragraph.iterancestors()):
            continue
        parts: list[str] = []
        _docx_paragraph_text(paragraph, parts)
        lines.append("".join(parts))
    return "\n".join(lines), pages


# --- ODT ------------------------------------------------------------------------------------------------------


def _odt_paragraph_text(element, out: list[str]) -> None:
    if element.text:
        out.append(element.text)
    for child in element:
        tag = child.tag
        if tag == _TEXT + "s":
            count = child.get(_TEXT + "c")
            out.append(" " * (int(count) if count and count.isdigit() else 1))
        elif tag == _TEXT + "tab":
            out.append("\t")
        elif tag == _TEXT + "line-break":
            out.append("\n")
        elif tag not in _ODT_SKIPPED and isinstance(tag, str):
            _odt_paragraph_text(child, out)
        if child.tail:
            out.append(child.tail)


def odt_text(path: Path) -> tuple[str, int | None]:
    """(text of every text:p and text:h in document order, page count saved by the editor or None). Raises
    ValueError, zipfile.BadZipFile or lxml.etree.XMLSyntaxError for a broken file."""
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        content = _read_part(archive, "content.xml")
        pages = _page_count(_read_part(archive, "meta.xml"), _META + "document-statistic", _META + "page-count")
    if content is None:
        raise ValueError("content.xml is missing: not an OpenDocument text")
    root = etree.fromstring(content, _safe_parser())
    lines = []
    for paragraph in root.iter(*_ODT_PARAGRAPHS):
        if any(ancestor.tag in _ODT_IGNORED_ANCESTORS for ancestor in paragraph.iterancestors()):
            continue
        parts: list[str] = []
        _odt_paragraph_text(paragraph, parts)
        lines.append("".join(parts))
    return "\n".join(lines), pages


# --- DOC ------------------------------------------------------------------------------------------------------


def antiword_available() -> bool:
    return shutil.which("antiword") is not None


def doc_text(path: Path) -> str | None:
    """Text of a Word 97–2003 file through antiword, or None when antiword is not installed.

    Raises RuntimeError when antiword cannot read the file (Word 6/95, damaged), subprocess.TimeoutExpired when
    it runs too long."""
    antiword = shutil.which("antiword")
    if antiword is None:
        return None
    result = subprocess.run(
        [antiword, "-m", "UTF-8.txt", "-w", "0", str(path)],
        capture_output=True,
        timeout=ANTIWORD_TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"antiword could not read the file: {result.stderr.decode('utf-8', 'replace').strip()[:500]}"
        )
    return result.stdout.decode("utf-8", "replace")
