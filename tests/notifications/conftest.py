import pytest

from ..documents.conftest import (  # noqa: F401  (shared fixtures of the document tests)
    _media_in_tmp, clerk, foreign_agency, foreign_clerk, foreign_leader, head, leader, other_department, staff,
)
from ..documents.outgoing_setup import chain, cong_van, recipient_agencies, term  # noqa: F401


@pytest.fixture
def run_tasks_inline(monkeypatch):
    """Tasks enqueued after commit run in-process, as a worker would run them (no broker)."""
    from notifications import tasks

    def apply_async(args=(), kwargs=None, **options):
        return tasks.deliver_email.run(*args, **(kwargs or {}))

    monkeypatch.setattr(tasks.deliver_email, "apply_async", apply_async)
