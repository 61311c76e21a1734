import threading

import pytest
from django.db import connection, transaction

from documents.models import Document

from .builders import register

CLERKS = 50


class Rollback(Exception):
    pass


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_registrations_get_exactly_one_to_n_even_with_rollbacks(clerk):
    """GIVEN 50 clerks registering at the same moment, each in its own database connection, and every
    seventh registration rolled back after it took its number WHEN all finish THEN the committed documents
    hold exactly the numbers 1..N: none duplicated, none skipped."""
    barrier = threading.Barrier(CLERKS)
    errors: list[BaseException] = []

    def one(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            with transaction.atomic():
                register(clerk, symbol=f"{index}-CV/TU")
                if index % 7 == 0:
                    raise Rollback
        except Rollback:
            pass
        except BaseException as exc:  # surfaced below with the thread's own error
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(CLERKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    committed = CLERKS - len([i for i in range(CLERKS) if i % 7 == 0])
    numbers = sorted(Document.objects.values_list("arrival_number", flat=True))
    assert numbers == list(range(1, committed + 1))
