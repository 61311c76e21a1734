"""The overdue overview of department heads and agency leaders: scope, counts, days late, access."""
from datetime import date

import pytest
from django.urls import reverse

from accounts.models import Role
from documents.services import outgoing
from workflow import services as workflow_services
from workflow.selectors import deadline_rows_for, deadline_summary

from ..documents.builders import register
from ..documents.outgoing_setup import chain, cong_van, draft, term  # noqa: F401
from ..notifications.test_deadlines import assignment, at  # noqa: F401

URL = reverse("workflow:deadlines")
DEADLINE = date(2027, 2, 11)  # the first working day after Tết 2027


@pytest.fixture
def passed_on(assignment):
    """The department leads a document due 11/02/2027; its head passed it on to a staff member."""
    return assignment.document


def rows(user, day, **filters):
    with at(day):
        return deadline_rows_for(user, today=day, **filters)


@pytest.mark.django_db
class TestRows:
    def test_a_passed_on_assignment_counts_once_for_the_person_with_working_days_late(self, passed_on, head, staff):
        [row] = rows(head, date(2027, 2, 16))  # Fri 12, Mon 15, Tue 16
        assert (row.state, row.working_days_late, row.holder) == ("overdue", 3, staff.full_name)
        [unit] = deadline_summary([row])
        assert (unit.overdue, unit.due_soon, unit.holders[0].most_days_late) == (1, 0, 3)

    def test_due_soon_follows_the_reminder_threshold_and_the_state_filter(self, passed_on, head):
        assert rows(head, date(2027, 2, 1)) == []  # three working days ahead: not yet
        [row] = rows(head, date(2027, 2, 2))
        assert (row.state, row.working_days_left) == ("due_soon", 2)
        assert rows(head, date(2027, 2, 2), state="overdue") == []

    def test_the_leader_sees_every_unit_of_the_agency_and_can_narrow_to_one(self, passed_on, leader, department,
                                                                           other_department):
        assert len(rows(leader, date(2027, 2, 16))) == 1
        assert rows(leader, date(2027, 2, 16), unit_id=other_department.pk) == []

    def test_a_head_of_another_department_and_a_foreign_leader_see_nothing(self, passed_on, make_user, other_department,
                                                                            foreign_leader):
        other_head = make_user(Role.Code.DEPARTMENT_HEAD, org_unit=other_department, username="tp_hanhchinh")
        assert rows(other_head, date(2027, 2, 16)) == []
        assert rows(foreign_leader, date(2027, 2, 16)) == []

    def test_a_late_approval_step_is_listed_with_who_may_decide_it(self, staff, head, cong_van, chain):  # noqa: F811
        chain.steps.filter(order=1).update(due_working_days=1)
        with at(date(2027, 3, 1)):
            document = draft(staff, cong_van)
            outgoing.draft_submit(actor=staff, document=document)
        [row] = rows(head, date(2027, 3, 4))  # due Tue 2; Wed 3, Thu 4
        assert (row.item.source, row.item.label, row.holder, row.working_days_late) == (
            "approval_step", "Trưởng phòng xem xét", head.full_name, 2)


@pytest.mark.django_db
class TestPage:
    @pytest.mark.parametrize("who", ["staff", "clerk"])
    def test_people_without_units_to_oversee_get_403(self, client, passed_on, request, who):
        client.force_login(request.getfixturevalue(who))
        assert client.get(URL).status_code == 403

    def test_anonymous_is_sent_to_log_in(self, client, db):
        response = client.get(URL)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_the_head_sees_counts_and_rows_in_vietnamese_dates(self, client, passed_on, head, staff):
        with at(date(2027, 2, 16)):  # log in then: the idle timeout would end a session from today
            client.force_login(head)
            page = client.get(URL, {"state": "overdue"}).content.decode()
            assert client.get(URL, {"unit": "x", "state": "bogus"}).status_code == 200  # bad filters are ignored
        assert "11/02/2027" in page and staff.full_name in page and 'data-testid="deadline-row"' in page


@pytest.mark.django_db
class TestExport:
    """The overview's Excel export runs as a background job of the viewer, with the page's filters."""

    def test_the_head_starts_the_export_and_gets_the_rows_of_the_page(self, client, passed_on, head, staff,
                                                                       django_capture_on_commit_callbacks):
        import io

        from openpyxl import load_workbook

        from jobs.models import Job
        from jobs.services import job_run

        with at(date(2027, 2, 16)):
            client.force_login(head)
            with django_capture_on_commit_callbacks(execute=False):
                response = client.post(reverse("workflow:deadlines_export"), {"state": "overdue"})
            job = Job.objects.get(user=head)
            assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
            job_run(job_id=job.pk)
        job.refresh_from_db()
        assert job.status == "done", job.message
        sheet = load_workbook(io.BytesIO(job.result.read())).active
        values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
        assert len(values) == 1 and values[0][4] == staff.full_name and values[0][7] == 3
        assert sheet["F3"].number_format == "DD/MM/YYYY"

    def test_staff_and_a_unit_outside_the_scope_are_refused(self, client, passed_on, staff, head, other_department):
        from jobs.models import Job

        client.force_login(staff)
        assert client.post(reverse("workflow:deadlines_export")).status_code == 403
        client.force_login(head)
        assert client.post(reverse("workflow:deadlines_export"), {"unit": other_department.pk}).status_code == 403
        response = client.post(reverse("workflow:deadlines_export"), {"state": "bogus"})
        assert response.status_code == 302 and response["Location"] == URL
        assert not Job.objects.exists()


@pytest.mark.django_db
class TestApi:
    def test_the_head_lists_the_rows_and_staff_gets_403(self, api, passed_on, head, staff):
        with at(date(2027, 2, 16)):
            api.force_authenticate(head)
            [row] = api.get("/api/v1/deadlines/", {"state": "overdue"}).json()
            api.force_authenticate(staff)
            refused = api.get("/api/v1/deadlines/")
        assert (row["holder"], row["deadline"], row["working_days_late"], row["source"]) == (staff.full_name, "2027-02-11", 3, "assignment")
        assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"

    def test_a_bad_filter_is_a_400(self, api, passed_on, head):
        api.force_authenticate(head)
        response = api.get("/api/v1/deadlines/", {"state": "late"})
        assert response.status_code == 400 and "state" in response.json()["details"]


@pytest.mark.django_db
def test_on_the_weekend_after_a_friday_deadline_the_work_is_overdue_by_zero_working_days(clerk, leader, head, staff, department):
    with at(date(2027, 3, 1)):
        document = register(clerk)
        workflow_services.direction_give(actor=leader, document=document, text="Phòng chủ trì.", assignments=[
            workflow_services.AssignmentSpec(role="lead", user=staff, deadline=date(2027, 3, 5))])
    [row] = rows(leader, date(2027, 3, 6))  # Saturday
    assert (row.state, row.working_days_late) == ("overdue", 0)


@pytest.mark.django_db
def test_the_head_also_sees_work_a_leader_gave_one_of_the_departments_people_directly(clerk, leader, head, staff):
    with at(date(2027, 3, 1)):
        document = register(clerk)
        workflow_services.direction_give(actor=leader, document=document, text="Đồng chí chủ trì.", assignments=[
            workflow_services.AssignmentSpec(role="lead", user=staff, deadline=date(2027, 3, 5))])
    [row] = rows(head, date(2027, 3, 9))
    assert (row.holder, row.working_days_late) == (staff.full_name, 2)
