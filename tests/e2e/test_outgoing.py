"""In the browser: a draft goes through the chain (head approves, leader returns, new version, leader approves),
the clerk issues it as 01-CV/VPTU, the recipient agency's clerk registers it, the leader recalls it."""
import re

import pytest

from accounts.models import Role
from documents.models import Document

from ..accounts.factories import PASSWORD, AgencyFactory, UserFactory
from ..documents.builders import pdf_bytes
from ..documents.outgoing_setup import chain, cong_van, term  # noqa: F401

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SUMMARY = "V/v báo cáo kết quả thực hiện Nghị quyết Đại hội Đảng bộ tỉnh năm 2026"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def log_in(page, username: str) -> None:
    # Leave the page first: a status poll still in flight would set the old session cookie again.
    page.goto("about:blank")
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "/accounts/login/" not in page.url, page.url


def test_draft_approve_return_issue_register_recall(page, make_user, agency, department, cong_van, chain, screenshot, tmp_path):
    make_user(Role.Code.STAFF, username="chuyenvien", full_name="Đỗ Văn Chuyên Viên")
    make_user(Role.Code.DEPARTMENT_HEAD, username="truongphong", full_name="Phạm Thị Trưởng Phòng")
    make_user(Role.Code.AGENCY_LEADER, org_unit=agency, username="chanhvanphong", full_name="Lê Văn Lãnh Đạo")
    make_user(Role.Code.CLERK, org_unit=agency, username="vanthu", full_name="Trần Thị Văn Thư")
    receiver = AgencyFactory(name="Ban Tuyên giáo và Dân vận Tỉnh ủy", code="BTGDVTU")
    UserFactory(org_unit=receiver, roles=[Role.Code.CLERK], username="vanthu_btg", full_name="Ngô Thị Văn Thư")
    first, second = tmp_path / "du-thao-v1.pdf", tmp_path / "du-thao-v2.pdf"
    first.write_bytes(pdf_bytes())
    second.write_bytes(pdf_bytes())

    # The specialist drafts and submits.
    log_in(page, "chuyenvien")
    page.get_by_test_id("nav-outgoing").click()
    page.get_by_test_id("draft-button").click()
    page.wait_for_url("**/outgoing/new/")
    page.select_option("#id_doc_type", str(cong_van.pk))
    page.fill("#id_summary", SUMMARY)
    page.fill("#id_signer", "Lê Văn Lãnh Đạo")
    page.select_option("#id_recipients", label="Ban Tuyên giáo và Dân vận Tỉnh ủy")
    page.fill("#id_external_recipients", "Ủy ban nhân dân tỉnh")
    page.set_input_files("#id_files", str(first))
    screenshot("outgoing-draft-form-vi")
    page.get_by_test_id("draft-submit").click()
    page.wait_for_url(re.compile(r"/outgoing/\d+/$"))
    with page.expect_navigation():
        page.get_by_test_id("submit-button").click()
    assert page.get_by_test_id("run").count() == 1
    detail = page.url
    screenshot("outgoing-detail-submitted-vi")

    # The head approves step 1.
    log_in(page, "truongphong")
    page.goto("/outgoing/?queue=awaiting_my_approval")
    screenshot("outgoing-list-head-vi")
    page.get_by_test_id("outgoing-row").first.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/outgoing/\d+/$"))
    page.check("input[name=decision][value=approve]")
    with page.expect_navigation():
        page.get_by_test_id("decision-submit").click()
    assert page.locator(".alert-success").count() == 1

    # The leader returns it without a comment (refused), then with one.
    log_in(page, "chanhvanphong")
    page.goto(detail)
    page.check("input[name=decision][value=return]")
    with page.expect_navigation():
        page.get_by_test_id("decision-submit").click()
    assert page.get_by_test_id("action-error").is_visible()
    page.check("input[name=decision][value=return]")
    page.fill("#id_comment", "Bổ sung số liệu quý IV.")
    with page.expect_navigation():
        page.get_by_test_id("decision-submit").click()
    screenshot("outgoing-detail-returned-vi")

    # The specialist uploads version 2 and submits again.
    log_in(page, "chuyenvien")
    page.goto(detail)
    assert "Bổ sung số liệu quý IV." in page.get_by_test_id("run").first.inner_text()
    page.get_by_test_id("new-version-toggle").click()
    page.set_input_files("#id_version-file", str(second))
    with page.expect_navigation():
        page.get_by_test_id("new-version-submit").click()
    with page.expect_navigation():
        page.get_by_test_id("submit-button").click()

    # The leader approves; the clerk issues.
    log_in(page, "chanhvanphong")
    page.goto(detail)
    page.check("input[name=decision][value=approve]")
    with page.expect_navigation():
        page.get_by_test_id("decision-submit").click()
    log_in(page, "vanthu")
    page.goto("/outgoing/?queue=awaiting_issue")
    assert SUMMARY in page.get_by_test_id("outgoing-row").first.inner_text()
    page.goto(detail)
    with page.expect_navigation():
        page.get_by_test_id("issue-button").click()
    assert "01-CV/VPTU" in page.locator(".alert-success").inner_text()
    assert page.get_by_test_id("symbol").inner_text() == "01-CV/VPTU"
    screenshot("outgoing-detail-issued-vi")
    page.goto("/outgoing/register/")
    assert "01-CV/VPTU" in page.get_by_test_id("register-row").first.inner_text()
    screenshot("outgoing-register-book-vi")

    # The recipient agency's clerk registers it from the incoming list.
    log_in(page, "vanthu_btg")
    page.goto("/incoming/")
    assert "01-CV/VPTU" in page.get_by_test_id("exchange-row").first.inner_text()
    screenshot("outgoing-exchange-pending-vi")
    page.get_by_test_id("exchange-register").first.click()
    page.wait_for_url(re.compile(r"/incoming/\d+/$"))
    assert page.get_by_test_id("arrival-number").is_visible()

    # The leader recalls it.
    log_in(page, "chanhvanphong")
    page.goto(detail)
    assert page.get_by_test_id("recipient").first.get_attribute("data-state") == "registered"
    page.fill("#id_recall-reason", "Sai số liệu tại mục 2.")
    with page.expect_navigation():
        page.get_by_test_id("recall-button").click()
    assert page.get_by_test_id("recalled-alert").is_visible()
    screenshot("outgoing-detail-recalled-vi")
    document = Document.objects.get(kind="outgoing")
    assert document.status == "recalled" and document.exchange_copies.get().status == "recalled"

    # The leader's delegation card on the profile page.
    page.goto("/accounts/profile/")
    page.get_by_test_id("delegations-card").wait_for(state="visible")
    screenshot("outgoing-profile-delegations-vi")
