"""Facet counts of a search kept in Redis for a few minutes, so that paging through results, or coming back to
them, does not count every match again (at 1M documents that pass costs as much as ranking the page).

An entry is keyed by the user's access keys, the query and the filters, and holds the index's change counter it
was computed at. The counter is read (with the entry, in one round trip) before the searcher reloads and bumped
after every commit and every rebuild swap, so an entry is never older than the index state it names, and any
change to the index (an assignment, a recall, a new document) retires every earlier entry: counts neither go stale
nor show another user's documents. Redis is shared by every web node (ARCHITECTURE.md §5); when it cannot be
reached, counts are simply computed.
"""
import hashlib
import json
import logging
from dataclasses import dataclass

import redis

from . import locks

log = logging.getLogger(__name__)

CHANGES_KEY = "iooffice:search:changes"
PREFIX = "iooffice:search:facets:"
TTL = 180


def bump() -> None:
    """After an index commit. An error propagates: the caller's work is retried, so the bump is never lost."""
    locks.client().incr(CHANGES_KEY)


@dataclass
class Entry:
    key: str
    changes: int  # the index's change counter when the entry was looked up
    counts: dict[str, dict] | None  # None: not cached (yet) for this state of the index


def lookup(*parts) -> Entry | None:
    """The counts kept for a search, valid only if written at the index's current change counter: both read in one
    round trip. None when Redis cannot be reached (then nothing is cached)."""
    key = PREFIX + hashlib.sha256(repr(parts).encode()).hexdigest()
    try:
        changes, raw = locks.client().mget(CHANGES_KEY, key)
    except redis.RedisError as error:
        log.warning("facet cache unavailable: %s", error)
        return None
    entry = Entry(key, int(changes or 0), None)
    if raw is not None:
        stored = json.loads(raw)
        if stored["changes"] == entry.changes:
            # JSON object keys are strings: the pairs keep int ids as ints.
            entry.counts = {name: dict(map(tuple, pairs)) for name, pairs in stored["counts"].items()}
    return entry


def put(entry: Entry | None, counts: dict[str, dict]) -> None:
    if entry is None:
        return
    value = {"changes": entry.changes, "counts": {name: list(values.items()) for name, values in counts.items()}}
    try:
        locks.client().set(entry.key, json.dumps(value), ex=TTL)
    except redis.RedisError:
        pass
