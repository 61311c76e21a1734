"""Portal pages of outgoing documents: list, draft form, detail and its actions (versions, approval chain, issue,
recall), reserved numbers, the register book and its exports, registering from the incoming list, delegations.
Drafts are made through the real services with small real PDFs."""
import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Delegation, Role
from documents.models import Document, NumberReservation, OutgoingRecipient
from documents.services import numbering, outgoing
from iooffice.errors import InvalidTransition
from workflow import approval
from workflow.models import StepDecision

from ..jobs.helpers import content_of, export_through_job
from .builders import pdf_upload, register
from .outgoing_setup import chain, cong_van, draft, recipient_agencies, term, upload  # noqa: F401

pytestmark = pytest.mark.django_db

URL = "/outgoing/"


def logged_in(client, user):
    client.force_login(user)
    return client


def text(response) -> str:
    return response.content.decode()


def run_of(document):
    return document.chain_runs.get(status="active")


@pytest.fixture
def submitted(staff, cong_van, chain, recipient_agencies):
    document = draft(staff, cong_van, recipient_agencies[0])
    outgoing.draft_submit(actor=staff, document=document)
    return document


@pytest.fixture
def issued(submitted, staff, head, leader, clerk):
    approval.step_decide(actor=head, run=run_of(submitted), decision="approve")
    approval.step_decide(actor=leader, run=run_of(submitted), decision="approve")
    return outgoing.outgoing_issue(actor=clerk, document=submitted)


# 1. The list ------------------------------------------------------------------------------------------------


class TestList:
    def test_drafter_sees_the_draft_in_my_drafts_with_the_word_draft(self, client, staff, cong_van, chain):
        document = draft(staff, cong_van)
        page = text(logged_in(client, staff).get(URL + "?queue=my_drafts"))
        assert "V/v báo cáo công tác tháng 11" in page and f'href="/outgoing/{document.pk}/"' in page
        assert re.search(r'data-testid="queue-my_drafts">.*?<span[^>]*>1</span>', page, re.S)
        assert 'data-testid="draft-button"' in page

    def test_head_finds_it_awaiting_approval_and_a_colleague_sees_nothing(self, client, submitted, head, make_user):
        page = text(logged_in(client, head).get(URL + "?queue=awaiting_my_approval"))
        assert 'data-testid="outgoing-row"' in page
        colleague = make_user(Role.Code.STAFF, username="dongnghiep")
        page = text(logged_in(client, colleague).get(URL))
        assert 'data-testid="empty"' in page

    def test_to_register_tab_only_for_clerks_and_links_to_the_incoming_page(self, client, clerk, staff):
        assert 'href="/incoming/#to-register"' in text(logged_in(client, clerk).get(URL))
        assert 'queue-to_register' not in text(logged_in(client, staff).get(URL))

    def test_nav_link_and_login_required(self, client, staff):
        assert client.get(URL).status_code == 302
        assert 'data-testid="nav-outgoing"' in text(logged_in(client, staff).get(URL))


# 2. Drafting ------------------------------------------------------------------------------------------------


class TestDraftForm:
    def test_form_offers_other_agencies_and_visible_incoming_documents(self, client, clerk, agency, cong_van, recipient_agencies):
        incoming = register(clerk, summary="Công văn cần trả lời")
        page = text(logged_in(client, clerk).get(URL + "new/"))
        assert "Ban Nội chính Tỉnh ủy" in page and f'<option value="{agency.pk}"' not in page
        assert f'<option value="{incoming.pk}">' in page and "Công văn cần trả lời" in page

    def test_staff_drafts_with_a_pdf_recipients_and_a_reply(self, client, staff, clerk, cong_van, chain, recipient_agencies):
        agencies, _ = recipient_agencies
        response = logged_in(client, staff).post(URL + "new/", {
            "doc_type": cong_van.pk, "summary": "V/v tổng kết năm", "urgency": "urgent", "signer": "Nguyễn Văn A",
            "recipients": [a.pk for a in agencies], "external_recipients": "UBND tỉnh\nSở Nội vụ",
            "files": [pdf_upload("du-thao.pdf")],
        })
        document = Document.objects.get(kind="outgoing")
        assert response.status_code == 302 and response["Location"] == f"/outgoing/{document.pk}/"
        assert document.status == "draft" and document.registered_by == staff and document.urgency == "urgent"
        assert set(document.recipients.values_list("agency_id", flat=True)) == {a.pk for a in agencies}
        page = text(client.get(response["Location"]))
        assert "Sở Nội vụ" in page and 'data-testid="submit-form"' in page and "Phiên bản 1" in page

    def test_no_file_shows_the_service_message(self, client, staff, cong_van, chain):
        response = logged_in(client, staff).post(URL + "new/", {"doc_type": cong_van.pk, "summary": "x", "urgency": "normal"})
        assert response.status_code == 400 and 'data-testid="form-error"' in text(response)
        assert not Document.objects.exists()

    def test_missing_type_and_summary_are_field_errors(self, client, staff):
        response = logged_in(client, staff).post(URL + "new/", {"urgency": "normal", "files": [pdf_upload()]})
        assert response.status_code == 400 and text(response).count("invalid-feedback") >= 2

    def test_a_user_without_an_agency_may_not_draft(self, client, make_user):
        loner = make_user(Role.Code.STAFF, org_unit=None, username="khongdonvi")
        assert logged_in(client, loner).get(URL + "new/").status_code == 403


# 3. Detail: who sees it ---------------------------------------------------------------------------------


class TestDetailPermissions:
    @pytest.mark.parametrize("who,status", [("staff", 200), ("head", 200), ("leader", 200), ("clerk", 200),
                                            ("foreign_clerk", 404), ("colleague", 404)])
    def test_draft_detail(self, client, request, submitted, make_user, who, status):
        user = make_user(Role.Code.STAFF, username="dongnghiep") if who == "colleague" else request.getfixturevalue(who)
        assert logged_in(client, user).get(f"{URL}{submitted.pk}/").status_code == status

    def test_missing_document_is_404(self, client, staff):
        assert logged_in(client, staff).get(f"{URL}999999/").status_code == 404

    @pytest.mark.parametrize("who,status", [("head", 403), ("foreign_clerk", 404)])
    def test_submit(self, client, request, staff, cong_van, chain, who, status):
        document = draft(staff, cong_van)
        assert logged_in(client, request.getfixturevalue(who)).post(f"{URL}{document.pk}/submit/").status_code == status

    @pytest.mark.parametrize("who,status", [("leader", 403), ("staff", 403), ("foreign_leader", 404)])
    def test_decide(self, client, request, submitted, who, status):
        response = logged_in(client, request.getfixturevalue(who)).post(f"{URL}{submitted.pk}/decide/", {"decision": "approve", "step_order": 1})
        assert response.status_code == status

    @pytest.mark.parametrize("who,status", [("leader", 403), ("foreign_clerk", 404)])
    def test_issue(self, client, request, submitted, who, status):
        Document.objects.filter(pk=submitted.pk).update(status="approved")
        assert logged_in(client, request.getfixturevalue(who)).post(f"{URL}{submitted.pk}/issue/").status_code == status

    @pytest.mark.parametrize("who,status", [("clerk", 403), ("foreign_leader", 404)])
    def test_recall(self, client, request, issued, who, status):
        response = logged_in(client, request.getfixturevalue(who)).post(f"{URL}{issued.pk}/recall/", {"recall-reason": "Sai"})
        assert response.status_code == status

    def test_actions_shown_per_role(self, client, submitted, staff, head, leader, clerk):
        assert 'data-testid="decision-form"' in text(logged_in(client, head).get(f"{URL}{submitted.pk}/"))
        for user in (staff, leader, clerk):
            page = text(logged_in(client, user).get(f"{URL}{submitted.pk}/"))
            assert 'data-testid="decision-form"' not in page and 'data-testid="issue-form"' not in page


# 4. The whole flow through the portal ---------------------------------------------------------------------


class TestFlow:
    def test_submit_approve_return_version_resubmit_approve_issue_register_recall(
        self, client, staff, head, leader, clerk, cong_van, chain, recipient_agencies
    ):
        agencies, clerks = recipient_agencies
        client.force_login(staff)
        client.post(URL + "new/", {"doc_type": cong_van.pk, "summary": "V/v tổng kết năm", "urgency": "normal",
                                   "recipients": [agencies[0].pk], "files": [pdf_upload("du-thao-v1.pdf")]})
        document = Document.objects.get(kind="outgoing")
        detail = f"{URL}{document.pk}/"

        response = client.post(detail + "submit/", follow=True)
        assert "Dự thảo đã được trình duyệt." in text(response)
        document.refresh_from_db()
        assert document.status == "in_review"

        client.force_login(head)
        response = client.post(detail + "decide/", {"decision": "approve", "step_order": 1, "comment": ""})
        assert response.status_code == 302

        client.force_login(leader)
        page = text(client.get(detail))
        assert 'name="step_order" value="2"' in page
        refused = client.post(detail + "decide/", {"decision": "return", "step_order": 2, "comment": ""})
        assert refused.status_code == 400 and 'data-testid="action-error"' in text(refused)
        assert str(approval.CommentRequired.default_message) in text(refused)
        client.post(detail + "decide/", {"decision": "return", "step_order": 2, "comment": "Sửa đoạn 2 cho rõ"})
        document.refresh_from_db()
        assert document.status == "changes_requested"

        client.force_login(staff)
        page = text(client.get(detail))
        assert "Sửa đoạn 2 cho rõ" in page and 'data-testid="new-version-form"' in page
        response = client.post(detail + "versions/", {"version-file": pdf_upload("du-thao-v2.pdf"), "version-note": "Đã sửa"})
        assert response.status_code == 302
        client.post(detail + "submit/")

        client.force_login(leader)
        assert 'name="step_order" value="2"' in text(client.get(detail))  # resumes at the returning step
        client.post(detail + "decide/", {"decision": "approve", "step_order": 2})
        document.refresh_from_db()
        assert document.status == "approved" and document.approved_version.number == 2

        client.force_login(clerk)
        assert 'data-testid="issue-form"' in text(client.get(detail))
        response = client.post(detail + "issue/", follow=True)
        assert "01-CV/VPTU" in text(response) and 'alert-success' in text(response)

        client.force_login(clerks[0])
        page = text(client.get("/incoming/"))
        assert 'data-testid="exchange-pending"' in page and "01-CV/VPTU" in page
        recipient = OutgoingRecipient.objects.get(document=document, agency=agencies[0])
        response = client.post(f"{URL}exchange/{recipient.pk}/register/")
        incoming = Document.objects.get(kind="incoming", exchanged_from=document)
        assert response.status_code == 302 and response["Location"] == f"/incoming/{incoming.pk}/"
        again = client.post(f"{URL}exchange/{recipient.pk}/register/", follow=True)
        assert 'alert-danger' in text(again)  # a second click says so instead of registering twice

        client.force_login(clerk)
        receipts = text(client.get(detail))
        assert 'data-state="registered"' in receipts and clerks[0].get_full_name() in receipts

        client.force_login(leader)
        refused = client.post(detail + "recall/", {"recall-reason": ""})
        assert refused.status_code == 400
        client.post(detail + "recall/", {"recall-reason": "Sai số liệu"})
        document.refresh_from_db()
        incoming.refresh_from_db()
        assert document.status == "recalled" and incoming.status == "recalled"
        assert 'data-testid="recalled-alert"' in text(client.get(detail))

    def test_a_stale_decision_form_shows_the_conflict(self, client, submitted, head):
        client.force_login(head)
        client.post(f"{URL}{submitted.pk}/decide/", {"decision": "approve", "step_order": 1})
        response = client.post(f"{URL}{submitted.pk}/decide/", {"decision": "approve", "step_order": 1})
        assert response.status_code == 409 and 'data-testid="action-error"' in text(response)
        assert str(InvalidTransition.default_message) in text(response)
        assert StepDecision.objects.count() == 1

    def test_a_deputy_decides_on_behalf_of_the_leader(self, client, submitted, head, leader, make_user, agency):
        deputy = make_user(Role.Code.STAFF, org_unit=agency, username="phochanh", full_name="Phó Chánh Văn phòng")
        today = timezone.localdate()
        Delegation.objects.create(delegator=leader, deputy=deputy, start_date=today, end_date=today)
        approval.step_decide(actor=head, run=run_of(submitted), decision="approve")
        client.force_login(deputy)
        client.post(f"{URL}{submitted.pk}/decide/", {"decision": "approve", "step_order": 2})
        page = text(client.get(f"{URL}{submitted.pk}/"))
        assert f"K/T {leader.get_full_name()}" in page


# 5. Reserved numbers and the register book --------------------------------------------------------------


class TestReservations:
    @pytest.mark.parametrize("who,status", [("clerk", 200), ("leader", 403), ("staff", 403)])
    def test_who_may_open_it(self, client, request, who, status):
        assert logged_in(client, request.getfixturevalue(who)).get(URL + "reservations/").status_code == status

    def test_clerk_reserves_a_number(self, client, clerk, cong_van, chain):
        response = logged_in(client, clerk).post(URL + "reservations/", {"doc_type": cong_van.pk, "reason": "Văn bản Mật"}, follow=True)
        assert "01-CV/VPTU" in text(response) and 'data-testid="reservation"' in text(response)

    def test_a_reason_is_required(self, client, clerk, cong_van, chain):
        response = logged_in(client, clerk).post(URL + "reservations/", {"doc_type": cong_van.pk, "reason": ""})
        assert response.status_code == 400 and not NumberReservation.objects.exists()


class TestRegisterBook:
    @pytest.mark.parametrize("who,status", [("clerk", 200), ("leader", 200), ("staff", 403), ("head", 403)])
    def test_who_may_open_it(self, client, request, term, who, status):
        assert logged_in(client, request.getfixturevalue(who)).get(URL + "register/").status_code == status

    def test_rows_and_reserved_numbers(self, client, issued, clerk, cong_van):
        numbering.number_reserve(actor=clerk, doc_type=cong_van, reason="Mật")
        page = text(logged_in(client, clerk).get(URL + "register/"))
        assert page.count('data-testid="register-row"') == 2
        assert "01-CV/VPTU" in page and "02-CV/VPTU" in page and 'data-reserved="1"' in page
        assert "Mật" not in page.split('data-reserved="1"')[1].split("</tr>")[0]  # never the reason
        assert "Ban Tuyên giáo và Dân vận Tỉnh ủy" in page

    def test_xlsx_export(self, client, issued, clerk, term):
        response = export_through_job(logged_in(client, clerk), URL + "register/export/", {"term": term.pk, "format": "xlsx"})
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
        sheet = load_workbook(io.BytesIO(content_of(response))).active
        assert sheet.cell(row=3, column=1).value == "01-CV/VPTU"
        assert sheet.cell(row=3, column=2).number_format == "DD/MM/YYYY"

    def test_pdf_export(self, client, issued, leader, term):
        response = export_through_job(logged_in(client, leader), URL + "register/export/", {"term": term.pk, "format": "pdf"})
        content = content_of(response)
        assert response.status_code == 200 and content.startswith(b"%PDF")
        from pypdf import PdfReader

        assert "01-CV/VPTU" in PdfReader(io.BytesIO(content)).pages[0].extract_text()

    def test_staff_may_not_export(self, client, issued, staff, term):
        response = logged_in(client, staff).post(URL + "register/export/", {"term": term.pk, "format": "xlsx"})
        assert response.status_code == 403


# 6. Delegations ------------------------------------------------------------------------------------------


class TestDelegations:
    def test_card_only_for_leaders(self, client, leader, staff):
        assert 'data-testid="delegations-slot"' in text(logged_in(client, leader).get("/accounts/profile/"))
        assert 'data-testid="delegations-slot"' not in text(logged_in(client, staff).get("/accounts/profile/"))
        assert client.get(URL + "delegations/").status_code == 403
        assert client.get(URL + "delegations/", HTTP_HX_REQUEST="true").content == b""

    def test_leader_delegates_and_revokes(self, client, leader, make_user, agency):
        deputy = make_user(Role.Code.STAFF, org_unit=agency, username="phochanh")
        today = timezone.localdate()
        client.force_login(leader)
        assert 'data-testid="delegation-form"' in text(client.get(URL + "delegations/", HTTP_HX_REQUEST="true"))
        response = client.post(URL + "delegations/new/", {
            "delegation-deputy": deputy.pk, "delegation-start_date": today.strftime("%d/%m/%Y"),
            "delegation-end_date": (today + timedelta(days=3)).strftime("%d/%m/%Y"), "delegation-reason": "Đi công tác"})
        assert response.status_code == 302
        delegation = Delegation.objects.get()
        client.post(f"{URL}delegations/{delegation.pk}/revoke/")
        delegation.refresh_from_db()
        assert delegation.revoked_at is not None

    def test_end_before_start_shows_the_service_message(self, client, leader, make_user, agency):
        deputy = make_user(Role.Code.STAFF, org_unit=agency, username="phochanh")
        today = timezone.localdate()
        response = logged_in(client, leader).post(URL + "delegations/new/", {
            "delegation-deputy": deputy.pk, "delegation-start_date": today.strftime("%d/%m/%Y"),
            "delegation-end_date": (today - timedelta(days=1)).strftime("%d/%m/%Y")})
        assert response.status_code == 400 and 'data-testid="delegation-error"' in text(response)

    def test_a_stranger_may_not_revoke(self, client, leader, staff, make_user, agency):
        deputy = make_user(Role.Code.STAFF, org_unit=agency, username="phochanh")
        today = timezone.localdate()
        delegation = Delegation.objects.create(delegator=leader, deputy=deputy, start_date=today, end_date=today)
        assert logged_in(client, staff).post(f"{URL}delegations/{delegation.pk}/revoke/").status_code == 404
