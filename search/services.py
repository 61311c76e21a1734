"""Searching for a user, and keeping the index in step with PostgreSQL (incremental updates, rebuild, check).

Reads: search_for_user. Writes to the index: index_pending (the worker), rebuild (search_rebuild), check
(search_check, nightly). Every write holds search.locks.writer and reads PostgreSQL *inside* the lock, so the
last writer always writes the latest committed state and an older read can never overwrite a newer one.
"""
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Q

from accounts.models import OrgUnit
from documents import policies
from documents.models import Document, DocumentType, Issuer
from documents.selectors import my_assignments_q

from . import documents as index_documents
from . import locks
from .backend import FACETS, SearchFilters, get_backend
from .models import IndexOutbox
from .querytext import parse

log = logging.getLogger(__name__)

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 500  # deep pages cost the engine more than they help anyone; narrow the search instead
OUTBOX_BATCH = 200
# What a result shows (API and portal); the rest of the row stays in the database.
RESULT_FIELDS = ("pk", "kind", "symbol", "summary", "issuer_name", "issued_date", "arrival_number", "arrival_year",
                 "agency_id", "status", "urgency")


# Searching ---------------------------------------------------------------------------------------------------


@dataclass
class SearchResult:
    document: Document
    score: float
    snippet: str  # escaped HTML with <b> around matches


@dataclass
class FacetValue:
    value: object
    label: str
    count: int


@dataclass
class SearchPage:
    query: str
    total: int
    page: int
    page_size: int
    results: list[SearchResult]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)

    @property
    def num_pages(self) -> int:
        return max(1, min(MAX_PAGE, math.ceil(self.total / self.page_size)))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def search_for_user(user, text: str, filters: SearchFilters | None = None, *, page: int = 1,
                    page_size: int = PAGE_SIZE, assigned_to_me: bool = False, facets: bool = True) -> SearchPage:
    """Ranked results the user may see, with snippets and facet counts.

    The index filters by the user's access keys, so the total and every count are of visible documents only;
    the returned page is checked once more against documents.policies (a stale entry is dropped and queued for
    re-indexing). Raises InvalidQuery for text that cannot be a query (too long, too many words).
    """
    parsed = parse(text)
    filters = filters or SearchFilters()
    page = max(1, min(int(page), MAX_PAGE))
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    if assigned_to_me:
        from workflow.models import Assignment

        mine = Assignment.objects.filter(my_assignments_q(user, prefix="")).values_list("document_id", flat=True)
        filters.document_ids = sorted(set(mine))
    access = policies.user_access_keys(user)
    found = get_backend().query(
        parsed, filters, access, offset=(page - 1) * page_size, limit=page_size, facets=facets,
        snippet_texts=index_documents.texts,
    )
    ids = [hit.id for hit in found.hits]
    # The drafts awaiting the user were read a moment ago for the index query: the re-check reuses them.
    awaiting = access.document_ids if access is not None else None
    visible = {
        d.pk: d for d in Document.objects.filter(policies.document_visibility_q(user, awaiting_ids=awaiting, among=ids))
        .only(*RESULT_FIELDS)
    } if ids else {}
    for pk in set(ids) - set(visible):
        log.warning("search index entry of document %s is stale for user %s; re-indexing", pk, user.pk)
        _requeue(pk)
    results = [SearchResult(visible[h.id], h.score, h.snippet) for h in found.hits if h.id in visible]
    return SearchPage(query=parsed.raw, total=found.total, page=page, page_size=page_size, results=results,
                      facets=_labelled(found.facets) if facets else {})


def _requeue(document_id: int) -> None:
    from .hooks import document_changed

    document_changed(document_id)


def _labelled(counts: dict[str, dict]) -> dict[str, list[FacetValue]]:
    names = {
        "kind": dict(Document.Kind.choices),
        "status": dict(Document.Status.choices),
        "urgency": dict(Document.Urgency.choices),
        **_names(counts),
    }
    labelled = {}
    for name in FACETS:
        values = counts.get(name, {})
        labelled[name] = sorted(
            (FacetValue(value, str(names[name].get(value, value)), count) for value, count in values.items()),
            key=lambda v: (-v.count, v.label),
        )
    return labelled


def _names(counts: dict[str, dict]) -> dict[str, dict]:
    """Labels of the id-valued facets, only of the values present, in one statement (every search page needs them,
    and three ORM queries cost more than the engine at 100,000 documents)."""
    tables = {"doc_type": DocumentType, "issuer": Issuer, "agency": OrgUnit}
    columns = {"doc_type": ("name", "abbreviation"), "issuer": ("code", "name"), "agency": ("name", "name")}
    parts, params = [], []
    for facet, model in tables.items():
        ids = [int(pk) for pk in counts.get(facet) or ()]
        if ids:
            first, second = columns[facet]
            parts.append(f"SELECT %s, id, {first}, {second} FROM {model._meta.db_table} WHERE id = ANY(%s)")
            params += [facet, ids]
    build = {"doc_type": lambda pk, a, b: DocumentType(pk=pk, name=a, abbreviation=b),
             "issuer": lambda pk, a, b: Issuer(pk=pk, code=a, name=b), "agency": lambda pk, a, b: OrgUnit(pk=pk, name=a)}
    names = {facet: {} for facet in tables}
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for facet, pk, a, b in cursor.fetchall():
                names[facet][pk] = str(build[facet](pk, a, b))  # the models' own __str__
    return names


# Keeping the index in step -----------------------------------------------------------------------------------


def index_pending(document_ids=(), *, limit: int = OUTBOX_BATCH) -> list[int]:
    """Index the given documents and up to `limit` others waiting in the outbox, in one commit.

    Holds the writer lock (raises locks.WriterBusy after waiting). Safe to repeat: indexing is by id, and an
    outbox row is removed only if no change arrived since it was read. Returns the ids written or removed.
    """
    backend = get_backend()
    with locks.writer():
        pending = list(IndexOutbox.objects.order_by("changed_at").values_list("pk", "document_id", "changed_at")[:limit])
        ids = list(dict.fromkeys([*document_ids, *(document_id for _, document_id, _ in pending)]))
        if not ids:
            return []
        docs, gone = index_documents.build(ids)
        backend.apply(docs, gone)
        _note_for_rebuild(ids)
        if pending:
            unchanged = reduce(or_, (Q(pk=pk, changed_at=changed_at) for pk, _, changed_at in pending))
            IndexOutbox.objects.filter(unchanged).delete()
    return ids


def drain_outbox(*, max_rounds: int = 50) -> int:
    """Index whatever the outbox still holds (a lost message, a worker that died). Returns the documents done."""
    done = 0
    for _ in range(max_rounds):
        if not IndexOutbox.objects.exists():
            break
        done += len(index_pending())
    return done


def _note_for_rebuild(ids: list[int]) -> None:
    """While a rebuild reads the database, tell it which documents changed behind it (it re-reads them)."""
    client = locks.client()
    if client.exists(locks.REBUILDING_KEY):
        client.sadd(locks.DIRTY_KEY, *ids)
        client.expire(locks.DIRTY_KEY, locks.REBUILD_MARK_TTL)


class RebuildRunning(Exception):
    pass


def rebuild(*, progress: Callable[[int, int], None] | None = None, batch: int = 500,
            heap_size: int = 256_000_000, threads: int = 2) -> int:
    """Build a new index from PostgreSQL beside the current one, then swap it in: searches go on meanwhile.

    Changes made during the rebuild still reach the current index (the worker keeps writing there) and are
    noted, then re-read into the new one under the writer lock just before the swap, so none is lost.
    Raises RebuildRunning if another rebuild is in progress. Returns the number of documents indexed.
    """
    backend = get_backend()
    client = locks.client()
    with locks.writer():
        if not client.set(locks.REBUILDING_KEY, "1", nx=True, ex=locks.REBUILD_MARK_TTL):
            raise RebuildRunning()
        client.delete(locks.DIRTY_KEY)
    generation = None
    try:
        generation = backend.new_generation(heap_size=heap_size, threads=threads)
        total, done, indexed = Document.objects.count(), 0, 0
        for ids in index_documents.all_ids_batches(batch):
            docs, _ = index_documents.build(ids)
            indexed += generation.index_documents(docs)
            done += len(ids)
            client.expire(locks.REBUILDING_KEY, locks.REBUILD_MARK_TTL)
            if progress:
                progress(done, total)
        generation.close()
        with locks.writer():
            dirty = sorted(int(pk) for pk in client.smembers(locks.DIRTY_KEY))
            if dirty:
                docs, gone = index_documents.build(dirty)
                backend.apply(docs, gone, index=generation.index)
            backend.activate(generation)
            generation = None
            client.delete(locks.REBUILDING_KEY, locks.DIRTY_KEY)
        return indexed
    except BaseException:
        client.delete(locks.REBUILDING_KEY, locks.DIRTY_KEY)
        if generation is not None:
            generation.discard()
        raise


@dataclass
class CheckReport:
    indexed: int = 0
    in_database: int = 0
    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    orphans: list[int] = field(default_factory=list)  # in the index, gone from the database
    repaired: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.orphans)


def check(*, repair: bool = False, batch: int = 500) -> CheckReport:
    """Compare each document's stamp in the index with PostgreSQL; with `repair`, re-index what differs."""
    indexed = get_backend().stamps()
    report = CheckReport(indexed=len(indexed))
    for stamps in index_documents.stamp_batches():
        report.in_database += len(stamps)
        for pk, stamp in stamps.items():
            found = indexed.pop(pk, None)
            if found is None:
                report.missing.append(pk)
            elif found != stamp:
                report.stale.append(pk)
    report.orphans = sorted(indexed)
    if repair:
        todo = report.missing + report.stale + report.orphans
        for start in range(0, len(todo), batch):
            report.repaired += len(index_pending(todo[start:start + batch], limit=0))
    return report
