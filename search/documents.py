"""What the index holds for a document, read from PostgreSQL (the source of truth), a batch at a time."""
import unicodedata
from collections import defaultdict
from collections.abc import Iterator

from django.db import connection
from django.utils import timezone

from documents.models import Document, DocumentFile, FileVersion
from documents.policies import documents_access_keys
from workflow.models import Comment, Direction

from .backend import IndexDocument

BATCH = 200

# Everything the index document is made of moves one of these: the document's own columns (even when written
# without auto_now), the ids of its directions, comments and files, each version's extraction state, the
# assignments and the view permissions. Version text itself is left out (large); its extraction state stands in.
_FINGERPRINT_SQL = """
SELECT d.id, md5(concat_ws('|', d.updated_at::text, d.status, d.kind, d.urgency, d.agency_id, d.registered_by_id,
  d.doc_type_id, d.issuer_id, d.issued_date::text, d.arrival_at::text, md5(concat_ws('|', d.summary, d.symbol, d.issuer_name, d.signer)),
  (SELECT string_agg(a.id || ':' || a.status || ':' || coalesce(a.unit_id, 0) || ':' || coalesce(a.user_id, 0), ',' ORDER BY a.id)
     FROM workflow_assignment a WHERE a.document_id = d.id),
  (SELECT string_agg(c.id::text, ',' ORDER BY c.id) FROM workflow_comment c WHERE c.document_id = d.id),
  (SELECT string_agg(r.id::text, ',' ORDER BY r.id) FROM workflow_direction r WHERE r.document_id = d.id),
  (SELECT string_agg(v.id || ':' || v.extraction_status || ':' || v.extraction_updated_at::text || ':' || md5(f.display_name), ',' ORDER BY v.id)
     FROM documents_fileversion v JOIN documents_documentfile f ON f.id = v.file_id WHERE f.document_id = d.id),
  d.department_id,
  (SELECT string_agg(sd.id::text, ',' ORDER BY sd.id)
     FROM workflow_stepdecision sd JOIN workflow_chainrun cr ON cr.id = sd.run_id WHERE cr.document_id = d.id),
  (SELECT string_agg(o.agency_id::text, ',' ORDER BY o.agency_id) FROM documents_outgoingrecipient o WHERE o.document_id = d.id),
  (SELECT string_agg(p.user_id::text, ',' ORDER BY p.user_id)
     FROM documents_documentuserobjectpermission p JOIN auth_permission ap ON ap.id = p.permission_id
    WHERE p.content_object_id = d.id AND ap.codename = 'view_document')
))
FROM documents_document d WHERE d.id = ANY(%s)
"""


def fingerprints(document_ids) -> dict[int, int]:
    """A stamp per document that changes whenever its index entry would (63 bits of an md5, fits an i64)."""
    ids = list(document_ids)
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_FINGERPRINT_SQL, [ids])
        return {pk: int(digest[:15], 16) for pk, digest in cursor.fetchall()}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def texts(document_ids) -> dict[int, tuple[str, str]]:
    """(title, body) per document: the summary, and everything else that is searchable, NFC."""
    ids = list(document_ids)
    parts: dict[int, list[str]] = defaultdict(list)
    documents = Document.objects.filter(pk__in=ids).select_related("issuer", "doc_type")
    for d in documents.only("pk", "symbol", "issuer_name", "signer", "summary", "issuer__code", "doc_type__name"):
        parts[d.pk] += [d.symbol, d.issuer_name, d.issuer.code if d.issuer else "", d.doc_type.name if d.doc_type else "", d.signer]
    for model in (Direction, Comment):
        for document_id, text in model.objects.filter(document_id__in=ids).order_by("id").values_list("document_id", "text"):
            parts[document_id].append(text)
    for document_id, name in DocumentFile.objects.filter(document_id__in=ids).values_list("document_id", "display_name"):
        parts[document_id].append(name)
    versions = FileVersion.objects.filter(file__document_id__in=ids).exclude(text="").order_by("file_id", "number")
    for document_id, text in versions.values_list("file__document_id", "text"):
        parts[document_id].append(text)
    summaries = dict(Document.objects.filter(pk__in=ids).values_list("pk", "summary"))
    return {pk: (_nfc(summaries[pk]), _nfc("\n".join(p for p in parts[pk] if p))) for pk in summaries}


def build(document_ids) -> tuple[list[IndexDocument], list[int]]:
    """Index documents for the ids that exist, and the ids that no longer do (to remove from the index).

    The stamp is read before the content, so a change in between leaves an older stamp: search_check then sees
    the entry as stale and repairs it, never the other way round.
    """
    ids = list(dict.fromkeys(document_ids))
    stamps = fingerprints(ids)
    access = documents_access_keys(stamps)
    content = texts(stamps)
    rows = Document.objects.filter(pk__in=stamps).values(
        "pk", "kind", "status", "urgency", "doc_type_id", "issuer_id", "agency_id", "issued_date", "arrival_at", "symbol"
    )
    docs = []
    for row in rows:
        pk = row["pk"]
        title, body = content[pk]
        docs.append(IndexDocument(
            id=pk, stamp=stamps[pk], kind=row["kind"], status=row["status"], urgency=row["urgency"],
            doc_type_id=row["doc_type_id"], issuer_id=row["issuer_id"], agency_id=row["agency_id"],
            date=row["issued_date"] or (timezone.localdate(row["arrival_at"]) if row["arrival_at"] else None),
            title=title, body=body, symbol=_nfc(row["symbol"]), access=access[pk],
        ))
    return docs, [pk for pk in ids if pk not in stamps]


def all_ids_batches(batch: int = BATCH) -> Iterator[list[int]]:
    last = 0
    while True:
        ids = list(Document.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch])
        if not ids:
            return
        yield ids
        last = ids[-1]


def stamp_batches(batch: int = 2000) -> Iterator[dict[int, int]]:
    for ids in all_ids_batches(batch):
        yield fingerprints(ids)
