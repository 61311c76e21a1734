"""`search_rebuild --if-needed` (run by `make run` and compose's migrate service) builds only a missing or outdated index."""
import io

import pytest
from django.core.management import call_command

from search import backend

from ..documents.builders import register

pytestmark = pytest.mark.django_db


def rebuild_if_needed() -> str:
    out = io.StringIO()
    call_command("search_rebuild", "--if-needed", "--no-progress", stdout=out)
    return out.getvalue()


def test_a_missing_index_is_built_a_current_one_left_alone_and_an_old_schema_rebuilt(clerk):
    register(clerk)
    assert "Indexed 1 documents" in rebuild_if_needed()
    assert "nothing to rebuild" in rebuild_if_needed()
    path = backend.get_backend().current_path()
    (path / "iooffice-schema-version").write_text("0")  # as written by an older release
    backend._open_indexes.pop(str(path), None)
    assert not backend.get_backend().is_current()
    assert "Indexed 1 documents" in rebuild_if_needed()
    assert backend.get_backend().is_current()
