"""Text analysis shared by indexing and querying: folded and exact-diacritic tokens, symbol keys, date numbers."""
from __future__ import annotations

from datetime import date

import tantivy
from tantivy import Filter, TextAnalyzerBuilder, Tokenizer

from . import phrases

FOLD = "vi_fold"
EXACT = "vi_exact"


def _analyzers() -> dict[str, tantivy.TextAnalyzer]:
    base = lambda: TextAnalyzerBuilder(Tokenizer.simple()).filter(Filter.remove_long(40)).filter(Filter.lowercase())  # noqa: E731
    return {FOLD: base().filter(Filter.ascii_fold()).build(), EXACT: base().build(), phrases.ANALYZER: phrases.analyzer()}


ANALYZERS = _analyzers()


def fold_tokens(text: str) -> list[str]:
    return ANALYZERS[FOLD].analyze(text or "")


def exact_tokens(text: str) -> list[str]:
    return ANALYZERS[EXACT].analyze(text or "")


def symbol_key(symbol: str) -> str:
    """One key for `45-CV/BTCTU`, `45/CV-BTCTU`, `45 cv btctu`: the folded parts in order."""
    return " ".join(fold_tokens(symbol))


def day_number(value: date | None) -> int:
    return value.year * 10000 + value.month * 100 + value.day if value else 0
