"""In the browser: an agency leader opens the deadline overview; a staff member chooses e-mail settings."""
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from notifications.models import NotificationPreference
from workflow import services as workflow_services
from workflow.calendar import working_days_between
from workflow.models import Assignment

from ..documents.builders import register
from .test_incoming import log_in

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_leader_sees_an_overdue_assignment_by_unit_and_person(page, make_user, agency, department, screenshot):
    clerk = make_user(Role.Code.CLERK, org_unit=agency, username="vanthu")
    leader = make_user(Role.Code.AGENCY_LEADER, org_unit=agency, username="lanhdao")
    staff = make_user(Role.Code.STAFF, username="chuyenvien", full_name="Lê Thị Chuyên Viên")
    document = register(clerk)
    workflow_services.direction_give(
        actor=leader, document=document, text="Giao đồng chí Chuyên Viên chủ trì.",
        assignments=[workflow_services.AssignmentSpec(role="lead", user=staff, deadline=timezone.localdate() + timedelta(days=30))])
    overdue_since = timezone.localdate() - timedelta(days=21)
    Assignment.objects.filter(document=document).update(deadline=overdue_since)  # as if three weeks had passed

    log_in(page, "lanhdao")
    with page.expect_navigation():
        page.get_by_test_id("nav-deadlines").click()
    assert page.locator("h1").inner_text() == "Hạn xử lý trong các đơn vị của tôi"
    row = page.get_by_test_id("deadline-row")
    assert "Lê Thị Chuyên Viên" in row.inner_text() and overdue_since.strftime("%d/%m/%Y") in row.inner_text()
    assert str(working_days_between(overdue_since, timezone.localdate())) in row.locator("td").last.inner_text()
    assert "1" in page.get_by_test_id("overdue-count").inner_text()
    screenshot("deadlines-overview")
    with page.expect_navigation():
        page.get_by_test_id("state").select_option("due_soon")
    assert page.get_by_test_id("nothing-due").is_visible()


def test_a_staff_member_changes_which_events_come_by_e_mail(page, make_user, screenshot):
    staff = make_user(Role.Code.STAFF, username="chuyenvien", email="cv@example.vn")
    log_in(page, "chuyenvien")
    page.goto("/notifications/")
    with page.expect_navigation():
        page.get_by_test_id("preferences-link").click()
    screenshot("notification-preferences")
    page.get_by_test_id("email-assigned").select_option("digest")
    page.select_option("#id_digest_hour", "16")
    with page.expect_navigation():
        page.get_by_test_id("save-preferences").click()
    assert page.locator(".alert-success").is_visible()
    preference = NotificationPreference.objects.get(user=staff)
    assert preference.delivery_for("assigned") == "digest" and preference.digest_hour == 16
