"""One index writer at a time across every worker process and machine: a Redis lock around each write."""
from contextlib import contextmanager

import redis
from django.conf import settings

WRITER_KEY = "iooffice:search:writer"
REBUILDING_KEY = "iooffice:search:rebuilding"
DIRTY_KEY = "iooffice:search:rebuild-dirty"
# Longer than any single write (a batch of at most a few hundred documents); a crashed holder frees it by then.
WRITER_TIMEOUT = 300
REBUILD_MARK_TTL = 6 * 3600


class WriterBusy(Exception):
    """Another process held the index writer for longer than we were prepared to wait; retry later."""


_clients: dict[str, redis.Redis] = {}


def client() -> redis.Redis:
    url = settings.REDIS_URL
    if url not in _clients:
        _clients[url] = redis.Redis.from_url(url)
    return _clients[url]


@contextmanager
def writer(wait: float = 60.0):
    lock = client().lock(WRITER_KEY, timeout=WRITER_TIMEOUT, blocking_timeout=wait, thread_local=True)
    if not lock.acquire():
        raise WriterBusy()
    try:
        yield lock
    finally:
        try:
            lock.release()
        except redis.exceptions.LockError:  # expired while held: the next writer already went ahead
            pass
