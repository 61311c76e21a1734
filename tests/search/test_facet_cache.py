"""Facet counts are kept in Redis between pages of one search, and never outlive a change to the index."""
from search.backend import TantivyBackend
from search.services import search_for_user
from workflow.services import AssignmentSpec, direction_give


def _count_passes(monkeypatch) -> list:
    calls = []
    original = TantivyBackend._aggregate
    monkeypatch.setattr(TantivyBackend, "_aggregate", staticmethod(lambda searcher, passes: calls.append(1) or original(searcher, passes)))
    return calls


def test_the_next_page_of_a_search_reuses_its_facet_counts(make_document, indexed, clerk, monkeypatch):
    for n in range(3):
        make_document(f"Kế hoạch xylophon {n}", urgency="urgent" if n else "normal")
    indexed()
    passes = _count_passes(monkeypatch)
    first = search_for_user(clerk, "xylophon", page_size=2)
    second = search_for_user(clerk, "xylophon", page_size=2, page=2)
    assert len(passes) == 1
    assert {v.value: v.count for v in first.facets["urgency"]} == {v.value: v.count for v in second.facets["urgency"]} == {
        "urgent": 2, "normal": 1}
    assert len(first.results) == 2 and len(second.results) == 1


def test_an_access_change_makes_the_counts_follow_at_once(make_document, indexed, leader, staff, department, monkeypatch):
    """GIVEN a staff member whose search found nothing (counts cached)
    WHEN the document is assigned to their unit and the worker re-indexes it
    THEN the same search counts it: every commit to the index retires the earlier counts."""
    document = make_document("Tài liệu xylophon")
    indexed()
    assert search_for_user(staff, "xylophon").facets["status"] == []
    direction_give(actor=leader, document=document, text="x", assignments=[AssignmentSpec(role="lead", unit=department)])
    indexed()
    page = search_for_user(staff, "xylophon")
    assert page.total == 1 and {v.value: v.count for v in page.facets["status"]} == {"in_progress": 1}


def test_other_users_never_share_counts(make_document, indexed, clerk, staff):
    make_document("Tài liệu xylophon")
    indexed()
    assert search_for_user(clerk, "xylophon").total == 1
    assert search_for_user(staff, "xylophon").facets["kind"] == []


def test_search_counts_without_redis(make_document, indexed, clerk, settings):
    make_document("Tài liệu xylophon")
    indexed()
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    page = search_for_user(clerk, "xylophon")
    assert page.total == 1 and sum(v.count for v in page.facets["kind"]) == 1
