"""Portal pages of incoming documents: list, register form, detail and its actions, extraction status, register
book and its exports. Documents are made through the real registering service with small real PDFs."""
import io
import re
import subprocess
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from documents.models import Document, FileVersion
from iooffice.audit.models import AuditEvent
from workflow import services as workflow_services
from workflow.models import Assignment

from jobs.models import Job

from ..jobs.helpers import content_of, export_through_job
from .builders import pdf_bytes, pdf_upload, register

pytestmark = pytest.mark.django_db

SUMMARY = "Về việc tổng kết công tác kiểm tra, giám sát năm 2026"


def this_year() -> int:
    return timezone.localdate().year


def logged_in(client, user):
    client.force_login(user)
    return client


def form_data(**overrides) -> dict:
    data = {
        "arrival_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
        "issuer_name": "Ban Tổ chức Tỉnh ủy",
        "symbol": "45-CV/BTCTU",
        "issued_date": "20/11/2026",
        "summary": SUMMARY,
        "urgency": "normal",
        "secrecy": "ordinary",
        "copies": "1",
        "files": [pdf_upload()],
    }
    data.update(overrides)
    return data


def direct(leader, document, *specs, text="Giao Phòng Tổng hợp chủ trì."):
    specs = specs or (workflow_services.AssignmentSpec(role="lead", unit=leader.org_unit.children.first()),)
    workflow_services.direction_give(actor=leader, document=document, text=text, assignments=list(specs))


# 1. The list ------------------------------------------------------------------------------------------------


class TestList:
    def test_shows_only_the_documents_the_user_may_see(self, client, clerk, foreign_clerk):
        mine = register(clerk, summary="Văn bản của Văn phòng Tỉnh ủy")
        theirs = register(foreign_clerk, summary="Văn bản của Ban Tổ chức")

        page = logged_in(client, clerk).get("/incoming/").content.decode()
        assert "Văn bản của Văn phòng Tỉnh ủy" in page and "Văn bản của Ban Tổ chức" not in page

        client.force_login(foreign_clerk)
        page = client.get("/incoming/").content.decode()
        assert "Văn bản của Ban Tổ chức" in page and "Văn bản của Văn phòng Tỉnh ủy" not in page
        assert client.get(f"/incoming/{mine.pk}/").status_code == 404
        assert client.get(f"/incoming/{theirs.pk}/").status_code == 200

    def test_staff_without_an_assignment_sees_an_empty_list(self, client, clerk, staff):
        register(clerk, summary=SUMMARY)
        page = logged_in(client, staff).get("/incoming/").content.decode()
        assert SUMMARY not in page and 'data-testid="empty"' in page

    def test_queue_tabs_count_and_filter(self, client, clerk, leader, department):
        waiting = register(clerk, summary="Đang chờ bút phê")
        directed = register(clerk, summary="Đã có bút phê")
        direct(leader, directed)
        client.force_login(leader)

        page = client.get("/incoming/?queue=awaiting_direction").content.decode()
        assert "Đang chờ bút phê" in page and "Đã có bút phê" not in page
        tab = re.search(r'data-testid="queue-awaiting_direction">.*?<span[^>]*>(\d+)</span>', page, re.S)
        assert tab.group(1) == "1"
        assert f'href="/incoming/{waiting.pk}/"' in page
        assert "Đã có bút phê" in client.get("/incoming/?queue=all").content.decode()
        assert client.get("/incoming/?queue=nonsense").status_code == 200

    def test_search_matches_summary_symbol_and_issuer(self, client, clerk):
        register(clerk, summary="Về công tác phòng chống thiên tai", symbol="77-KH/TU", issuer_name="Tỉnh ủy Nghệ An")
        register(clerk, summary="Về việc khác", symbol="15-CV/BTGTU", issuer_name="Ban Tuyên giáo")
        client.force_login(clerk)
        for query in ("thiên tai", "77-kh", "nghệ an"):
            page = client.get("/incoming/", {"q": query}).content.decode()
            assert "phòng chống thiên tai" in page and "Về việc khác" not in page, query
        by_number = client.get("/incoming/", {"q": "2"}).content.decode()  # the second one's arrival number
        assert "Về việc khác" in by_number and "phòng chống thiên tai" not in by_number
        assert client.get("/incoming/", {"q": "9" * 30}).status_code == 200

    def test_urgent_documents_get_a_red_badge(self, client, clerk):
        register(clerk, urgency="flash")
        page = logged_in(client, clerk).get("/incoming/").content.decode()
        assert 'class="badge text-bg-danger" data-testid="urgency"' in page

    def test_list_paginates_by_fifty(self, client, clerk):
        for number in range(1, 52):
            register(clerk, symbol=f"{number}-CV/TU")
        client.force_login(clerk)
        assert client.get("/incoming/").content.decode().count('data-testid="incoming-row"') == 50
        assert client.get("/incoming/?page=2").content.decode().count('data-testid="incoming-row"') == 1

    def test_query_count_does_not_grow_with_the_page(self, client, clerk):
        register(clerk, symbol="1-CV/TU")
        client.force_login(clerk)
        client.get("/incoming/")  # warm the session and role caches
        with CaptureQueriesContext(connection) as one:
            client.get("/incoming/")
        for number in range(2, 8):
            register(clerk, symbol=f"{number}-CV/TU")
        with CaptureQueriesContext(connection) as seven:
            client.get("/incoming/")
        assert len(seven) == len(one)

    def test_register_button_only_for_clerks(self, client, clerk, leader):
        assert 'data-testid="register-button"' in logged_in(client, clerk).get("/incoming/").content.decode()
        client.force_login(leader)
        assert 'data-testid="register-button"' not in client.get("/incoming/").content.decode()
        assert client.get("/incoming/new/").status_code == 403

    def test_list_needs_a_login(self, client):
        assert client.get("/incoming/").status_code == 302

    def test_home_card_shows_queue_counts(self, client, clerk):
        register(clerk)
        page = logged_in(client, clerk).get("/").content.decode()
        assert 'data-testid="incoming-card"' in page
        assert re.search(r'data-testid="home-queue-awaiting_direction">.*?>1</span>', page, re.S)


# 2. Registering ---------------------------------------------------------------------------------------------


class TestRegisterForm:
    def test_form_defaults_the_arrival_time_to_now(self, client, clerk):
        page = logged_in(client, clerk).get("/incoming/new/").content.decode()
        assert timezone.localtime().strftime('value="%d/%m/%Y ') in page and 'placeholder="dd/mm/yyyy"' in page
        assert 'type="file"' in page and "multiple" in page and 'name="files"' in page

    def test_clerk_registers_two_files_and_sees_the_arrival_number(self, client, clerk):
        client.force_login(clerk)
        response = client.post("/incoming/new/", form_data(files=[pdf_upload("chinh.pdf"), pdf_upload("phu-luc.pdf")],
                                                           urgency="very_urgent", page_count="3", notes="Bản fax"))
        document = Document.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/incoming/{document.pk}/"
        assert (document.arrival_number, document.arrival_year) == (1, this_year())
        assert document.summary == SUMMARY and document.urgency == "very_urgent" and document.page_count == 3
        assert document.issued_date.isoformat() == "2026-11-20"  # typed dd/mm/yyyy
        assert [f.display_name for f in document.files.order_by("id")] == ["chinh.pdf", "phu-luc.pdf"]
        page = client.get(response["Location"]).content.decode()
        assert f"1/{this_year()}" in page and SUMMARY in page

    def test_issuer_from_the_list_fills_the_name(self, client, clerk):
        from documents.models import Issuer

        issuer = Issuer.objects.create(code="TU", name="Tỉnh ủy Nghệ An", valid_from="2020-01-01")
        logged_in(client, clerk).post("/incoming/new/", form_data(issuer=str(issuer.pk), issuer_name=""))
        assert Document.objects.get().issuer_name == "Tỉnh ủy Nghệ An"

    def test_missing_issuer_and_summary_are_field_errors(self, client, clerk):
        response = logged_in(client, clerk).post("/incoming/new/", form_data(issuer_name="", summary=""))
        assert response.status_code == 400 and not Document.objects.exists()
        assert response.content.decode().count("invalid-feedback") >= 2
        assert 'data-testid="files-lost"' in response.content.decode()

    def test_no_file_shows_the_service_message(self, client, clerk):
        response = logged_in(client, clerk).post("/incoming/new/", form_data(files=[]), HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 400 and 'data-testid="form-error"' in response.content.decode()

    def test_a_refused_file_shows_the_validation_message(self, client, clerk):
        from django.core.files.uploadedfile import SimpleUploadedFile

        fake = SimpleUploadedFile("cong-van.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")
        response = logged_in(client, clerk).post("/incoming/new/", form_data(files=[fake]))
        assert response.status_code == 400 and 'data-testid="form-error"' in response.content.decode()
        assert not Document.objects.exists()

    @pytest.mark.parametrize("level", ["secret", "top_secret", "absolute_secret"])
    def test_a_secret_level_is_refused_with_the_vietnamese_explanation(self, client, clerk, level):
        response = logged_in(client, clerk).post("/incoming/new/", form_data(secrecy=level), HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 400
        assert "ngoài hệ thống" in response.content.decode()
        assert not Document.objects.exists() and not FileVersion.objects.exists()

    def test_staff_may_not_open_or_post_the_form(self, client, staff):
        client.force_login(staff)
        assert client.get("/incoming/new/").status_code == 403
        assert client.post("/incoming/new/", form_data()).status_code == 403


class TestDuplicate:
    def test_duplicate_links_to_the_existing_entry_and_registers_a_second_copy_with_a_reason(self, client, clerk):
        original = register(clerk, symbol="45-CV/BTCTU", issued_date="2026-11-20", issuer_name="Ban Tổ chức Tỉnh ủy")
        client.force_login(clerk)

        refused = client.post("/incoming/new/", form_data())
        page = refused.content.decode()
        assert refused.status_code == 409 and Document.objects.count() == 1
        assert f'href="/incoming/{original.pk}/"' in page
        assert 'name="duplicate_reason"' in page and 'data-testid="files-lost"' in page

        accepted = client.post("/incoming/new/", form_data(duplicate_reason="Bản gửi lại có dấu đỏ"))
        second = Document.objects.exclude(pk=original.pk).get()
        assert accepted.status_code == 302 and accepted["Location"] == f"/incoming/{second.pk}/"
        assert second.duplicate_of == original and second.duplicate_reason == "Bản gửi lại có dấu đỏ"
        assert f'href="/incoming/{original.pk}/"' in client.get(accepted["Location"]).content.decode()

    def test_the_same_file_is_a_duplicate_too(self, client, clerk):
        content = pdf_bytes()
        register(clerk, content=content)
        data = form_data(symbol="", files=[pdf_upload(content=content)])
        response = logged_in(client, clerk).post("/incoming/new/", data)
        assert response.status_code == 409


# 3. Detail and actions ----------------------------------------------------------------------------------------

FORMS = ["direction-form", "comment-form", "complete-form", "return-form", "quarantine-confirm-form", "done-form",
         "delegate-form"]


def forms_on(page: str) -> set[str]:
    return {name for name in FORMS if f'data-testid="{name}"' in page}


class TestDetail:
    def test_detail_shows_the_register_entry_and_audits_the_view(self, client, clerk):
        document = register(clerk, summary=SUMMARY, symbol="82-KL/TW", issued_date="2026-11-20")
        page = logged_in(client, clerk).get(f"/incoming/{document.pk}/").content.decode()
        assert SUMMARY in page and "82-KL/TW" in page and "20/11/2026" in page
        version = FileVersion.objects.get(file__document=document)
        assert f'href="/incoming/versions/{version.pk}/download/"' in page
        assert AuditEvent.objects.filter(action="document.view", object_id=str(document.pk), actor=clerk).exists()

    @pytest.mark.parametrize(
        "who, expected",
        [
            ("clerk", {"comment-form", "return-form"}),
            ("leader", {"direction-form", "comment-form"}),
            ("head", {"comment-form", "delegate-form", "done-form"}),
            ("staff", set()),
        ],
    )
    def test_actions_shown_per_role_while_it_is_being_handled(
        self, client, clerk, leader, head, staff, department, who, expected
    ):
        document = register(clerk)
        direct(leader, document, workflow_services.AssignmentSpec(role="lead", unit=department))
        user = {"clerk": clerk, "leader": leader, "head": head, "staff": staff}[who]
        response = logged_in(client, user).get(f"/incoming/{document.pk}/")
        assert response.status_code == 200
        page = response.content.decode()
        # leaders and the lead's head may also complete it
        expected = expected | ({"complete-form"} if who in ("leader", "head") else set())
        assert forms_on(page) == expected

    def test_before_a_direction_the_leader_directs_and_nobody_completes(self, client, clerk, leader):
        document = register(clerk)
        page = logged_in(client, leader).get(f"/incoming/{document.pk}/").content.decode()
        assert forms_on(page) == {"direction-form", "comment-form"}
        client.force_login(clerk)
        assert forms_on(client.get(f"/incoming/{document.pk}/").content.decode()) == {"comment-form", "return-form"}

    def test_quarantined_document_offers_confirm_and_purge_to_its_clerk(self, client, clerk, leader):
        document = register(clerk)
        # Quarantine is set by the extraction worker; set the state directly for this page test.
        Document.objects.filter(pk=document.pk).update(status=Document.Status.QUARANTINED, quarantine_mark="MẬT")
        page = logged_in(client, clerk).get(f"/incoming/{document.pk}/").content.decode()
        assert 'data-testid="quarantine-confirm-form"' in page and 'data-testid="quarantine-purge-form"' in page
        assert 'data-testid="quarantine-alert"' in page and "MẬT" in page

        response = client.post(f"/incoming/{document.pk}/quarantine/purge/", {"purge-reason": "Đúng là văn bản Mật"})
        assert response.status_code == 302
        document.refresh_from_db()
        assert document.status == Document.Status.PURGED
        assert 'data-testid="download"' not in client.get(f"/incoming/{document.pk}/").content.decode()

    def test_confirm_not_secret_needs_a_reason(self, client, clerk):
        document = register(clerk)
        Document.objects.filter(pk=document.pk).update(status=Document.Status.QUARANTINED, quarantine_mark="MẬT")
        client.force_login(clerk)
        assert client.post(f"/incoming/{document.pk}/quarantine/confirm/", {"confirm-reason": ""}).status_code == 400
        reason = {"confirm-reason": "Chữ “mật” trong câu văn"}
        response = client.post(f"/incoming/{document.pk}/quarantine/confirm/", reason)
        assert response.status_code == 302
        document.refresh_from_db()
        assert document.status == Document.Status.REGISTERED

    def test_a_foreign_clerk_gets_404_on_every_document_url(self, client, clerk, foreign_clerk):
        document = register(clerk)
        version = FileVersion.objects.get(file__document=document)
        client.force_login(foreign_clerk)
        for url in (f"/incoming/{document.pk}/", f"/incoming/versions/{version.pk}/download/",
                    f"/incoming/versions/{version.pk}/status/"):
            assert client.get(url).status_code == 404, url
        assert client.post(f"/incoming/{document.pk}/comment/", {"text": "x"}).status_code == 404
        assert client.post(f"/incoming/{document.pk}/return/", {"return-reason": "x"}).status_code == 404


class TestActions:
    def test_direction_through_the_portal_form_creates_the_assignments(
        self, client, clerk, leader, department, other_department, staff
    ):
        document = register(clerk)
        deadline = timezone.localdate() + timedelta(days=10)
        response = logged_in(client, leader).post(f"/incoming/{document.pk}/direct/", {
            "text": "Giao Phòng Tổng hợp chủ trì tham mưu.",
            "a0-role": "lead", "a0-unit": str(department.pk), "a0-deadline": deadline.strftime("%d/%m/%Y"),
            "a1-role": "coordinate", "a1-unit": str(other_department.pk), "a1-deadline_days": "5",
            "a2-role": "inform", "a2-user": str(staff.pk),
            "a3-role": "coordinate", "a4-role": "coordinate",
        })
        assert response.status_code == 302
        document.refresh_from_db()
        assert document.status == Document.Status.IN_PROGRESS
        rows = {(a.role, a.unit_id, a.user_id, a.deadline) for a in Assignment.objects.filter(document=document)}
        assert ("lead", department.pk, None, deadline) in rows
        assert ("inform", None, staff.pk, None) in rows
        assert len(rows) == 3
        page = client.get(f"/incoming/{document.pk}/").content.decode()
        assert "Giao Phòng Tổng hợp chủ trì tham mưu." in page and deadline.strftime("%d/%m/%Y") in page

    def test_a_further_direction_adds_coordinators_without_a_second_lead(
        self, client, clerk, leader, department, other_department
    ):
        document = register(clerk)
        direct(leader, document, workflow_services.AssignmentSpec(role="lead", unit=department))
        client.force_login(leader)
        page = client.get(f"/incoming/{document.pk}/").content.decode()
        assert 'data-testid="direction-toggle"' in page
        assert re.search(r'name="a0-role"[^>]*>\s*<option value="lead">', page)  # lead is no longer preselected
        response = client.post(f"/incoming/{document.pk}/direct/", {
            "text": "Bổ sung Phòng Hành chính phối hợp.", "a0-role": "coordinate", "a0-unit": str(other_department.pk)})
        assert response.status_code == 302
        assert Assignment.objects.filter(document=document, role="coordinate", unit=other_department).exists()

    def test_two_leads_are_refused_with_the_service_message_and_the_input_kept(
        self, client, clerk, leader, department, other_department
    ):
        document = register(clerk)
        response = logged_in(client, leader).post(f"/incoming/{document.pk}/direct/", {
            "text": "Bút phê thử", "a0-role": "lead", "a0-unit": str(department.pk),
            "a1-role": "lead", "a1-unit": str(other_department.pk),
        }, HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 400
        page = response.content.decode()
        assert 'data-testid="action-error"' in page and "Bút phê thử" in page
        assert not Assignment.objects.exists()

    def test_unit_and_person_in_one_row_is_a_form_error(self, client, clerk, leader, department, staff):
        document = register(clerk)
        response = logged_in(client, leader).post(f"/incoming/{document.pk}/direct/", {
            "text": "Bút phê", "a0-role": "lead", "a0-unit": str(department.pk), "a0-user": str(staff.pk),
        })
        assert response.status_code == 400 and not Assignment.objects.exists()

    def test_a_clerk_may_not_post_a_direction(self, client, clerk, department):
        document = register(clerk)
        response = logged_in(client, clerk).post(f"/incoming/{document.pk}/direct/", {
            "text": "x", "a0-role": "lead", "a0-unit": str(department.pk)})
        assert response.status_code == 403

    def test_head_passes_the_unit_assignment_to_a_person_who_then_reports_done(
        self, client, clerk, leader, head, staff, department
    ):
        document = register(clerk)
        direct(leader, document, workflow_services.AssignmentSpec(role="lead", unit=department))
        unit_assignment = Assignment.objects.get(document=document)
        response = logged_in(client, head).post(f"/incoming/assignments/{unit_assignment.pk}/delegate/", {
            f"delegate-{unit_assignment.pk}-user": str(staff.pk), f"delegate-{unit_assignment.pk}-role": ""})
        assert response.status_code == 302
        child = Assignment.objects.get(parent=unit_assignment)
        assert child.user == staff and child.role == "lead"

        client.force_login(staff)
        page = client.get(f"/incoming/{document.pk}/").content.decode()
        assert {"done-form", "comment-form", "complete-form"} <= forms_on(page)
        response = client.post(f"/incoming/assignments/{child.pk}/done/", {f"done-{child.pk}-note": "Đã tham mưu xong"})
        assert response.status_code == 302
        child.refresh_from_db()
        assert child.status == Assignment.Status.DONE and child.done_note == "Đã tham mưu xong"

    def test_comment_complete_and_return(self, client, clerk, leader, department):
        document = register(clerk)
        client.force_login(clerk)
        assert client.post(f"/incoming/{document.pk}/comment/", {"text": "Đã báo lãnh đạo"}).status_code == 302
        assert "Đã báo lãnh đạo" in client.get(f"/incoming/{document.pk}/").content.decode()

        direct(leader, document, workflow_services.AssignmentSpec(role="lead", unit=department))
        client.force_login(leader)
        assert client.post(f"/incoming/{document.pk}/complete/", {"note": "Xong"}).status_code == 302
        document.refresh_from_db()
        assert document.status == Document.Status.COMPLETED

        other = register(clerk)
        client.force_login(clerk)
        assert client.post(f"/incoming/{other.pk}/return/", {"return-reason": ""}).status_code == 400
        assert client.post(f"/incoming/{other.pk}/return/", {"return-reason": "Gửi nhầm cơ quan"}).status_code == 302
        other.refresh_from_db()
        assert other.status == Document.Status.RETURNED and other.return_reason == "Gửi nhầm cơ quan"

    def test_an_action_in_the_wrong_state_shows_the_conflict(self, client, clerk, leader):
        document = register(clerk)
        client.force_login(leader)
        response = client.post(f"/incoming/{document.pk}/complete/", {"note": ""})
        assert response.status_code == 409 and 'data-testid="action-error"' in response.content.decode()


# Files: downloads and extraction status -------------------------------------------------------------------


class TestFiles:
    def test_download_is_an_audited_attachment(self, client, clerk):
        content = pdf_bytes()
        document = register(clerk, content=content)
        version = FileVersion.objects.get(file__document=document)
        response = logged_in(client, clerk).get(f"/incoming/versions/{version.pk}/download/")
        assert response.status_code == 200 and b"".join(response.streaming_content) == content
        assert response["Content-Disposition"].startswith("attachment")
        assert response["Content-Type"] == "application/pdf"
        assert AuditEvent.objects.filter(action="document.download", object_id=str(document.pk)).exists()
        assert client.get(f"/incoming/versions/{version.pk}/download/?derived=1").status_code == 404  # no OCR PDF yet

    def test_status_partial_polls_while_unfinished_and_stops_when_done(self, client, clerk):
        document = register(clerk)
        version = FileVersion.objects.get(file__document=document)
        client.force_login(clerk)
        queued = client.get(f"/incoming/versions/{version.pk}/status/").content.decode()
        assert 'hx-trigger="every 2s"' in queued and 'data-status="queued"' in queued
        assert "<html" not in queued

        FileVersion.objects.filter(pk=version.pk).update(extraction_status="ocr", extraction_page=2, extraction_pages=5)
        ocr = client.get(f"/incoming/versions/{version.pk}/status/").content.decode()
        assert 'hx-trigger="every 2s"' in ocr and "2/5" in ocr
        assert 'data-testid="ocr-progress"' in ocr and 'aria-valuenow="2"' in ocr and "width: 40%" in ocr

        FileVersion.objects.filter(pk=version.pk).update(extraction_status="done")
        done = client.get(f"/incoming/versions/{version.pk}/status/").content.decode()
        assert "hx-trigger" not in done and 'data-status="done"' in done

    def test_polling_stops_when_nothing_moved_for_a_while_so_the_idle_logout_still_works(self, client, clerk):
        document = register(clerk)
        version = FileVersion.objects.get(file__document=document)
        FileVersion.objects.filter(pk=version.pk).update(extraction_updated_at=timezone.now() - timedelta(minutes=30))
        stalled = logged_in(client, clerk).get(f"/incoming/versions/{version.pk}/status/").content.decode()
        assert "hx-trigger" not in stalled and 'data-testid="stalled"' in stalled

    def test_a_poll_after_the_session_expired_stops_polling_instead_of_showing_the_login_page(self, client, clerk):
        version = FileVersion.objects.get(file__document=register(clerk))
        response = client.get(f"/incoming/versions/{version.pk}/status/", HTTP_HX_REQUEST="true")
        assert response.status_code == 286 and b"<form" not in response.content
        assert client.get(f"/incoming/versions/{version.pk}/status/").status_code == 403

    def test_a_failed_extraction_shows_the_reason_and_the_clerk_retries(self, client, clerk, leader):
        document = register(clerk)
        version = FileVersion.objects.get(file__document=document)
        failure = {"extraction_status": "failed", "extraction_error": "PdfReadError: hỏng"}
        FileVersion.objects.filter(pk=version.pk).update(**failure)
        client.force_login(leader)
        failed = client.get(f"/incoming/versions/{version.pk}/status/").content.decode()
        assert "PdfReadError: hỏng" in failed and 'data-testid="retry"' not in failed and "hx-trigger" not in failed
        assert client.post(f"/incoming/versions/{version.pk}/retry/").status_code == 403

        client.force_login(clerk)
        assert 'data-testid="retry"' in client.get(f"/incoming/versions/{version.pk}/status/").content.decode()
        response = client.post(f"/incoming/versions/{version.pk}/retry/", HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and 'hx-trigger="every 2s"' in response.content.decode()
        version.refresh_from_db()
        assert version.extraction_status == "queued"
        # a second retry finds nothing failed: the conflict is shown, not a crash
        assert client.post(f"/incoming/versions/{version.pk}/retry/").status_code == 302


# 4. The register book and its exports -------------------------------------------------------------------------


@pytest.fixture
def registered(clerk, leader, department):
    document = register(clerk, summary=SUMMARY, symbol="45-CV/BTCTU", issued_date="2026-11-20",
                        issuer_name="Ban Tổ chức Tỉnh ủy", notes="Bản chính")
    direct(leader, document, workflow_services.AssignmentSpec(role="lead", unit=department),
           workflow_services.AssignmentSpec(role="inform", user=leader))
    return document


class TestRegisterBook:
    @pytest.mark.parametrize(
        "who, status", [("clerk", 200), ("leader", 200), ("staff", 403), ("head", 403), ("foreign_clerk", 200)]
    )
    def test_who_may_open_it(self, client, request, who, status):
        assert logged_in(client, request.getfixturevalue(who)).get("/incoming/register/").status_code == status

    def test_rows_follow_appendix_iv(self, client, clerk, registered, department):
        page = logged_in(client, clerk).get("/incoming/register/").content.decode()
        row = re.search(r'<tr data-testid="register-row">(.*?)</tr>', page, re.S).group(1)
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        today = timezone.localdate().strftime("%d/%m/%Y")
        assert cells == [today, "1", "Ban Tổ chức Tỉnh ủy", "45-CV/BTCTU", "20/11/2026", SUMMARY, department.name,
                         today, "", "Bản chính"]

    def test_query_count_does_not_grow_with_the_rows(self, client, clerk, leader, department):
        lead = workflow_services.AssignmentSpec(role="lead", unit=department)
        direct(leader, register(clerk, symbol="1-CV/TU"), lead)
        client.force_login(clerk)
        client.get("/incoming/register/")
        with CaptureQueriesContext(connection) as one:
            client.get("/incoming/register/")
        for number in range(2, 6):
            lead = workflow_services.AssignmentSpec(role="lead", user=leader)
            direct(leader, register(clerk, symbol=f"{number}-CV/TU"), lead)
        with CaptureQueriesContext(connection) as five:
            client.get("/incoming/register/")
        assert len(five) == len(one)

    def test_a_foreign_clerk_sees_only_their_own_agency(self, client, registered, foreign_clerk):
        page = logged_in(client, foreign_clerk).get("/incoming/register/").content.decode()
        assert SUMMARY not in page

    def test_another_year_is_empty(self, client, clerk, registered):
        page = logged_in(client, clerk).get("/incoming/register/", {"year": this_year() - 1}).content.decode()
        assert SUMMARY not in page

    def test_xlsx_export(self, client, clerk, registered, agency):
        response = export_through_job(logged_in(client, clerk), "/incoming/register/export/", {"year": this_year(), "format": "xlsx"})
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
        sheet = load_workbook(io.BytesIO(content_of(response))).active
        title = sheet["A1"].value
        assert str(this_year()) in title and agency.name in title
        assert all(cell.font.bold for cell in sheet[2] if cell.value)
        values = [cell.value for cell in sheet[3]]
        assert values[1:4] == [1, "Ban Tổ chức Tỉnh ủy", "45-CV/BTCTU"] and values[5] == SUMMARY
        assert sheet["E3"].number_format == "DD/MM/YYYY" and sheet["E3"].value.date().isoformat() == "2026-11-20"
        assert sheet.column_dimensions["F"].width > sheet.column_dimensions["B"].width
        event = AuditEvent.objects.get(action="register.export")
        assert event.actor == clerk and event.details["format"] == "xlsx" and event.details["rows"] == 1

    def test_pdf_export_has_the_vietnamese_text(self, client, leader, registered, tmp_path):
        response = export_through_job(logged_in(client, leader), "/incoming/register/export/", {"year": this_year(), "format": "pdf"})
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        content = content_of(response)
        assert content.startswith(b"%PDF")
        path = tmp_path / "register.pdf"
        path.write_bytes(content)
        text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert SUMMARY in " ".join(text.split())
        assert "Ban Tổ chức Tỉnh ủy" in " ".join(text.split())
        assert AuditEvent.objects.filter(action="register.export", details__format="pdf").exists()

    def test_staff_may_not_export(self, client, staff, registered):
        response = logged_in(client, staff).post("/incoming/register/export/", {"year": this_year(), "format": "xlsx"})
        assert response.status_code == 403
        assert not AuditEvent.objects.filter(action="register.export").exists() and not Job.objects.exists()

    def test_export_is_a_post_with_a_form(self, client, clerk, registered):
        page = logged_in(client, clerk).get("/incoming/register/").content.decode()
        assert 'action="/incoming/register/export/"' in page and "csrfmiddlewaretoken" in page
        assert client.get("/incoming/register/export/", {"format": "xlsx"}).status_code == 405
        assert "attachment" not in client.get("/incoming/register/", {"format": "xlsx"}).get("Content-Disposition", "")
