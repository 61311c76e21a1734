"""Rebuild and check: the index can be thrown away and rebuilt from PostgreSQL, and drift is found and repaired."""
import shutil

from django.core.management import call_command

from documents.models import Document, FileVersion
from search import backend, locks
from search.services import check, index_pending, rebuild, search_for_user

from .conftest import found


def _entries() -> dict[int, int]:
    return backend.get_backend().stamps()


def test_a_rebuild_equals_incremental_indexing(make_document, indexed, clerk):
    for n in range(5):
        make_document(f"Văn bản xylophon {n}", text=f"nội dung số {n}")
    indexed()
    before, results = _entries(), found(clerk, "xylophon")
    assert len(before) == 5
    rebuild()
    assert _entries() == before
    assert sorted(found(clerk, "xylophon")) == sorted(results)  # ties and deleted-document statistics may reorder equals
    assert check().ok


def test_deleting_the_index_directory_and_rebuilding_loses_nothing(make_document, indexed, clerk, settings, capsys):
    documents = [make_document(f"xylophon {n}") for n in range(3)]
    indexed()
    shutil.rmtree(settings.IOOFFICE_SEARCH_INDEX_DIR)
    backend._open_indexes.clear()
    assert search_for_user(clerk, "xylophon").total == 0
    call_command("search_rebuild", "--no-progress")
    assert sorted(found(clerk, "xylophon")) == sorted(d.pk for d in documents)


def test_check_reports_missing_stale_and_orphaned_entries_and_repair_fixes_them(make_document, indexed, clerk):
    kept, changed, deleted = (make_document(f"xylophon {n}") for n in range(3))
    indexed()
    missing = make_document("xylophon chưa lập chỉ mục")  # its outbox row is never drained
    Document.objects.filter(pk=changed.pk).update(summary="xylophon sửa trực tiếp")  # bypassing the services
    FileVersion.objects.filter(file__document=deleted).delete()
    deleted.files.all().delete()
    deleted_pk = deleted.pk
    deleted.delete()
    report = check()
    assert report.missing == [missing.pk] and report.stale == [changed.pk] and report.orphans == [deleted_pk]
    report = check(repair=True)
    assert report.repaired == 3
    assert check().ok
    assert changed.pk in found(clerk, "sua truc tiep")


def test_changes_during_a_rebuild_reach_the_new_index(make_document, indexed, clerk, monkeypatch):
    first = make_document("xylophon trước")
    indexed()
    late = {}

    def progress(done, total):  # a change committed while the rebuild is reading
        if not late:
            late["doc"] = make_document("xylophon trong lúc dựng lại")
            index_pending([late["doc"].pk])

    rebuild(progress=progress, batch=1)
    assert sorted(found(clerk, "xylophon")) == sorted([first.pk, late["doc"].pk])
    assert not locks.client().exists(locks.REBUILDING_KEY)


def test_search_check_command_exits_non_zero_when_something_differs(make_document, capsys):
    make_document("xylophon")
    try:
        call_command("search_check")
    except SystemExit as exit:
        assert exit.code == 1
    else:
        raise AssertionError("expected a non-zero exit")
    call_command("search_check", "--repair")
    call_command("search_check")
    assert "matches" in capsys.readouterr().out
