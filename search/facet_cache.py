"""Facet counts of a search kept in Redis for a few minutes, so that paging through results, or coming back to
them, does not count every match again (at 1M documents that pass costs as much as ranking the page).

An entry is keyed by the index's change counter, the user's access keys, the query and the filters. The counter
is read before the searcher reloads and bumped after every commit and every rebuild swap, so an entry is never
older than the index state its key names, and any change to the index (an assignment, a recall, a new document)
makes every earlier entry unreachable: counts neither go stale nor show another user's documents. Redis is
shared by every web node (ARCHITECTURE.md §5); when it cannot be reached, counts are simply computed.
"""
import hashlib
import json
import logging

import redis

from . import locks

log = logging.getLogger(__name__)

CHANGES_KEY = "iooffice:search:changes"
PREFIX = "iooffice:search:facets:"
TTL = 180


def bump() -> None:
    """After an index commit. An error propagates: the caller's work is retried, so the bump is never lost."""
    locks.client().incr(CHANGES_KEY)


def key(*parts) -> str | None:
    """The cache key for a search, or None when Redis cannot be reached (then nothing is cached)."""
    try:
        changes = int(locks.client().get(CHANGES_KEY) or 0)
    except redis.RedisError as error:
        log.warning("facet cache unavailable: %s", error)
        return None
    digest = hashlib.sha256(repr((changes, *parts)).encode()).hexdigest()
    return PREFIX + digest


def get(cache_key: str | None) -> dict[str, dict] | None:
    if cache_key is None:
        return None
    try:
        raw = locks.client().get(cache_key)
    except redis.RedisError:
        return None
    if raw is None:
        return None
    # JSON object keys are strings: the pairs keep int ids as ints.
    return {name: dict(map(tuple, pairs)) for name, pairs in json.loads(raw).items()}


def put(cache_key: str | None, counts: dict[str, dict]) -> None:
    if cache_key is None:
        return
    try:
        locks.client().set(cache_key, json.dumps({name: list(values.items()) for name, values in counts.items()}), ex=TTL)
    except redis.RedisError:
        pass
