import pytest

from ..accounts.factories import PASSWORD
from ..search.conftest import _index_in_tmp, indexed, make_document  # noqa: F401
from ..documents.conftest import _media_in_tmp, clerk  # noqa: F401

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_a_clerk_finds_a_document_typed_without_diacritics(page, make_document, indexed, screenshot):  # noqa: F811
    make_document("Về việc đẩy mạnh cải cách hành chính trong các cơ quan Đảng", text="Kế hoạch cải cách hành chính năm 2027")
    make_document("Về công tác cán bộ quý IV")
    indexed()
    page.goto("/accounts/login/")
    page.fill("#id_username", "vanthu")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.fill("input[name=q]", "cai cach hanh chinh")
    with page.expect_navigation():
        page.press("input[name=q]", "Enter")
    body = page.locator("main").inner_text()
    assert "cải cách hành chính" in body and "công tác cán bộ" not in body
    assert page.locator("main b").count() >= 1  # highlighted words in the snippet
    screenshot("search-results-vi")
