"""Approval steps carry due dates in working days; reminders and escalations follow per-agency/urgency rules."""
from datetime import date

import pytest

from documents.services import outgoing
from notifications import tasks
from notifications.models import Notification
from workflow import approval
from workflow.deadlines import RuleBook
from workflow.models import DeadlineRule

from ..documents.outgoing_setup import draft
from .test_deadlines import at, kinds

Kind = Notification.Kind
SUBMITTED = date(2027, 2, 2)  # Tuesday before Tết (Thursday 4 – Wednesday 10 February off)


@pytest.fixture
def timed_chain(chain):
    """The head has 2 working days to decide, the leader 1."""
    chain.steps.filter(order=1).update(due_working_days=2)
    chain.steps.filter(order=2).update(due_working_days=1)
    return chain


@pytest.fixture
def submitted(staff, cong_van, timed_chain):
    with at(SUBMITTED):
        document = draft(staff, cong_van)
        outgoing.draft_submit(actor=staff, document=document)
    return document


def active_run(document):
    return document.chain_runs.get(status="active")


@pytest.mark.django_db
class TestStepDueDates:
    def test_a_new_step_is_due_in_two_working_days_unless_set_otherwise(self, chain):
        assert {step.due_working_days for step in chain.steps.all()} == {2}

    def test_the_step_is_due_in_working_days_across_tet_and_the_next_step_gets_its_own(self, submitted, head):
        assert active_run(submitted).step_due_on == date(2027, 2, 11)  # Wed 3, then Thu 11 after Tết
        with at(date(2027, 2, 12)):  # Friday
            approval.step_decide(actor=head, run=active_run(submitted), decision="approve")
        run = active_run(submitted)
        assert run.current_order == 2 and run.step_due_on == date(2027, 2, 15)  # the next working day: Monday

    def test_a_step_without_working_days_has_no_due_date_and_no_reminders(self, staff, cong_van, chain, head):
        chain.steps.update(due_working_days=None)  # the administrator cleared the default
        with at(SUBMITTED):
            document = draft(staff, cong_van)
            outgoing.draft_submit(actor=staff, document=document)
        assert active_run(document).step_due_on is None
        with at(date(2027, 3, 1)):
            tasks.deadline_reminders()
        assert not Notification.objects.filter(kind__in=[Kind.DEADLINE_APPROACHING, Kind.DEADLINE_PASSED]).exists()


@pytest.mark.django_db
class TestStepReminders:
    def test_the_head_is_reminded_once_then_the_head_and_the_drafter_hear_it_is_late(self, submitted, head, staff, leader):
        with at(date(2027, 2, 3)):  # two working days before (Wed 3 → Thu 11)
            tasks.deadline_reminders()
            tasks.deadline_reminders()
        assert len(kinds(head, Kind.DEADLINE_APPROACHING, step=1)) == 1
        assert kinds(staff, Kind.DEADLINE_APPROACHING) == []  # the drafter is not the one to act
        with at(date(2027, 2, 12)):  # one working day late
            tasks.deadline_reminders()
            tasks.deadline_reminders()
        assert len(kinds(head, Kind.DEADLINE_PASSED, level=1, step=1)) == 1
        assert len(kinds(staff, Kind.DEADLINE_PASSED, level=1, step=1)) == 1
        assert kinds(leader, Kind.DEADLINE_PASSED) == []
        with at(date(2027, 2, 17)):  # four working days late: the agency leaders hear
            tasks.deadline_reminders()
        assert len(kinds(leader, Kind.DEADLINE_PASSED, level=2, step=1)) == 1

    def test_a_decided_step_is_not_escalated(self, submitted, head, staff):
        with at(date(2027, 2, 3)):
            approval.step_decide(actor=head, run=active_run(submitted), decision="approve")
        with at(date(2027, 2, 12)):
            tasks.deadline_reminders()
        assert kinds(staff, Kind.DEADLINE_PASSED, step=1) == []


@pytest.mark.django_db
class TestRules:
    def test_the_most_specific_rule_wins(self, submitted, agency, foreign_agency, settings):
        settings.IOOFFICE_REMINDER_WORKING_DAYS = 2
        document = submitted
        assert RuleBook().for_document(document).remind_working_days == 2  # no rule: the settings
        DeadlineRule.objects.create(urgency="", remind_working_days=3, escalate_leader_working_days=5)
        assert RuleBook().for_document(document).remind_working_days == 3
        DeadlineRule.objects.create(urgency=document.urgency, remind_working_days=4, escalate_leader_working_days=5)
        assert RuleBook().for_document(document).remind_working_days == 4
        DeadlineRule.objects.create(agency=foreign_agency, remind_working_days=9, escalate_leader_working_days=9)
        DeadlineRule.objects.create(agency=agency, remind_working_days=1, escalate_leader_working_days=2)
        assert RuleBook().for_document(document).remind_working_days == 1
        DeadlineRule.objects.create(agency=agency, urgency=document.urgency, remind_working_days=0,
                                    escalate_leader_working_days=1)
        assert RuleBook().for_document(document).remind_working_days == 0

    def test_an_agency_rule_moves_the_reminder_and_the_leader_escalation(self, submitted, agency, head, leader):
        DeadlineRule.objects.create(agency=agency, remind_working_days=0, escalate_leader_working_days=1)
        with at(date(2027, 2, 3)):  # two working days before: this agency reminds on the day only
            tasks.deadline_reminders()
        assert kinds(head, Kind.DEADLINE_APPROACHING) == []
        with at(date(2027, 2, 11)):
            tasks.deadline_reminders()
        assert len(kinds(head, Kind.DEADLINE_APPROACHING)) == 1
        with at(date(2027, 2, 15)):  # two working days late: one after the first escalation
            tasks.deadline_reminders()
        assert len(kinds(leader, Kind.DEADLINE_PASSED, level=2)) == 1

    def test_one_rule_per_agency_and_urgency_also_for_the_default(self, db):
        from django.db import IntegrityError, transaction

        DeadlineRule.objects.create(remind_working_days=1, escalate_leader_working_days=1)
        with pytest.raises(IntegrityError), transaction.atomic():
            DeadlineRule.objects.create(remind_working_days=2, escalate_leader_working_days=2)


@pytest.mark.django_db
def test_step_headlines_name_the_step_and_how_late_it_is(submitted, head):
    from django.utils import translation

    from notifications.messages import headline

    with at(date(2027, 2, 16)):
        tasks.deadline_reminders()
    late = Notification.objects.get(recipient=head, kind=Kind.DEADLINE_PASSED)
    with translation.override("vi"):
        text = headline(late)
    assert "Trưởng phòng xem xét" in text and "11/02/2027" in text and "3" in text


@pytest.mark.django_db
def test_the_draft_page_and_the_api_show_when_the_current_step_is_due(client, api, submitted, head):
    with at(date(2027, 2, 12)):  # one day past it: shown as late
        client.force_login(head)
        page = client.get(f"/outgoing/{submitted.pk}/").content.decode()
        api.force_authenticate(head)
        body = api.get(f"/api/v1/outgoing/{submitted.pk}/").json()
    assert 'data-testid="step-due"' in page and "11/02/2027" in page and "text-danger" in page
    assert [run["step_due_on"] for run in body["chain_runs"]] == ["2027-02-11"]
