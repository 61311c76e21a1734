import pytest

from accounts import services as account_services
from accounts.models import Role
from documents.services import outgoing
from notifications.models import Notification
from workflow import approval

from ..documents.outgoing_setup import draft

Kind = Notification.Kind


def awaiting(user, document) -> bool:
    return Notification.objects.filter(recipient=user, kind=Kind.APPROVAL_AWAITING, document=document).exists()


def decide(user, document, decision="approve", comment=""):
    run = document.chain_runs.get(status="active")
    return approval.step_decide(actor=user, run=run, decision=decision, comment=comment)


@pytest.mark.django_db
class TestApprovalNotifications:
    def test_awaiting_reaches_the_head_after_submit_then_the_leader_then_the_drafter_hears(
            self, staff, head, leader, cong_van, chain):
        document = draft(staff, cong_van)
        outgoing.draft_submit(actor=staff, document=document)
        assert awaiting(head, document) and not awaiting(leader, document)

        decide(head, document)
        assert awaiting(leader, document)

        decide(leader, document)
        assert Notification.objects.filter(recipient=staff, kind=Kind.DRAFT_APPROVED, document=document).exists()

    def test_a_return_tells_the_drafter(self, staff, head, cong_van, chain):
        document = draft(staff, cong_van)
        outgoing.draft_submit(actor=staff, document=document)
        decide(head, document, "return", "Bổ sung số liệu")
        assert Notification.objects.filter(recipient=staff, kind=Kind.DRAFT_RETURNED).exists()

    def test_a_deputy_of_the_leader_is_told_too(self, staff, head, leader, make_user, agency, cong_van, chain):
        from django.utils import timezone

        deputy = make_user(Role.Code.STAFF, org_unit=agency, username="phoban")
        today = timezone.localdate()
        account_services.delegation_create(actor=leader, deputy=deputy, start_date=today, end_date=today)
        document = draft(staff, cong_van)
        outgoing.draft_submit(actor=staff, document=document)
        decide(head, document)
        assert awaiting(deputy, document) and awaiting(leader, document)

    def test_issue_tells_the_recipient_agencies_clerks(self, staff, head, leader, clerk, cong_van, chain, recipient_agencies):
        agencies, clerks = recipient_agencies
        document = draft(staff, cong_van, agencies)
        outgoing.draft_submit(actor=staff, document=document)
        decide(head, document)
        decide(leader, document)
        outgoing.outgoing_issue(actor=clerk, document=document)
        for recipient_clerk in clerks:
            assert Notification.objects.filter(recipient=recipient_clerk, kind=Kind.ISSUED_TO_AGENCY, document=document).exists()
        outgoing.outgoing_recall(actor=leader, document=document, reason="Sai số liệu")
        for recipient_clerk in clerks:
            assert Notification.objects.filter(recipient=recipient_clerk, kind=Kind.RECALLED, document=document).exists()
