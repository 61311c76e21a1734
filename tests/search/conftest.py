import itertools

import pytest

from documents.models import Document, FileVersion
from search.hooks import document_changed
from search.services import drain_outbox, search_for_user

from ..documents.builders import register
from ..documents.conftest import (  # noqa: F401
    _media_in_tmp, clerk, foreign_agency, foreign_clerk, foreign_leader, head, leader, other_department, staff,
)


@pytest.fixture(autouse=True)
def _index_in_tmp(settings, tmp_path):
    settings.IOOFFICE_SEARCH_INDEX_DIR = tmp_path / "search-index"


@pytest.fixture
def indexed():
    """Run what the worker runs after commit: index everything the services recorded in the outbox."""
    return drain_outbox


_numbers = itertools.count(1000)


@pytest.fixture
def make_document(clerk):
    def make(summary="Về việc cải cách hành chính", *, text="", actor=None, **fields):
        fields.setdefault("symbol", f"{next(_numbers)}-KH/TEST")  # the builder's random symbols can collide
        document = register(actor or clerk, summary=summary, **fields)
        if text:
            FileVersion.objects.filter(file__document=document).update(text=text, extraction_status="done")
            document_changed(document.pk)
        return document

    return make


def ids(page) -> list[int]:
    return [r.document.pk for r in page.results]


def found(user, text, **kwargs) -> list[int]:
    return ids(search_for_user(user, text, **kwargs))


__all__ = ["Document", "found", "ids"]
