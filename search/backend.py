"""The search engine behind one small interface (ARCHITECTURE.md §5): index documents, remove them, query them
with the user's access keys. TantivyBackend is the single-node default; an OpenSearch backend would implement
the same methods when a deployment needs several web nodes.

Tantivy facts this relies on (see /work/shared/notes/search-and-text.md): custom tokenizers are registered
after every open, in every process; one writer per index across processes (callers hold search.locks.writer);
text is NFC; ids are indexed so an update is delete-by-term then add.
"""
from __future__ import annotations

import logging
import os
import shutil
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

import tantivy
from django.conf import settings
from tantivy import Index, Occur, Query, SchemaBuilder, SnippetGenerator

from documents.policies import DocumentAccessKeys, UserAccessKeys

from . import facet_cache, phrases
from .analysis import ANALYZERS, EXACT, FOLD, day_number, exact_tokens, fold_tokens, symbol_key  # noqa: F401
from .querybuild import QueryBuilder
from .querytext import ParsedQuery

log = logging.getLogger(__name__)

# Bump when the schema or the analyzers change: an index of another version is treated as missing until rebuilt.
SCHEMA_VERSION = "4"
FACETS = ("kind", "doc_type", "issuer", "agency", "status", "urgency")
TEXT_FACETS = ("kind", "status", "urgency")
# Snippets come from the start of each document's text stored in the index (no PostgreSQL read per page); a match
# found only further on falls back to the full text from PostgreSQL for that document.
PREVIEW_CHARS = 2000
SNIPPET_HEAD_CHARS = 500


# What is indexed, independent of the engine -----------------------------------------------------------------


@dataclass
class IndexDocument:
    id: int
    stamp: int  # search.documents.fingerprints(): a change in PostgreSQL changes it
    kind: str
    status: str
    urgency: str
    doc_type_id: int | None
    issuer_id: int | None
    agency_id: int
    date: date | None
    title: str
    body: str
    symbol: str
    access: DocumentAccessKeys


@dataclass
class SearchFilters:
    kind: str | None = None
    doc_type: int | None = None
    issuer: int | None = None
    agency: int | None = None
    status: str | None = None
    urgency: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    symbol: str | None = None
    document_ids: list[int] | None = None  # e.g. "assigned to me", resolved in PostgreSQL


@dataclass
class Hit:
    id: int
    score: float
    snippet: str = ""  # HTML: escaped text with <b> around matches


@dataclass
class SearchHits:
    total: int
    hits: list[Hit]
    facets: dict[str, dict] = field(default_factory=dict)  # facet -> {value: count}


class SearchBackend(Protocol):
    def index_documents(self, docs: Iterable[IndexDocument]) -> None: ...
    def remove(self, ids: Iterable[int]) -> None: ...
    def query(self, parsed: ParsedQuery, filters: SearchFilters, access: UserAccessKeys, *, offset: int, limit: int,
              facets: bool = True, snippet_texts: Callable[[list[int]], dict[int, tuple[str, str]]] | None = None) -> SearchHits: ...
    def stamps(self) -> dict[int, int]: ...


def build_schema() -> tantivy.Schema:
    b = SchemaBuilder()
    b.add_integer_field("id", stored=True, indexed=True, fast=True)
    b.add_integer_field("stamp", fast=True)
    # What a query must match: the title and the body as one field, so a word or phrase is one scorer (two fields
    # OR-ed together made a union that Tantivy evaluates window by window over every document, ACL or not).
    b.add_text_field("text", tokenizer_name=FOLD)
    # Boost-only fields are read by term queries alone: no positions (smaller index, faster rebuild).
    b.add_text_field("text_exact", tokenizer_name=EXACT, index_option="freq")  # marks kept: ranks "đến" above "đèn"
    b.add_text_field(phrases.FIELD, tokenizer_name=phrases.ANALYZER, index_option="freq")  # word pairs: phrases
    b.add_text_field("title", tokenizer_name=FOLD, index_option="freq")  # the summary again: ranks a title match higher
    b.add_bytes_field("preview_title", stored=True)
    b.add_bytes_field("preview_body", stored=True)  # the first PREVIEW_CHARS of the body, for snippets
    b.add_text_field("symbol_parts", tokenizer_name=FOLD)
    b.add_text_field("symbol_key", tokenizer_name="raw")
    for name in TEXT_FACETS:
        b.add_text_field(name, tokenizer_name="raw", fast=True)
    for name in ("doc_type", "issuer", "agency", "date"):
        b.add_integer_field(name, indexed=True, fast=True)
    for name in ("acl_agency", "acl_unit", "acl_user", "acl_head_unit", "acl_admin", "quarantined", "q_user", "q_leader_agency"):
        b.add_integer_field(name, indexed=True)
    return b.build()


def _to_tantivy(doc: IndexDocument) -> tantivy.Document:
    a = doc.access
    return tantivy.Document(
        id=doc.id, stamp=doc.stamp, text=[doc.title, doc.body], text_exact=[doc.title, doc.body], title=doc.title,
        text_bigram=[phrases.index_value(fold_tokens(doc.title)), phrases.index_value(fold_tokens(doc.body))],
        preview_title=doc.title.encode(), preview_body=doc.body[:PREVIEW_CHARS].encode(),
        symbol_parts=doc.symbol, symbol_key=symbol_key(doc.symbol), kind=doc.kind, status=doc.status,
        urgency=doc.urgency, doc_type=doc.doc_type_id or 0, issuer=doc.issuer_id or 0, agency=doc.agency_id,
        date=day_number(doc.date), acl_agency=list(a.agencies), acl_unit=list(a.units), acl_user=list(a.users), acl_head_unit=list(a.head_units),
        acl_admin=int(a.admins), quarantined=int(a.quarantined), q_user=list(a.quarantine_users),
        q_leader_agency=list(a.quarantine_leader_agencies),
    )


# Index directories: root/current -> root/gen-…, swapped atomically by a rebuild ------------------------------

_open_lock = threading.Lock()
_open_indexes: dict[str, Index] = {}
_VERSION_FILE = "iooffice-schema-version"


def _open(path: Path) -> Index | None:
    key = str(path)
    with _open_lock:
        index = _open_indexes.get(key)
        if index is None:
            version = path / _VERSION_FILE
            if not version.exists() or version.read_text().strip() != SCHEMA_VERSION:
                log.error("search index %s is missing or of another schema version: run manage.py search_rebuild", path)
                return None
            index = Index.open(key)
            for name, analyzer in ANALYZERS.items():
                index.register_tokenizer(name, analyzer)
            _open_indexes[key] = index
        return index


def _create(path: Path) -> Index:
    path.mkdir(parents=True)
    index = Index(build_schema(), path=str(path))
    for name, analyzer in ANALYZERS.items():
        index.register_tokenizer(name, analyzer)
    (path / _VERSION_FILE).write_text(SCHEMA_VERSION)
    with _open_lock:
        _open_indexes[str(path)] = index
    return index


class Generation:
    """A fresh index directory being filled by a rebuild; invisible to searches until activated."""

    def __init__(self, backend: TantivyBackend, path: Path, heap_size: int, threads: int):
        self.backend = backend
        self.path = path
        self.index = _create(path)
        self.writer = self.index.writer(heap_size=heap_size, num_threads=threads)

    def index_documents(self, docs: Iterable[IndexDocument]) -> int:
        count = 0
        for doc in docs:
            self.writer.delete_documents_by_term("id", doc.id)
            self.writer.add_document(_to_tantivy(doc))
            count += 1
        return count

    def remove(self, ids: Iterable[int]) -> None:
        for pk in ids:
            self.writer.delete_documents_by_term("id", pk)

    def commit(self) -> None:
        self.writer.commit()

    def close(self) -> None:
        self.writer.commit()
        self.writer.wait_merging_threads()  # releases the directory's writer lock
        self.writer = None

    def discard(self) -> None:
        if self.writer is not None:
            self.writer.rollback()
            self.writer.wait_merging_threads()
        shutil.rmtree(self.path, ignore_errors=True)


class TantivyBackend:
    def __init__(self, root: Path):
        self.root = Path(root)

    # directories

    @property
    def current_link(self) -> Path:
        return self.root / "current"

    def current_path(self) -> Path | None:
        try:
            target = os.readlink(self.current_link)
        except FileNotFoundError:
            return None
        return self.root / target

    def is_current(self) -> bool:
        """An index exists and was built with this SCHEMA_VERSION (else searches find nothing until a rebuild)."""
        return self._reader() is not None

    def _reader(self) -> Index | None:
        path = self.current_path()
        return _open(path) if path else None

    def _writable(self) -> Index:
        """The current index, created empty when there is none. Caller holds the writer lock."""
        path = self.current_path()
        index = _open(path) if path else None
        if index is None:
            generation = self.new_generation()
            generation.close()
            self.activate(generation)
            index = _open(generation.path)
        return index

    def new_generation(self, *, heap_size: int = 64_000_000, threads: int = 1) -> Generation:
        self.root.mkdir(parents=True, exist_ok=True)
        name = f"gen-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"
        return Generation(self, self.root / name, heap_size, threads)

    def activate(self, generation: Generation) -> None:
        """Point `current` at the new generation in one rename, so a search sees the old index or the new one.

        The generation before keeps its files (a searcher elsewhere may still read it); older ones go.
        """
        previous = self.current_path()
        temp = self.root / f".current-{uuid.uuid4().hex}"
        os.symlink(generation.path.name, temp)
        os.replace(temp, self.current_link)
        facet_cache.bump()
        keep = {generation.path.name, previous.name if previous else None}
        for old in self.root.glob("gen-*"):
            if old.name not in keep:
                shutil.rmtree(old, ignore_errors=True)
                with _open_lock:
                    _open_indexes.pop(str(old), None)

    # the interface

    def apply(self, upserts: Iterable[IndexDocument], removals: Iterable[int] = (), *, index: Index | None = None) -> None:
        """Write updates and removals in one commit (to the current index unless `index` is given).

        Caller holds search.locks.writer; if another writer holds the directory anyway, raises WriterBusy.
        """
        from .locks import WriterBusy

        index = self._writable() if index is None else index
        try:
            writer = index.writer(heap_size=15_000_000, num_threads=1)
        except ValueError as error:
            if "LockBusy" in str(error):
                raise WriterBusy() from error
            raise
        try:
            for pk in removals:
                writer.delete_documents_by_term("id", pk)
            for doc in upserts:
                writer.delete_documents_by_term("id", doc.id)
                writer.add_document(_to_tantivy(doc))
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()  # releases the index's writer lock now, not at garbage collection
        index.reload()
        facet_cache.bump()

    def index_documents(self, docs: Iterable[IndexDocument]) -> None:
        self.apply(docs)

    def remove(self, ids: Iterable[int]) -> None:
        self.apply((), ids)

    def stamps(self) -> dict[int, int]:
        """Every indexed document's stamp, for search_check."""
        index = self._reader()
        if index is None:
            return {}
        index.reload()
        searcher = index.searcher()
        if not searcher.num_docs:
            return {}
        addresses = [a for _, a in searcher.search(Query.all_query(), limit=searcher.num_docs, count=False).hits]
        ids = searcher.fast_field_values("id", addresses)
        stamps = searcher.fast_field_values("stamp", addresses)
        return dict(zip(ids, stamps))

    def query(self, parsed: ParsedQuery, filters: SearchFilters, access: UserAccessKeys, *, offset: int, limit: int,
              facets: bool = True, snippet_texts=None) -> SearchHits:
        path = self.current_path()
        index = _open(path) if path else None
        if index is None or access is None or (filters.document_ids is not None and not filters.document_ids):
            return SearchHits(total=0, hits=[], facets={name: {} for name in FACETS} if facets else {})
        cache = facet_cache.lookup(SCHEMA_VERSION, path.name, access, parsed.words, parsed.phrases, parsed.prefixes,
                                   parsed.excluded, filters) if facets else None
        cached = cache.counts if cache else None
        index.reload()  # a commit of the worker is visible at once, not half a second later
        schema = index.schema
        searcher = index.searcher()
        builder = QueryBuilder(schema, searcher)
        text = builder.text(parsed)
        boosts = builder.boosts(parsed) if text else []
        excluded = builder.excluded(parsed) if text else []
        acl = builder.acl(access)
        clauses = builder.filters(filters)

        def matching(without: str | None = None) -> Query:
            """Which documents count: the words, the user's access keys, the filters. Scores only the words."""
            parts = acl + [(Occur.Must, q) for name, q in clauses if name != without]
            parts.append((Occur.Must, text if text is not None else Query.all_query()))
            parts += [(Occur.MustNot, q) for q in excluded]
            return Query.boolean_query(parts)

        # The facet counts need a pass of their own over every match; Tantivy releases the GIL while it searches,
        # so that pass runs on a second core while this thread ranks the page and makes the snippets.
        facet_passes = self._facet_passes(matching, {name for name, _ in clauses}) if facets and cached is None else []
        pending = _facet_pool().submit(self._aggregate, searcher, facet_passes) if facet_passes and _parallel() else None
        if text is None:
            result = searcher.search(matching(), limit=limit, offset=offset, count=True, order_by_field="id")
            page, total = result.hits, result.count
        else:
            ranked = builder.ranked(matching(), boosts, sparse=builder.sees_few(searcher, access))
            page, total = builder.page(ranked, offset=offset, limit=limit)
        addresses = [a for _, a in page]
        ids = searcher.fast_field_values("id", addresses) if addresses else []
        hits = [Hit(id=pk, score=float(score)) for pk, (score, _) in zip(ids, page)]
        if hits and text is not None:
            wanted = {t for word in parsed.words + parsed.phrases for t in fold_tokens(word)}
            self._snippets(searcher, schema, builder.exact_text(parsed), hits, addresses, snippet_texts, wanted)
        if not facets:
            counts = {}
        elif cached is not None:
            counts = cached
        else:
            counts = pending.result() if pending else self._aggregate(searcher, facet_passes)
            facet_cache.put(cache, counts)
        return SearchHits(total=total, hits=hits, facets=counts)

    @staticmethod
    def _facet_passes(matching, filtered: set[str]) -> list[tuple[Query, list[str]]]:
        """Counts per value under every other active filter, so a chosen value does not hide its alternatives:
        one pass for the facets nobody filters on, one more per active filter.

        Aggregates over `matching` (no boost clauses: they change scores, never which documents match).
        """
        passes = [(matching(), [n for n in FACETS if n not in filtered])]
        return passes + [(matching(without=name), [name]) for name in FACETS if name in filtered]

    @staticmethod
    def _aggregate(searcher, passes) -> dict[str, dict]:
        counts = {}
        for query, names in passes:
            aggs = {name: {"terms": {"field": name, "size": 200}} for name in names}
            result = searcher.aggregate(query, aggs)
            counts.update({name: {b["key"]: b["doc_count"] for b in result[name]["buckets"] if b["key"] not in (0, "")}
                           for name in names})
        return counts

    def _snippets(self, searcher, schema, text_query, hits: list[Hit], addresses, snippet_texts, wanted: set[str]) -> None:
        """A highlighted passage of the body, else of the title, from the text stored with each hit.

        The start of the body is tried first and kept when it shows every word searched for (`wanted`, folded):
        finding the passage is most of the cost of a page, and grows with the length of text scanned. Only a
        document whose match lies past its stored preview has its full text read (`snippet_texts`).
        """
        generator = SnippetGenerator.create(searcher, text_query, schema, "text")
        generator.set_max_num_chars(240)

        def passage(text: str):
            found = generator.snippet_from_doc(tantivy.Document(text=text))
            return found if found.highlighted() else None

        def shows_every_word(found) -> bool:
            fragment = found.fragment().encode()  # the ranges are byte offsets
            shown = {t for r in found.highlighted() for t in fold_tokens(fragment[r.start:r.end].decode())}
            return wanted <= shown

        def snippet(title: str, body: str) -> str:
            if len(body) > SNIPPET_HEAD_CHARS:
                head = (body[:SNIPPET_HEAD_CHARS].rsplit(None, 1) or [""])[0]  # never half a word: it could pass for another
                found = passage(head)
                if found is not None and shows_every_word(found):
                    return found.to_html()
            for part in (body, title):
                found = passage(part)
                if found is not None:
                    return found.to_html()
            return ""

        further = []
        for hit, address in zip(hits, addresses):
            stored = searcher.doc(address)
            body = bytes(stored.get_first("preview_body") or b"").decode()
            hit.snippet = snippet(bytes(stored.get_first("preview_title") or b"").decode(), body)
            if not hit.snippet and len(body) >= PREVIEW_CHARS:
                further.append(hit)
        if further and snippet_texts:
            texts = snippet_texts([h.id for h in further])
            for hit in further:
                title, body = texts.get(hit.id, ("", ""))
                hit.snippet = snippet(title, body)


_pools: dict[int, ThreadPoolExecutor] = {}


def _facet_pool() -> ThreadPoolExecutor:
    """One small pool per process (created after a fork, never inherited from the parent)."""
    pool = _pools.get(os.getpid())
    if pool is None:
        pool = _pools[os.getpid()] = ThreadPoolExecutor(max_workers=4, thread_name_prefix="search-facets")
    return pool


def _parallel() -> bool:
    return settings.IOOFFICE_SEARCH_PARALLEL_FACETS


_backends: dict[str, TantivyBackend] = {}


def get_backend() -> TantivyBackend:
    root = str(settings.IOOFFICE_SEARCH_INDEX_DIR)
    backend = _backends.get(root)
    if backend is None:
        backend = _backends[root] = TantivyBackend(Path(root))
    return backend

