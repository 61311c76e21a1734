"""Tantivy queries built from analyzer tokens, never from the query parser: user input cannot be a syntax error."""
from __future__ import annotations

from typing import TYPE_CHECKING

import tantivy
from tantivy import Occur, Query

from documents.policies import UserAccessKeys

from . import phrases
from .analysis import day_number, exact_tokens, fold_tokens, symbol_key
from .querytext import ParsedQuery

if TYPE_CHECKING:
    from .backend import SearchFilters

class QueryBuilder:
    """Queries built from analyzer tokens, never from the query parser: user input cannot be a syntax error."""

    TITLE_BOOST = 2.0
    EXACT_BOOST = 1.5
    SYMBOL_BOOST = 20.0

    def __init__(self, schema, searcher=None):
        self.schema = schema
        self.searcher = searcher  # to tell rare phrases from common ones; without it every phrase is exact
        self.unchecked: list[list[str]] = []  # phrases matched by their word pairs only (search.phrases)

    def _term(self, name: str, value) -> Query:
        return Query.term_query(self.schema, name, value)

    def _match(self, tokens: list[str], field: str = "text") -> Query:
        if len(tokens) == 1:
            return self._term(field, tokens[0])
        return Query.phrase_query(self.schema, field, tokens)

    def _fast_match(self, tokens: list[str]) -> Query:
        """The tokens in this order, from their word pairs; positions only where cheap (see search.phrases)."""
        if len(tokens) == 1:
            return self._term("text", tokens[0])
        by_pairs = phrases.pairs_query(self.schema, tokens)
        if len(tokens) == 2:
            return by_pairs
        if self.searcher is None or phrases.is_rare(self.searcher, tokens):
            return Query.boolean_query([(Occur.Must, by_pairs), (Occur.Must, self._match(tokens))])
        self.unchecked.append(tokens)
        return by_pairs

    def text(self, parsed: ParsedQuery) -> Query | None:
        """What the words select, and score by BM25."""
        self.unchecked = []
        return self._text(parsed, self._fast_match)

    def exact_text(self, parsed: ParsedQuery) -> Query | None:
        """The same words as positional phrases over the text: for the snippets, which highlight its terms."""
        return self._text(parsed, self._match)

    def page(self, ranked: Query, *, offset: int, limit: int) -> tuple[list, int]:
        """([(score, address)], total) of `ranked`, whose phrases matched by pairs only are checked on the page."""
        if self.unchecked:
            return phrases.checked_page(self.searcher, self.schema, ranked, self.unchecked, offset=offset, limit=limit)
        result = self.searcher.search(ranked, limit=limit, offset=offset, count=True)
        return result.hits, result.count

    def _text(self, parsed: ParsedQuery, match) -> Query | None:
        musts = []
        for word in parsed.words + parsed.phrases:
            tokens = fold_tokens(word)
            if tokens:
                musts.append((Occur.Must, match(tokens)))
        for word in parsed.prefixes:
            tokens = fold_tokens(word)
            if tokens:
                musts.append((Occur.Must, Query.phrase_prefix_query(self.schema, "text", tokens)))
        if len(musts) == 1:
            return musts[0][1]
        return Query.boolean_query(musts) if musts else None

    def boosts(self, parsed: ParsedQuery) -> list[Query]:
        """Optional clauses that order the matches, never select them. One term each: a phrase boost re-reads
        positions for every match (measured at 1M documents: +40 % on a phrase most documents contain)."""
        boosts, seen = [], set()
        for word in parsed.words + parsed.phrases:
            for exact, folded in zip(exact_tokens(word), fold_tokens(word)):
                # In the summary: ranks above the same words in the body.
                if ("title", folded) not in seen:
                    seen.add(("title", folded))
                    boosts.append(Query.boost_query(self._term("title", folded), self.TITLE_BOOST))
                # Typed with diacritics: a word with the same marks ranks above its folded look-alikes (đến > đèn).
                if exact != folded and ("exact", exact) not in seen:
                    seen.add(("exact", exact))
                    boosts.append(Query.boost_query(self._term("text_exact", exact), self.EXACT_BOOST))
        # A symbol read out on the phone: "45 CV BTCTU", "CV 45", "45/CV-BTCTU" put that document first.
        tokens = [t for w in parsed.words + parsed.phrases for t in fold_tokens(w)]
        if tokens and len(tokens) <= 6 and any(t.isdigit() for t in tokens):
            every_part = Query.boolean_query([(Occur.Must, self._term("symbol_parts", t)) for t in tokens])
            boosts.append(Query.boost_query(every_part, self.SYMBOL_BOOST))
            if len(tokens) > 1:
                boosts.append(Query.boost_query(Query.phrase_query(self.schema, "symbol_parts", tokens), self.SYMBOL_BOOST))
        return boosts

    @staticmethod
    def ranked(matching: Query, boosts: list[Query], *, sparse: bool = False) -> Query:
        """`matching`, scored with the boosts as optional clauses.

        Tantivy fills a union of optional clauses window by window over the whole index: cheapest when most
        documents match anyway (one union: -30 % against one clause per level at 1M documents), wasteful when the
        user sees few documents. Then (`sparse`) each boost gets a level of its own, looked up only for the
        documents that already match (a staff member's 1 %: a third of the time of the union)."""
        if not boosts:
            return matching
        if not sparse:
            return Query.boolean_query([(Occur.Must, matching), (Occur.Should, Query.boolean_query([(Occur.Should, b) for b in boosts]))])
        query = matching
        for boost in boosts:
            query = Query.boolean_query([(Occur.Must, query), (Occur.Should, boost)])
        return query

    def sees_few(self, searcher, a: UserAccessKeys) -> bool:
        """Whether the user's access keys admit under 5 % of the index (an upper bound from the keys' postings)."""
        if a.admin:
            return False
        bound = searcher.doc_freq("acl_user", a.user_id) + len(a.document_ids)
        for field_name, value in (("acl_unit", a.unit_id), ("acl_agency", a.agency_id), ("acl_head_unit", a.head_unit_id)):
            if value is not None:
                bound += searcher.doc_freq(field_name, value)
        return bound < 0.05 * max(1, searcher.num_docs)

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
                self.schema, "date", tantivy.FieldType.Integer, day_number(f.date_from) or 1, day_number(f.date_to) or 99991231)))
        if f.symbol:
            clauses.append(("symbol", self._term("symbol_key", symbol_key(f.symbol))))
        if f.document_ids is not None:
            clauses.append(("ids", Query.term_set_query(self.schema, "id", list(f.document_ids))))
        return [(name, Query.const_score_query(q, 0.0)) for name, q in clauses]

    def acl(self, a: UserAccessKeys) -> list[tuple[Occur, Query]]:
        """documents.policies.access_keys_allow as clauses of an index query; they score nothing.

        Written so that no clause walks the whole index: an administrator (who sees every document whose keys
        admit administrators) excludes the documents that do not, and everyone excludes the quarantined
        documents not meant for them, rather than listing the (nearly all) documents that pass.
        """
        keys = [self._term("acl_user", a.user_id)]
        if a.unit_id is not None:
            keys.append(self._term("acl_unit", a.unit_id))
        if a.agency_id is not None:
            keys.append(self._term("acl_agency", a.agency_id))
        if a.head_unit_id is not None:
            keys.append(self._term("acl_head_unit", a.head_unit_id))
        if a.document_ids:
            keys.append(Query.term_set_query(self.schema, "id", list(a.document_ids)))
        if a.admin:
            hidden = Query.boolean_query([(Occur.Must, self._term("acl_admin", 0))] + [(Occur.MustNot, k) for k in keys])
            clauses = [(Occur.MustNot, hidden)]
        else:
            visible = Query.boolean_query([(Occur.Should, k) for k in keys])
            clauses = [(Occur.Must, Query.const_score_query(visible, 0.0))]
        quarantine_ok = [self._term("q_user", a.user_id)]
        if a.leader_agency_id is not None:
            quarantine_ok.append(self._term("q_leader_agency", a.leader_agency_id))
        withheld = Query.boolean_query([(Occur.Must, self._term("quarantined", 1))] + [(Occur.MustNot, k) for k in quarantine_ok])
        return clauses + [(Occur.MustNot, withheld)]
