"""The one call services make when something a search shows may have changed: summary, text, access, status."""
from django.db import connection
from django.utils import timezone

from iooffice.queue import enqueue_on_commit


def document_changed(document_id: int) -> None:
    """Record the document in the index outbox (same transaction) and queue its indexing after commit.

    The outbox row is what makes the work durable: a lost message is picked up by the drain task within a minute.
    """
    from .tasks import index_document

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_indexoutbox (document_id, changed_at) VALUES (%s, %s) "
            "ON CONFLICT (document_id) DO UPDATE SET changed_at = EXCLUDED.changed_at",
            [document_id, timezone.now()],
        )
    enqueue_on_commit(index_document, document_id)
