"""Concurrent index updates never corrupt the index or lose an update (real threads, real connections)."""
import random
import threading

import pytest
from django.db import connection, transaction

from documents.models import Document
from search.hooks import document_changed
from search.services import check, search_for_user
from search.tasks import index_document

pytestmark = pytest.mark.django_db(transaction=True)


def test_threads_updating_and_indexing_the_same_documents_lose_nothing(make_document, clerk):
    documents = [make_document(f"Văn bản số {n}") for n in range(6)]
    final: dict[int, str] = {}
    final_lock = threading.Lock()
    errors = []

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        try:
            for step in range(8):
                document = rng.choice(documents)
                word = f"tu{seed}x{step}"
                with transaction.atomic():
                    Document.objects.select_for_update().get(pk=document.pk)
                    Document.objects.filter(pk=document.pk).update(summary=f"Văn bản {word}")
                    document_changed(document.pk)
                    with final_lock:
                        final[document.pk] = word
                index_document(document.pk)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert check().ok  # every entry carries the stamp of the latest state in PostgreSQL
    for pk, word in final.items():
        assert [r.document.pk for r in search_for_user(clerk, word).results] == [pk]
