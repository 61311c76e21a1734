"""The durable record of index work: one row per document whose index entry is behind the database."""
from django.db import models


class IndexOutbox(models.Model):
    """Written in the same transaction as the change, so a lost task message delays indexing but never loses it.

    `changed_at` moves on every change: the indexer deletes a row only if it is unchanged since it was read.
    """

    document_id = models.BigIntegerField(unique=True)
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at"]
        indexes = [models.Index(fields=["changed_at"])]
