"""In the browser: a clerk registers an incoming PDF, the agency leader directs it to a department as lead."""
import re

import pytest
from django.utils import timezone

from accounts.models import Role
from documents.models import Document
from workflow.models import Assignment

from ..accounts.factories import PASSWORD
from ..documents.builders import pdf_bytes

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SUMMARY = "Về việc triển khai Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2025–2030"


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


def test_clerk_registers_a_pdf_and_the_leader_directs_it_to_a_department(
    page, make_user, agency, department, screenshot, tmp_path
):
    make_user(Role.Code.CLERK, org_unit=agency, username="vanthu", full_name="Trần Thị Văn Thư",
              position_title="Văn thư")
    make_user(Role.Code.AGENCY_LEADER, org_unit=agency, username="chanhvanphong", full_name="Lê Văn Lãnh Đạo",
              position_title="Chánh Văn phòng")
    make_user(Role.Code.DEPARTMENT_HEAD, username="truongphong", full_name="Phạm Thị Trưởng Phòng")
    specialist = make_user(Role.Code.STAFF, username="chuyenvien", full_name="Đỗ Văn Chuyên Viên")
    scan = tmp_path / "Công văn 45-CV-BTCTU.pdf"
    scan.write_bytes(pdf_bytes())

    # The clerk registers the document.
    log_in(page, "vanthu")
    assert page.get_by_test_id("incoming-card").is_visible()
    page.get_by_test_id("nav-incoming").click()
    page.get_by_test_id("register-button").click()
    page.wait_for_url("**/incoming/new/")
    page.fill("#id_issuer_name", "Ban Tổ chức Tỉnh ủy")
    page.fill("#id_symbol", "45-CV/BTCTU")
    page.fill("#id_issued_date", "20/11/2026")
    page.fill("#id_summary", SUMMARY)
    page.select_option("#id_urgency", "flash")
    page.fill("#id_page_count", "1")
    page.set_input_files("#id_files", str(scan))
    screenshot("incoming-register-form-vi")
    page.get_by_test_id("register-submit").click()
    page.wait_for_url(re.compile(r"/incoming/\d+/$"))

    year = timezone.localdate().year
    assert page.get_by_test_id("arrival-number").inner_text().endswith(f"1/{year}")
    assert f"1/{year}" in page.locator(".alert-success").inner_text()
    assert page.get_by_test_id("summary").inner_text() == SUMMARY
    assert page.get_by_test_id("version-status").get_attribute("data-status") == "queued"
    assert page.get_by_test_id("direction-form").count() == 0
    screenshot("incoming-detail-clerk-vi")

    page.goto("/incoming/")
    row = page.get_by_test_id("incoming-row").first
    assert SUMMARY in row.inner_text()
    screenshot("incoming-list-clerk-vi")

    # The leader directs it: the Phòng Tổng hợp leads, within 5 working days.
    log_in(page, "chanhvanphong")
    page.goto("/incoming/?queue=awaiting_direction")
    page.get_by_test_id("incoming-row").first.get_by_role("link").last.click()
    page.wait_for_url(re.compile(r"/incoming/\d+/$"))
    page.fill("#id_text", "Giao Phòng Tổng hợp chủ trì, tham mưu kế hoạch triển khai; báo cáo trước ngày 15/12.")
    page.select_option("#id_a0-role", "lead")
    page.select_option("#id_a0-unit", label="Phòng Tổng hợp")
    page.fill("#id_a0-deadline_days", "5")
    screenshot("incoming-direction-form-vi")
    with page.expect_navigation():
        page.get_by_test_id("direction-submit").click()

    assignments = page.get_by_test_id("assignments").inner_text()
    assert "Phòng Tổng hợp" in assignments
    assert page.get_by_test_id("assignment").first.get_attribute("data-role") == "lead"
    assert page.get_by_test_id("direction").inner_text().startswith("Giao Phòng Tổng hợp chủ trì")
    screenshot("incoming-detail-directed-vi")

    document = Document.objects.get()
    assert document.status == Document.Status.IN_PROGRESS
    lead = Assignment.objects.get(document=document)
    assert (lead.role, lead.unit_id) == ("lead", department.pk) and lead.deadline is not None

    page.goto("/incoming/register/")
    assert "Phòng Tổng hợp" in page.get_by_test_id("register-row").first.inner_text()
    screenshot("incoming-register-book-vi")

    # The department head now finds it in the "lead" queue.
    log_in(page, "truongphong")
    page.goto("/incoming/?queue=lead")
    assert SUMMARY in page.get_by_test_id("incoming-row").first.inner_text()
    page.get_by_test_id("incoming-row").first.get_by_role("link").last.click()
    page.wait_for_url(re.compile(r"/incoming/\d+/$"))
    page.get_by_test_id("delegate-toggle").click()
    page.get_by_test_id("delegate-form").wait_for(state="visible")
    page.get_by_test_id("delegate-form").locator("select[name$=-user]").select_option(str(specialist.pk))
    screenshot("incoming-detail-head-vi")
    with page.expect_navigation():
        page.get_by_test_id("delegate-form").locator("button[type=submit]").click()
    assert "Đỗ Văn Chuyên Viên" in page.get_by_test_id("assignments").inner_text()
    assert Assignment.objects.get(parent=lead).user == specialist
    screenshot("incoming-detail-delegated-vi")


def test_clerk_sees_the_secrecy_refusal_and_the_duplicate_warning(page, make_user, agency, screenshot, tmp_path):
    make_user(Role.Code.CLERK, org_unit=agency, username="vanthu", full_name="Trần Thị Văn Thư")
    scan = tmp_path / "cong-van.pdf"
    scan.write_bytes(pdf_bytes())
    log_in(page, "vanthu")

    def fill(secrecy="ordinary"):
        page.goto("/incoming/new/")
        page.fill("#id_issuer_name", "Ủy ban Kiểm tra Tỉnh ủy")
        page.fill("#id_symbol", "24-BS/UBKTTU")
        page.fill("#id_issued_date", "18/11/2026")
        page.fill("#id_summary", "Về việc bổ sung hồ sơ kiểm tra")
        page.select_option("#id_secrecy", secrecy)
        page.set_input_files("#id_files", str(scan))
        with page.expect_navigation():
            page.get_by_test_id("register-submit").click()

    fill(secrecy="top_secret")
    assert page.get_by_test_id("form-error").is_visible()
    assert Document.objects.count() == 0
    screenshot("incoming-register-secret-refused-vi")

    fill()
    first = Document.objects.get()
    fill()
    assert page.get_by_test_id("duplicates").locator(f"a[href='/incoming/{first.pk}/']").count() == 1
    assert page.get_by_test_id("files-lost").is_visible()
    screenshot("incoming-register-duplicate-vi")
    page.fill("#id_duplicate_reason", "Bản gửi lại qua đường bưu điện")
    page.set_input_files("#id_files", str(scan))
    page.get_by_test_id("register-submit").click()
    page.wait_for_url(re.compile(r"/incoming/\d+/$"))
    assert page.get_by_test_id("arrival-number").inner_text().endswith(f"2/{timezone.localdate().year}")

    # A secrecy stamp found by OCR quarantines the document (set directly here: no worker in this test).
    Document.objects.filter(pk=first.pk).update(status=Document.Status.QUARANTINED, quarantine_mark="TỐI MẬT")
    page.goto(f"/incoming/{first.pk}/")
    assert page.get_by_test_id("quarantine-purge-form").is_visible()
    screenshot("incoming-detail-quarantined-vi")
