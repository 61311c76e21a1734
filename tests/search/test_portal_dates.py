import pytest

from .conftest import found  # noqa: F401


@pytest.mark.django_db
def test_the_search_page_reads_dates_day_first(client, clerk, make_document, indexed):
    make_document("Về việc cải cách hành chính", issued_date="2026-11-20")
    indexed()
    client.force_login(clerk)
    inside = client.get("/search/", {"q": "cai cach", "date_from": "19/11/2026", "date_to": "21/11/2026"})
    outside = client.get("/search/", {"q": "cai cach", "date_from": "21/11/2026"})
    assert inside.status_code == 200 and "cải cách hành chính" in inside.content.decode()
    assert "cải cách hành chính" not in outside.content.decode()
