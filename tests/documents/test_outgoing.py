import threading
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction

from accounts import services as account_services
from accounts.models import Role
from documents import policies
from documents.models import CommitteeTerm, Document, NumberReservation, OutgoingRecipient
from documents.services import numbering, outgoing
from iooffice.audit.models import AuditEvent
from iooffice.errors import InvalidTransition
from workflow import approval
from workflow.models import ChainRun

from .outgoing_setup import chain, cong_van, draft, recipient_agencies, term, upload  # noqa: F401

APPROVE, RETURN, REJECT = "approve", "return", "reject"


def active_run(document) -> ChainRun:
    return document.chain_runs.get(status="active")


def decide(user, document, decision=APPROVE, comment=""):
    return approval.step_decide(actor=user, run=active_run(document), decision=decision, comment=comment)


@pytest.fixture
def submitted(staff, cong_van, chain):
    document = draft(staff, cong_van)
    outgoing.draft_submit(actor=staff, document=document)
    return document


@pytest.mark.django_db
class TestApprovalChain:
    def test_full_path_with_a_return_and_a_new_version(self, staff, head, leader, clerk, cong_van, chain, recipient_agencies):
        """draft → head approves → leader returns → v2 → resumes at the leader → approves → clerk issues
        01-CV/VPTU → two agencies receive it → one registers it with its own arrival number."""
        agencies, clerks = recipient_agencies
        document = draft(staff, cong_van, agencies)
        outgoing.draft_submit(actor=staff, document=document)
        decide(head, document)
        decide(leader, document, RETURN, "Bổ sung số liệu quý III")
        document.refresh_from_db()
        assert document.status == Document.Status.CHANGES_REQUESTED
        v2 = outgoing.draft_new_version(actor=staff, document=document, upload=upload())
        run = outgoing.draft_submit(actor=staff, document=document)
        assert run.version == v2 and run.current_order == 2  # resumes at the step that returned it
        decide(leader, document)
        document.refresh_from_db()
        assert document.status == Document.Status.APPROVED and document.approved_version == v2

        outgoing.outgoing_issue(actor=clerk, document=document)
        document.refresh_from_db()
        assert document.symbol == "01-CV/VPTU" and document.issued_date == date.today() and document.number == 1
        assert set(document.recipients.values_list("state", flat=True)) == {"pending"}

        incoming = outgoing.exchange_register(actor=clerks[0], recipient=document.recipients.get(agency=agencies[0]))
        assert incoming.kind == "incoming" and incoming.arrival_number == 1 and incoming.symbol == "01-CV/VPTU"
        assert incoming.exchanged_from == document and incoming.files.get().versions.get().sha256 == v2.sha256
        receipt = document.recipients.get(agency=agencies[0])
        assert receipt.state == "registered" and receipt.registered_by == clerks[0]
        assert policies.document_can_view(clerks[0], incoming) and not policies.document_can_view(clerks[1], incoming)

    def test_restart_after_return_makes_the_head_approve_v2_again(self, staff, head, leader, cong_van, chain):
        chain.restart_after_return = True
        chain.save()
        document = draft(staff, cong_van)
        outgoing.draft_submit(actor=staff, document=document)
        decide(head, document)
        decide(leader, document, RETURN, "Sửa lại")
        outgoing.draft_new_version(actor=staff, document=document, upload=upload())
        run = outgoing.draft_submit(actor=staff, document=document)
        assert run.current_order == 1  # the head's approval of v1 does not count for v2
        with pytest.raises(PermissionDenied):
            decide(leader, document)

    def test_return_and_reject_need_a_comment(self, submitted, head):
        for decision in (RETURN, REJECT):
            with pytest.raises(approval.CommentRequired):
                decide(head, submitted, decision)

    def test_wrong_person_is_permission_denied_and_wrong_state_invalid_transition(self, submitted, staff, leader, head):
        with pytest.raises(PermissionDenied):
            decide(leader, submitted)  # step 1 belongs to the department head
        with pytest.raises(PermissionDenied):
            decide(staff, submitted)  # the drafter never approves
        run = active_run(submitted)
        decide(head, submitted, REJECT, "Không phù hợp")
        with pytest.raises(InvalidTransition):
            approval.step_decide(actor=head, run=run, decision=APPROVE)

    def test_one_active_run_per_document_is_enforced_by_the_database(self, submitted, staff):
        run = active_run(submitted)
        with pytest.raises(IntegrityError), transaction.atomic():
            ChainRun.objects.create(document=submitted, template=run.template, version=run.version, current_order=1, started_by=staff)

    @pytest.mark.parametrize("status,action,allowed", [
        ("draft", "submit", True), ("changes_requested", "submit", True), ("in_review", "submit", False),
        ("approved", "submit", False), ("issued", "submit", False),
        ("draft", "new_version", True), ("in_review", "new_version", False), ("approved", "new_version", False),
        ("approved", "issue", True), ("draft", "issue", False), ("in_review", "issue", False), ("issued", "issue", False),
        ("issued", "recall", True), ("approved", "recall", False), ("recalled", "recall", False),
    ])
    def test_transition_table(self, staff, clerk, leader, cong_van, chain, status, action, allowed):
        document = draft(staff, cong_van)
        Document.objects.filter(pk=document.pk).update(status=status)
        calls = {
            "submit": lambda: outgoing.draft_submit(actor=staff, document=document),
            "new_version": lambda: outgoing.draft_new_version(actor=staff, document=document, upload=upload()),
            "issue": lambda: outgoing.outgoing_issue(actor=clerk, document=document),
            "recall": lambda: outgoing.outgoing_recall(actor=leader, document=document, reason="Sai sót"),
        }
        if allowed:
            calls[action]()
            if action in ("issue", "recall"):  # a repeat is refused, never applied twice
                with pytest.raises(InvalidTransition):
                    calls[action]()
        else:
            with pytest.raises(InvalidTransition):
                calls[action]()


@pytest.mark.django_db
class TestDelegation:
    def test_a_deputy_acts_for_the_leader_inside_the_range_only(self, submitted, head, leader, make_user, agency):
        deputy = make_user(Role.Code.STAFF, org_unit=agency, username="phochanh")
        today = date.today()
        account_services.delegation_create(actor=leader, deputy=deputy, start_date=today, end_date=today + timedelta(days=3))
        decide(head, submitted)
        assert policies.document_can_view(deputy, submitted)
        decide(deputy, submitted)
        decision = active_run_or_last(submitted).decisions.get(order=2)
        assert decision.actor == deputy and decision.on_behalf_of == leader

    def test_outside_the_range_the_delegation_stops_by_itself(self, submitted, head, leader, make_user, agency):
        import time_machine

        deputy = make_user(Role.Code.STAFF, org_unit=agency, username="phochanh")
        today = date.today()
        account_services.delegation_create(actor=leader, deputy=deputy, start_date=today, end_date=today)
        decide(head, submitted)
        with time_machine.travel(today + timedelta(days=2)):
            with pytest.raises(PermissionDenied):
                decide(deputy, submitted)

    def test_only_leaders_delegate(self, staff, head):
        with pytest.raises(account_services.DelegationNotAllowed):
            account_services.delegation_create(actor=staff, deputy=head, start_date=date.today(), end_date=date.today())


def active_run_or_last(document):
    return document.chain_runs.order_by("-id").first()


@pytest.mark.django_db
class TestNumbering:
    def approved(self, staff, head, leader, cong_van):
        document = draft(staff, cong_van)
        outgoing.draft_submit(actor=staff, document=document)
        decide(head, document)
        decide(leader, document)
        return document

    def test_reservations_share_the_sequence(self, staff, head, leader, clerk, cong_van, chain):
        first = outgoing.outgoing_issue(actor=clerk, document=self.approved(staff, head, leader, cong_van))
        reserved = numbering.number_reserve(actor=clerk, doc_type=cong_van, reason="Văn bản Mật xử lý ngoài hệ thống")
        third = outgoing.outgoing_issue(actor=clerk, document=self.approved(staff, head, leader, cong_van))
        assert (first.symbol, reserved.symbol, third.symbol) == ("01-CV/VPTU", "02-CV/VPTU", "03-CV/VPTU")
        assert AuditEvent.objects.filter(action="outgoing.number_reserve").get().details["reason"].startswith("Văn bản Mật")

    def test_a_new_term_starts_a_new_sequence_and_numbers_coexist(self, staff, head, leader, clerk, cong_van, chain, term):
        old = outgoing.outgoing_issue(actor=clerk, document=self.approved(staff, head, leader, cong_van))
        new_term = CommitteeTerm.objects.create(name="2030–2035", start_date=date(2030, 10, 1))
        from documents.services import term_set_current

        term_set_current(actor=clerk, term=new_term)
        new = outgoing.outgoing_issue(actor=clerk, document=self.approved(staff, head, leader, cong_van))
        assert old.symbol == new.symbol == "01-CV/VPTU" and old.term != new.term

    def test_a_duplicate_symbol_in_one_term_is_refused_by_the_database(self, staff, head, leader, clerk, cong_van, chain):
        first = outgoing.outgoing_issue(actor=clerk, document=self.approved(staff, head, leader, cong_van))
        second = self.approved(staff, head, leader, cong_van)
        with pytest.raises(IntegrityError), transaction.atomic():
            Document.objects.filter(pk=second.pk).update(issuer=first.issuer, term=first.term, number=1, symbol_key=first.symbol_key)

    def test_only_the_agency_clerk_issues(self, staff, head, leader, cong_van, chain):
        document = self.approved(staff, head, leader, cong_van)
        for user in (staff, head, leader):
            with pytest.raises(PermissionDenied):
                outgoing.outgoing_issue(actor=user, document=document)


@pytest.mark.django_db
class TestRecall:
    def test_recall_withdraws_the_recipients_copies_and_deletes_nothing(self, staff, head, leader, clerk, cong_van, chain, recipient_agencies):
        agencies, clerks = recipient_agencies
        document = draft(staff, cong_van, agencies)
        outgoing.draft_submit(actor=staff, document=document)
        decide(head, document)
        decide(leader, document)
        outgoing.outgoing_issue(actor=clerk, document=document)
        copy = outgoing.exchange_register(actor=clerks[0], recipient=document.recipients.get(agency=agencies[0]))
        with pytest.raises(PermissionDenied):
            outgoing.outgoing_recall(actor=clerk, document=document, reason="x")
        outgoing.outgoing_recall(actor=leader, document=document, reason="Ban hành nhầm phụ lục")
        copy.refresh_from_db()
        assert copy.status == Document.Status.RECALLED and copy.files.count() == 1
        assert document.recipients.get(agency=agencies[1]).state == OutgoingRecipient.State.RECALLED
        with pytest.raises(InvalidTransition):
            outgoing.exchange_register(actor=clerks[1], recipient=document.recipients.get(agency=agencies[1]))


@pytest.mark.django_db
class TestDraftVisibility:
    def test_drafts_are_seen_by_drafter_head_chain_and_agency_clerks_only(self, submitted, staff, head, leader, clerk, make_user, department, foreign_clerk):
        colleague = make_user(Role.Code.STAFF, username="dongnghiep")
        for user in (staff, head, leader, clerk):
            assert policies.document_can_view(user, submitted), user
        for user in (colleague, foreign_clerk):
            assert not policies.document_can_view(user, submitted), user


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
class TestConcurrency:
    def _parallel(self, fns):
        barrier = threading.Barrier(len(fns))
        results, errors = [], []

        def run(fn):
            try:
                barrier.wait(timeout=30)
                results.append(fn())
            except BaseException as exc:  # each thread's outcome is checked below
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=run, args=(fn,)) for fn in fns]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        return results, errors

    def test_two_people_approving_one_step_at_once_only_one_succeeds(self, submitted, head, make_user):
        other_head = make_user(Role.Code.DEPARTMENT_HEAD, username="phophong")
        run = active_run(submitted)
        results, errors = self._parallel([
            lambda: approval.step_decide(actor=head, run=run, decision=APPROVE, step_order=1),
            lambda: approval.step_decide(actor=other_head, run=run, decision=APPROVE, step_order=1),
        ])
        assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], InvalidTransition)
        assert run.decisions.count() == 1

    def test_fifty_concurrent_issues_with_reservations_are_gap_free(self, staff, head, leader, clerk, cong_van, chain):
        documents = []
        for _ in range(45):
            document = draft(staff, cong_van)
            Document.objects.filter(pk=document.pk).update(status=Document.Status.APPROVED)
            documents.append(document)
        calls = [lambda d=d: outgoing.outgoing_issue(actor=clerk, document=d) for d in documents]
        calls += [lambda: numbering.number_reserve(actor=clerk, doc_type=cong_van, reason="Mật") for _ in range(5)]
        results, errors = self._parallel(calls)
        assert not errors, errors
        issued = list(Document.objects.filter(status="issued").values_list("number", flat=True))
        reserved = list(NumberReservation.objects.values_list("number", flat=True))
        assert sorted(issued + reserved) == list(range(1, 51))


@pytest.mark.django_db
def test_an_issued_text_cannot_get_a_new_version_by_any_path(staff, head, leader, clerk, cong_van, chain):
    from documents.services.files import file_version_add

    document = draft(staff, cong_van)
    outgoing.draft_submit(actor=staff, document=document)
    decide(head, document)
    decide(leader, document)
    outgoing.outgoing_issue(actor=clerk, document=document)
    main = document.files.get()
    with pytest.raises(InvalidTransition):
        outgoing.draft_new_version(actor=staff, document=document, upload=upload())
    with pytest.raises(InvalidTransition):
        file_version_add(actor=clerk, file=main, upload=upload())
    assert main.versions.count() == 1
