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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

import tantivy
from django.conf import settings
from tantivy import Filter, Index, Occur, Query, SchemaBuilder, SnippetGenerator, TextAnalyzerBuilder, Tokenizer

from documents.policies import DocumentAccessKeys, UserAccessKeys

from .querytext import ParsedQuery

log = logging.getLogger(__name__)

# Bump when the schema or the analyzers change: an index of another version is treated as missing until rebuilt.
SCHEMA_VERSION = "1"
FACETS = ("kind", "doc_type", "issuer", "agency", "status", "urgency")
TEXT_FACETS = ("kind", "status", "urgency")


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


# Text analysis -----------------------------------------------------------------------------------------------

FOLD = "vi_fold"
EXACT = "vi_exact"


def _analyzers() -> dict[str, tantivy.TextAnalyzer]:
    base = lambda: TextAnalyzerBuilder(Tokenizer.simple()).filter(Filter.remove_long(40)).filter(Filter.lowercase())  # noqa: E731
    return {FOLD: base().filter(Filter.ascii_fold()).build(), EXACT: base().build()}


ANALYZERS = _analyzers()


def fold_tokens(text: str) -> list[str]:
    return ANALYZERS[FOLD].analyze(text or "")


def exact_tokens(text: str) -> list[str]:
    return ANALYZERS[EXACT].analyze(text or "")


def symbol_key(symbol: str) -> str:
    """One key for `45-CV/BTCTU`, `45/CV-BTCTU`, `45 cv btctu`: the folded parts in order."""
    return " ".join(fold_tokens(symbol))


def build_schema() -> tantivy.Schema:
    b = SchemaBuilder()
    b.add_integer_field("id", stored=True, indexed=True, fast=True)
    b.add_integer_field("stamp", fast=True)
    for name in ("title", "body"):
        b.add_text_field(name, tokenizer_name=FOLD)
        b.add_text_field(f"{name}_exact", tokenizer_name=EXACT)
    b.add_text_field("symbol_parts", tokenizer_name=FOLD)
    b.add_text_field("symbol_key", tokenizer_name="raw")
    for name in TEXT_FACETS:
        b.add_text_field(name, tokenizer_name="raw", fast=True)
    for name in ("doc_type", "issuer", "agency", "date"):
        b.add_integer_field(name, indexed=True, fast=True)
    for name in ("acl_agency", "acl_unit", "acl_user", "acl_head_unit", "acl_admin", "quarantined", "q_user", "q_leader_agency"):
        b.add_integer_field(name, indexed=True)
    return b.build()


def _day(value: date | None) -> int:
    return value.year * 10000 + value.month * 100 + value.day if value else 0


def _to_tantivy(doc: IndexDocument) -> tantivy.Document:
    a = doc.access
    return tantivy.Document(
        id=doc.id, stamp=doc.stamp, title=doc.title, title_exact=doc.title, body=doc.body, body_exact=doc.body,
        symbol_parts=doc.symbol, symbol_key=symbol_key(doc.symbol), kind=doc.kind, status=doc.status,
        urgency=doc.urgency, doc_type=doc.doc_type_id or 0, issuer=doc.issuer_id or 0, agency=doc.agency_id,
        date=_day(doc.date), acl_agency=list(a.agencies), acl_unit=list(a.units), acl_user=list(a.users), acl_head_unit=list(a.head_units),
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
        index = self._reader()
        if index is None or access is None or (filters.document_ids is not None and not filters.document_ids):
            return SearchHits(total=0, hits=[], facets={name: {} for name in FACETS} if facets else {})
        index.reload()  # a commit of the worker is visible at once, not half a second later
        schema = index.schema
        searcher = index.searcher()
        builder = _QueryBuilder(schema)
        text = builder.text(parsed)
        boosts = builder.boosts(parsed) if text else []
        acl = builder.acl(access)
        clauses = builder.filters(filters)

        def combined(without: str | None = None) -> Query:
            parts = [(Occur.Must, acl)] + [(Occur.Must, q) for name, q in clauses if name != without]
            if text is not None:
                parts.append((Occur.Must, text))
                parts += [(Occur.Should, q) for q in boosts]
                parts += [(Occur.MustNot, q) for q in builder.excluded(parsed)]
            return Query.boolean_query(parts)

        query = combined()
        if text is None:
            result = searcher.search(query, limit=limit, offset=offset, count=True, order_by_field="id")
        else:
            result = searcher.search(query, limit=limit, offset=offset, count=True)
        addresses = [a for _, a in result.hits]
        ids = searcher.fast_field_values("id", addresses) if addresses else []
        hits = [Hit(id=pk, score=float(score)) for pk, (score, _) in zip(ids, result.hits)]
        if snippet_texts and hits and text is not None:
            self._snippets(searcher, schema, query, hits, snippet_texts)
        counts = self._facets(searcher, combined, {name for name, _ in clauses}) if facets else {}
        return SearchHits(total=result.count, hits=hits, facets=counts)

    def _facets(self, searcher, combined, filtered: set[str]) -> dict[str, dict]:
        """Counts per value under every other active filter, so a chosen value does not hide its alternatives."""
        def aggregate(query, names):
            aggs = {name: {"terms": {"field": name, "size": 200}} for name in names}
            result = searcher.aggregate(query, aggs)
            return {name: {b["key"]: b["doc_count"] for b in result[name]["buckets"] if b["key"] not in (0, "")}
                    for name in names}

        counts = aggregate(combined(), [n for n in FACETS if n not in filtered])
        for name in FACETS:
            if name in filtered:
                counts.update(aggregate(combined(without=name), [name]))
        return counts

    def _snippets(self, searcher, schema, query, hits: list[Hit], snippet_texts) -> None:
        texts = snippet_texts([h.id for h in hits])
        body = SnippetGenerator.create(searcher, query, schema, "body")
        body.set_max_num_chars(240)
        title = SnippetGenerator.create(searcher, query, schema, "title")
        title.set_max_num_chars(240)
        for hit in hits:
            summary, text = texts.get(hit.id, ("", ""))
            snippet = body.snippet_from_doc(tantivy.Document(body=text))
            if not snippet.highlighted():
                snippet = title.snippet_from_doc(tantivy.Document(title=summary))
            hit.snippet = snippet.to_html() if snippet.highlighted() else ""


class _QueryBuilder:
    """Queries built from analyzer tokens, never from the query parser: user input cannot be a syntax error."""

    TITLE_BOOST = 2.0
    EXACT_BOOST = 1.5
    SYMBOL_BOOST = 20.0

    def __init__(self, schema):
        self.schema = schema

    def _term(self, name: str, value) -> Query:
        return Query.term_query(self.schema, name, value)

    def _either(self, make: Callable[[str], Query], fields=("title", "body")) -> Query:
        title, body = (make(f) for f in fields)
        return Query.boolean_query([(Occur.Should, Query.boost_query(title, self.TITLE_BOOST)), (Occur.Should, body)])

    def _match(self, tokens: list[str], fields=("title", "body")) -> Query:
        if len(tokens) == 1:
            return self._either(lambda f: self._term(f, tokens[0]), fields)
        return self._either(lambda f: Query.phrase_query(self.schema, f, tokens), fields)

    def text(self, parsed: ParsedQuery) -> Query | None:
        musts = []
        for word in parsed.words + parsed.phrases:
            tokens = fold_tokens(word)
            if tokens:
                musts.append((Occur.Must, self._match(tokens)))
        for word in parsed.prefixes:
            tokens = fold_tokens(word)
            if tokens:
                musts.append((Occur.Must, self._either(lambda f: Query.phrase_prefix_query(self.schema, f, tokens))))
        return Query.boolean_query(musts) if musts else None

    def boosts(self, parsed: ParsedQuery) -> list[Query]:
        boosts = []
        # Typed with diacritics: the same word with the same marks ranks above its folded look-alikes (đến > đèn).
        for word in parsed.words + parsed.phrases:
            exact = exact_tokens(word)
            if exact and exact != fold_tokens(word):
                boosts.append(Query.boost_query(self._match(exact, ("title_exact", "body_exact")), self.EXACT_BOOST))
        # A symbol read out on the phone: "45 CV BTCTU", "CV 45", "45/CV-BTCTU" put that document first.
        tokens = [t for w in parsed.words + parsed.phrases for t in fold_tokens(w)]
        if tokens and len(tokens) <= 6 and any(t.isdigit() for t in tokens):
            every_part = Query.boolean_query([(Occur.Must, self._term("symbol_parts", t)) for t in tokens])
            boosts.append(Query.boost_query(every_part, self.SYMBOL_BOOST))
            if len(tokens) > 1:
                boosts.append(Query.boost_query(Query.phrase_query(self.schema, "symbol_parts", tokens), self.SYMBOL_BOOST))
        return boosts

    def excluded(self, parsed: ParsedQuery) -> list[Query]:
        return [self._match(tokens) for tokens in map(fold_tokens, parsed.excluded) if tokens]

    def filters(self, f: SearchFilters) -> list[tuple[str, Query]]:
        clauses = []
        for name in ("kind", "status", "urgency"):
            if getattr(f, name):
                clauses.append((name, self._term(name, getattr(f, name))))
        for name in ("doc_type", "issuer", "agency"):
            if getattr(f, name):
                clauses.append((name, self._term(name, int(getattr(f, name)))))
        if f.date_from or f.date_to:
            clauses.append(("date", Query.range_query(
                self.schema, "date", tantivy.FieldType.Integer, _day(f.date_from) or 1, _day(f.date_to) or 99991231)))
        if f.symbol:
            clauses.append(("symbol", self._term("symbol_key", symbol_key(f.symbol))))
        if f.document_ids is not None:
            clauses.append(("ids", Query.term_set_query(self.schema, "id", list(f.document_ids))))
        return [(name, Query.const_score_query(q, 0.0)) for name, q in clauses]

    def acl(self, a: UserAccessKeys) -> Query:
        """documents.policies.access_keys_allow as an index filter; it scores nothing."""
        visible = [(Occur.Should, self._term("acl_user", a.user_id))]
        if a.unit_id is not None:
            visible.append((Occur.Should, self._term("acl_unit", a.unit_id)))
        if a.agency_id is not None:
            visible.append((Occur.Should, self._term("acl_agency", a.agency_id)))
        if a.head_unit_id is not None:
            visible.append((Occur.Should, self._term("acl_head_unit", a.head_unit_id)))
        if a.document_ids:
            visible.append((Occur.Should, Query.term_set_query(self.schema, "id", list(a.document_ids))))
        if a.admin:
            visible.append((Occur.Should, self._term("acl_admin", 1)))
        quarantine_ok = [(Occur.Should, self._term("quarantined", 0)), (Occur.Should, self._term("q_user", a.user_id))]
        if a.leader_agency_id is not None:
            quarantine_ok.append((Occur.Should, self._term("q_leader_agency", a.leader_agency_id)))
        both = Query.boolean_query([(Occur.Must, Query.boolean_query(visible)), (Occur.Must, Query.boolean_query(quarantine_ok))])
        return Query.const_score_query(both, 0.0)


_backends: dict[str, TantivyBackend] = {}


def get_backend() -> TantivyBackend:
    root = str(settings.IOOFFICE_SEARCH_INDEX_DIR)
    backend = _backends.get(root)
    if backend is None:
        backend = _backends[root] = TantivyBackend(Path(root))
    return backend

