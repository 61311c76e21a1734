"""Phrases (quoted words, and words of several tokens such as `45-CV/BTCTU`) matched by their word pairs.

Beside the folded words, the index holds every pair of consecutive folded words of the title and of the body as
one term, without positions ("cải cách hành chính" → `cai_cach cach_hanh hanh_chinh` in `text_bigram`). A phrase
of two words is exactly its pair. A longer one is contained in the conjunction of its pairs, which may also admit a
document holding the pairs apart ("cải cách" … "cách hành" … "hành chính"). Checking positions on every match is
what made a phrase that most documents contain slow (at 1M documents "cải cách hành chính" matches 841,196 and its
phrase query took ~170 ms), while a conjunction of terms is cheap. So, for a phrase of three words or more:
- if its rarest pair is in few documents (EXACT_BELOW), the positional phrase is required as well: the pairs lead
  the intersection, so only those documents have their positions read, and the match is exact;
- otherwise the pairs alone select and only the documents that make the page are checked (`checked_page`): the
  page holds only real phrase matches, but the total and the facet counts may include the rare document that has
  the pairs and not the phrase.
"""
from __future__ import annotations

from itertools import pairwise

import tantivy
from tantivy import Occur, Query, TextAnalyzerBuilder, Tokenizer

FIELD = "text_bigram"
ANALYZER = "vi_pairs"  # the pairs are made in Python (a tokenizer cannot be written in Python): split on spaces only
# Positions are read for at most this many documents (the rarest pair's): ~5 ms at 1M documents.
EXACT_BELOW = 20_000
# How far past the page a checked ranking reads before it gives up on filling the page (deep pages are rare).
CHECK_ROUNDS = 4


def analyzer() -> tantivy.TextAnalyzer:
    return TextAnalyzerBuilder(Tokenizer.whitespace()).build()


def pairs(tokens: list[str]) -> list[str]:
    """Consecutive folded tokens joined by `_` (never in a token: the analyzer splits on anything not alphanumeric)."""
    return list(dict.fromkeys(map("_".join, pairwise(tokens))))


def index_value(tokens: list[str]) -> str:
    return " ".join(map("_".join, pairwise(tokens)))  # ~20 µs for a document of ~330 words


def pairs_query(schema, tokens: list[str]) -> Query:
    terms = [Query.term_query(schema, FIELD, pair) for pair in pairs(tokens)]
    return terms[0] if len(terms) == 1 else Query.boolean_query([(Occur.Must, t) for t in terms])


def is_rare(searcher, tokens: list[str]) -> bool:
    return min(searcher.doc_freq(FIELD, pair) for pair in pairs(tokens)) < EXACT_BELOW


def checked_page(searcher, schema, ranked: Query, phrases: list[list[str]], *, offset: int, limit: int):
    """The page of `ranked` with only documents that hold every phrase (tokens in order), and the total less the
    documents found not to. Returns ([(score, address)], total)."""
    want = offset + limit
    fetch = want + max(limit, 20)
    result = searcher.search(ranked, limit=fetch, count=True)
    total = result.count
    for round_ in range(CHECK_ROUNDS):
        hits = result.hits
        ids = searcher.fast_field_values("id", [a for _, a in hits]) if hits else []
        holding = _holding(searcher, schema, ids, phrases)
        kept = [hit for hit, pk in zip(hits, ids) if pk in holding]
        if len(kept) >= want or len(hits) < fetch or round_ == CHECK_ROUNDS - 1:
            return kept[offset:want], total - (len(hits) - len(kept))
        fetch *= 4
        result = searcher.search(ranked, limit=fetch, count=False)


def _holding(searcher, schema, ids: list[int], phrases: list[list[str]]) -> set[int]:
    if not ids:
        return set()
    query = Query.boolean_query([(Occur.Must, Query.term_set_query(schema, "id", ids))]
                                + [(Occur.Must, Query.phrase_query(schema, "text", tokens)) for tokens in phrases])
    found = searcher.search(query, limit=len(ids), count=False).hits
    return set(searcher.fast_field_values("id", [a for _, a in found])) if found else set()
