"""What a PDF holds that matters before it is accepted: encryption, page count, and active content."""
from dataclasses import dataclass
from typing import BinaryIO

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from .errors import FileCorrupt, PdfEncrypted

PDF = "application/pdf"

JAVASCRIPT = "javascript"
EMBEDDED_FILES = "embedded_files"
LAUNCH_ACTION = "launch_action"

# Actions and attachments live in the catalog, pages, annotations, form fields and outline items. These keys
# lead only to fonts, images, content and appearance streams, metadata and the (often huge) structure tree,
# or back up the tree, so skipping them keeps the walk short on long scanned documents.
_SKIPPED_KEYS = frozenset(
    {"/Parent", "/P", "/Resources", "/Contents", "/AP", "/Thumb", "/Metadata", "/StructTreeRoot", "/PieceInfo"}
)
# A real document reaches a few objects per page; far more means a file built to exhaust the check.
MAX_OBJECTS_WALKED = 200_000


@dataclass(frozen=True)
class PdfFacts:
    page_count: int
    active_content: frozenset[str]  # among JAVASCRIPT, EMBEDDED_FILES, LAUNCH_ACTION


def inspect_pdf(fileobj: BinaryIO) -> PdfFacts:
    """Parse the PDF in `fileobj` (pypdf, non-strict) and report its page count and active content.

    Raises PdfEncrypted for any encrypted PDF (also one with only an owner password), and FileCorrupt when
    pypdf cannot read it, it has no pages, or its object graph is too large to check.
    """
    try:
        reader = PdfReader(fileobj, strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:  # a parser fed hostile bytes may fail in any way: all of them mean unreadable
        raise FileCorrupt(details={"detected_type": PDF}) from exc
    if encrypted:
        raise PdfEncrypted()
    try:
        page_count = len(reader.pages)
        active_content = _find_active_content(reader.trailer.raw_get("/Root"))
    except FileCorrupt:
        raise
    except Exception as exc:
        raise FileCorrupt(details={"detected_type": PDF}) from exc
    if page_count < 1:
        raise FileCorrupt(details={"detected_type": PDF, "page_count": 0})
    return PdfFacts(page_count=page_count, active_content=frozenset(active_content))


def _find_active_content(root: object) -> set[str]:
    """Walk every object reachable from the catalog (each indirect object once) and collect active content."""
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    pending = [root]
    while pending:
        obj = pending.pop()
        if isinstance(obj, IndirectObject):
            reference = (obj.idnum, obj.generation)
            if reference in seen:
                continue
            seen.add(reference)
            if len(seen) > MAX_OBJECTS_WALKED:
                raise FileCorrupt(details={"detected_type": PDF, "reason": "too_many_objects"})
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):  # stream objects included; their data is never decoded
            found |= _active_content_in(obj)
            # dict.items yields raw values, so indirect references reach the `seen` check above
            pending.extend(value for key, value in obj.items() if key not in _SKIPPED_KEYS)
        elif isinstance(obj, ArrayObject):
            pending.extend(obj)
    return found


def _active_content_in(obj: DictionaryObject) -> set[str]:
    found = set()
    action_type = _name(obj, "/S")
    if "/JS" in obj or "/JavaScript" in obj or action_type == "/JavaScript":
        found.add(JAVASCRIPT)  # a JavaScript action, or the document-level JavaScript name tree
    if action_type == "/Launch":
        found.add(LAUNCH_ACTION)  # opens another file or runs a program
    if (
        "/EmbeddedFiles" in obj
        or "/EF" in obj
        or _name(obj, "/Subtype") == "/FileAttachment"
        or _name(obj, "/Type") == "/EmbeddedFile"
    ):
        found.add(EMBEDDED_FILES)
    return found


def _name(obj: DictionaryObject, key: str) -> object:
    value = obj.get(key)
    return value.get_object() if isinstance(value, IndirectObject) else value
