"""Reminders and escalations in working days, across Tết 2027 (Thursday 4 – Wednesday 10 February off)."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from notifications import tasks
from notifications.models import Notification
from workflow import services as workflow_services
from workflow.models import CalendarException

from ..documents.builders import register

Kind = Notification.Kind
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
DEADLINE = date(2027, 2, 11)  # the first working day after Tết


def at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 8, 5, tzinfo=HANOI), tick=False)


@pytest.fixture
def assignment(clerk, leader, head, staff, department):
    """The leader gives the department the lead, due after Tết; its head passes it on to a staff member."""
    with at(date(2027, 1, 20)):
        document = register(clerk)
        workflow_services.direction_give(
            actor=leader, document=document, text="Phòng Tổng hợp chủ trì, hoàn thành sau Tết.",
            assignments=[workflow_services.AssignmentSpec(role="lead", unit=department, deadline=DEADLINE)])
        return workflow_services.assignment_delegate(actor=head, assignment=document.assignments.get(), user=staff)


def kinds(user, kind, **data):
    rows = Notification.objects.filter(recipient=user, kind=kind)
    return [n for n in rows if all(n.data.get(k) == v for k, v in data.items())]


@pytest.mark.django_db
class TestDeadlineReminders:
    def test_the_reminder_comes_two_working_days_before_across_tet_and_only_once(self, assignment, staff):
        with at(date(2027, 2, 1)):  # Monday: Tue 2, Wed 3, Thu 11 — three working days ahead
            tasks.deadline_reminders()
        assert kinds(staff, Kind.DEADLINE_APPROACHING) == []
        with at(date(2027, 2, 2)):  # Tuesday: Wed 3 and Thu 11 — two working days ahead
            tasks.deadline_reminders()
            tasks.deadline_reminders()
        with at(date(2027, 2, 8)):  # in Tết, the beat runs again: nothing new
            tasks.deadline_reminders()
        assert len(kinds(staff, Kind.DEADLINE_APPROACHING)) == 1

    def test_a_reminder_missed_during_downtime_is_caught_up_once(self, assignment, staff):
        with at(DEADLINE):
            tasks.deadline_reminders()
            tasks.deadline_reminders()
        assert len(kinds(staff, Kind.DEADLINE_APPROACHING)) == 1

    def test_escalation_to_the_head_then_the_leader_after_three_more_working_days(self, assignment, staff, head, leader):
        with at(date(2027, 2, 12)):  # Friday: one working day late
            tasks.deadline_reminders()
            tasks.deadline_reminders()
        assert len(kinds(head, Kind.DEADLINE_PASSED, level=1)) == 1 and len(kinds(staff, Kind.DEADLINE_PASSED)) == 1
        assert kinds(leader, Kind.DEADLINE_PASSED) == []
        with at(date(2027, 2, 16)):  # Mon 15, Tue 16: three working days late
            tasks.deadline_reminders()
        assert kinds(leader, Kind.DEADLINE_PASSED) == []
        with at(date(2027, 2, 17)):  # four working days late: three after the first escalation
            tasks.deadline_reminders()
            tasks.deadline_reminders()
        assert len(kinds(leader, Kind.DEADLINE_PASSED, level=2)) == 1
        assert len(kinds(head, Kind.DEADLINE_PASSED)) == 1

    def test_a_declared_make_up_saturday_counts_as_a_working_day(self, assignment, leader):
        CalendarException.objects.create(date=date(2027, 2, 13), kind=CalendarException.Kind.WORKING_DAY, reason="Làm bù")
        with at(date(2027, 2, 16)):  # Fri 12, Sat 13 (make-up), Mon 15, Tue 16: four working days late
            tasks.deadline_reminders()
        assert len(kinds(leader, Kind.DEADLINE_PASSED, level=2)) == 1

    def test_the_head_hears_once_for_the_unit_and_the_person_it_was_passed_to(self, assignment, head):
        with at(date(2027, 2, 12)):
            tasks.deadline_reminders()
        assert len(kinds(head, Kind.DEADLINE_PASSED)) == 1

    def test_a_done_assignment_is_not_reminded(self, assignment, staff):
        with at(date(2027, 2, 2)):
            workflow_services.assignment_mark_done(actor=staff, assignment=assignment)
            tasks.deadline_reminders()
        assert kinds(staff, Kind.DEADLINE_APPROACHING) == []
