import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Role
from documents import policies
from documents.models import Document
from iooffice.audit.models import AuditEvent
from iooffice.errors import InvalidTransition
from workflow import services
from workflow.calendar import add_working_days
from workflow.models import Assignment

from ..documents.builders import register

Spec = services.AssignmentSpec


@pytest.fixture
def document(clerk):
    return register(clerk)


@pytest.fixture
def directed(document, leader, department, other_department, make_user):
    informed = make_user(Role.Code.STAFF, org_unit=other_department, username="debiet")
    services.direction_give(
        actor=leader, document=document, text="Giao Phòng Tổng hợp chủ trì, báo cáo trước ngày 15.",
        assignments=[Spec(role="lead", unit=department, deadline_days=5), Spec(role="inform", user=informed)],
    )
    document.refresh_from_db()
    return document


def api_for(api, user):
    api.force_authenticate(user)
    return api


@pytest.mark.django_db
class TestDirection:
    def test_leader_directs_with_a_working_day_deadline(self, directed, department):
        assert directed.status == Document.Status.IN_PROGRESS
        lead = directed.assignments.get(role="lead")
        assert lead.unit == department and lead.deadline == add_working_days(lead.created_at.date(), 5)
        assert directed.directions.get().text.startswith("Giao Phòng Tổng hợp")
        assert AuditEvent.objects.filter(action="document.direct", object_id=str(directed.pk)).exists()

    def test_members_of_the_lead_unit_and_the_informed_person_now_see_it(self, directed, staff, head):
        informed = directed.assignments.get(role="inform").user
        for user in (staff, head, informed):
            assert policies.document_can_view(user, directed)

    @pytest.mark.parametrize("leads", [0, 2])
    def test_exactly_one_lead_is_required(self, document, leader, department, other_department, leads):
        specs = [Spec(role="lead", unit=u) for u in (department, other_department)[:leads]] + [Spec(role="coordinate", unit=other_department)]
        with pytest.raises(services.OneLeadRequired):
            services.direction_give(actor=leader, document=document, text="x", assignments=specs)
        assert not document.assignments.exists()

    def test_a_second_direction_adds_without_a_second_lead(self, directed, leader, other_department):
        services.direction_give(actor=leader, document=directed, text="Bổ sung phối hợp",
                                assignments=[Spec(role="coordinate", unit=other_department)])
        assert directed.assignments.filter(role="lead").count() == 1 and directed.directions.count() == 2

    def test_units_of_another_agency_cannot_be_assigned(self, document, leader, foreign_agency):
        with pytest.raises(services.AssigneeOutsideAgency):
            services.direction_give(actor=leader, document=document, text="x", assignments=[Spec(role="lead", unit=foreign_agency)])

    @pytest.mark.parametrize("who", ["clerk", "staff", "head", "foreign_leader"])
    def test_only_the_agency_leader_directs(self, request, document, department, who):
        with pytest.raises(PermissionDenied):
            services.direction_give(actor=request.getfixturevalue(who), document=document, text="x",
                                    assignments=[Spec(role="lead", unit=department)])

    def test_directing_a_completed_document_is_an_invalid_transition(self, directed, leader, department):
        services.document_complete(actor=leader, document=directed)
        with pytest.raises(InvalidTransition):
            services.direction_give(actor=leader, document=directed, text="x", assignments=[])


@pytest.mark.django_db
class TestHandling:
    def test_head_delegates_to_a_person_of_the_department(self, directed, head, staff):
        lead = directed.assignments.get(role="lead")
        child = services.assignment_delegate(actor=head, assignment=lead, user=staff)
        assert child.parent == lead and child.role == "lead" and child.deadline == lead.deadline
        assert policies.document_can_complete(staff, directed)

    def test_head_cannot_delegate_outside_the_department(self, directed, head, clerk):
        with pytest.raises(PermissionDenied):
            services.assignment_delegate(actor=head, assignment=directed.assignments.get(role="lead"), user=clerk)

    def test_staff_cannot_delegate(self, directed, staff):
        with pytest.raises(PermissionDenied):
            services.assignment_delegate(actor=staff, assignment=directed.assignments.get(role="lead"), user=staff)

    def test_marking_done_twice_is_refused_the_second_time(self, directed, head):
        lead = directed.assignments.get(role="lead")
        services.assignment_mark_done(actor=head, assignment=lead, note="Đã xong phần việc")
        with pytest.raises(InvalidTransition):
            services.assignment_mark_done(actor=head, assignment=lead)
        assert AuditEvent.objects.filter(action="assignment.done").count() == 1

    def test_informed_people_read_but_do_not_act(self, directed):
        informed = directed.assignments.get(role="inform")
        with pytest.raises(PermissionDenied):
            services.assignment_mark_done(actor=informed.user, assignment=informed)
        with pytest.raises(PermissionDenied):
            services.comment_add(actor=informed.user, document=directed, text="Ý kiến")
        with pytest.raises(PermissionDenied):
            services.document_complete(actor=informed.user, document=directed)

    def test_lead_completes_with_a_note_and_a_repeat_is_refused(self, directed, head):
        services.document_complete(actor=head, document=directed, note="Đã trả lời bằng Công văn 12-CV/VPTU")
        directed.refresh_from_db()
        assert directed.status == Document.Status.COMPLETED and directed.comments.count() == 1
        with pytest.raises(InvalidTransition):
            services.document_complete(actor=head, document=directed)

    def test_returning_withdraws_assignments_and_the_access_they_gave(self, directed, clerk):
        informed = directed.assignments.get(role="inform").user
        services.document_return_to_sender(actor=clerk, document=directed, reason="Gửi nhầm cơ quan")
        directed.refresh_from_db()
        assert directed.status == Document.Status.RETURNED
        assert set(directed.assignments.values_list("status", flat=True)) == {Assignment.Status.WITHDRAWN}
        assert not policies.document_can_view(informed, directed)

    def test_return_needs_a_reason_and_the_clerk(self, directed, clerk, leader):
        with pytest.raises(services.ReasonRequired):
            services.document_return_to_sender(actor=clerk, document=directed, reason=" ")
        with pytest.raises(PermissionDenied):
            services.document_return_to_sender(actor=leader, document=directed, reason="x")


@pytest.mark.django_db
class TestQueues:
    def test_each_person_sees_the_document_in_their_own_queue(self, api, directed, leader, head, staff, clerk):
        informed = directed.assignments.get(role="inform").user
        assert api_for(api, head).get("/api/v1/incoming/queues/").json()["lead"] == 1
        assert api_for(api, informed).get("/api/v1/incoming/queues/").json()["inform"] == 1
        assert api_for(api, staff).get("/api/v1/incoming/queues/").json()["lead"] == 0  # the head passes it on
        counts = api_for(api, leader).get("/api/v1/incoming/queues/").json()
        assert counts["all"] == 1 and counts["awaiting_direction"] == 0
        assert [d["id"] for d in api_for(api, head).get("/api/v1/incoming/", {"queue": "lead"}).json()["results"]] == [directed.pk]

    def test_overdue_and_due_soon(self, api, clerk, leader, department, head):
        import time_machine
        from datetime import timedelta

        document = register(clerk)
        services.direction_give(actor=leader, document=document, text="x", assignments=[Spec(role="lead", unit=department, deadline_days=1)])
        deadline = document.assignments.get().deadline
        assert api_for(api, head).get("/api/v1/incoming/queues/").json()["due_soon"] == 1
        with time_machine.travel(deadline + timedelta(days=3)):
            counts = api_for(api, head).get("/api/v1/incoming/queues/").json()
        assert counts["overdue"] == 1


@pytest.mark.django_db
class TestApiPermissionMatrix:
    """Every object endpoint, for each role and a foreign agency: allowed, 403, or 404 when not visible."""

    @pytest.mark.parametrize("who,expected", [
        ("clerk", 200), ("leader", 200), ("head", 200), ("staff", 200), ("foreign_clerk", 404), ("foreign_leader", 404),
        ("outsider", 404), ("admin_user", 200),
    ])
    def test_detail(self, request, api, directed, other_department, make_user, who, expected):
        user = make_user(Role.Code.STAFF, org_unit=other_department, username="ngoai") if who == "outsider" else request.getfixturevalue(who)
        assert api_for(api, user).get(f"/api/v1/incoming/{directed.pk}/").status_code == expected

    @pytest.mark.parametrize("who,expected", [("leader", 200), ("clerk", 403), ("staff", 404), ("foreign_leader", 404)])
    def test_direct(self, request, api, document, department, who, expected):
        body = {"text": "Chỉ đạo", "assignments": [{"role": "lead", "unit": department.pk, "deadline_days": 3}]}
        response = api_for(api, request.getfixturevalue(who)).post(f"/api/v1/incoming/{document.pk}/direct/", body, format="json")
        assert response.status_code == expected, response.json()

    @pytest.mark.parametrize("who,expected", [("head", 200), ("leader", 200), ("staff", 403), ("foreign_clerk", 404)])
    def test_complete(self, request, api, directed, who, expected):
        response = api_for(api, request.getfixturevalue(who)).post(f"/api/v1/incoming/{directed.pk}/complete/", {}, format="json")
        assert response.status_code == expected

    @pytest.mark.parametrize("who,expected", [("clerk", 200), ("leader", 403), ("foreign_clerk", 404)])
    def test_return(self, request, api, directed, who, expected):
        response = api_for(api, request.getfixturevalue(who)).post(f"/api/v1/incoming/{directed.pk}/return/", {"reason": "Nhầm"}, format="json")
        assert response.status_code == expected

    @pytest.mark.parametrize("who,expected", [("head", 200), ("staff", 403), ("foreign_clerk", 404)])
    def test_comment(self, request, api, directed, who, expected):
        response = api_for(api, request.getfixturevalue(who)).post(f"/api/v1/incoming/{directed.pk}/comments/", {"text": "Ý kiến"}, format="json")
        assert response.status_code == expected

    @pytest.mark.parametrize("who,expected", [("head", 201), ("staff", 403), ("foreign_leader", 404)])
    def test_delegate(self, request, api, directed, staff, who, expected):
        lead = directed.assignments.get(role="lead")
        response = api_for(api, request.getfixturevalue(who)).post(f"/api/v1/assignments/{lead.pk}/delegate/", {"user": staff.pk}, format="json")
        assert response.status_code == expected

    @pytest.mark.parametrize("who,expected", [("clerk", 200), ("staff", 200), ("foreign_clerk", 404), ("outsider", 404)])
    def test_download(self, request, api, directed, other_department, make_user, who, expected):
        user = make_user(Role.Code.STAFF, org_unit=other_department, username="ngoai") if who == "outsider" else request.getfixturevalue(who)
        version = directed.files.get().versions.get()
        response = api_for(api, user).get(f"/api/v1/file-versions/{version.pk}/download/")
        assert response.status_code == expected
        if expected == 200:
            assert response["Content-Type"] == "application/pdf"
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Content-Disposition"].startswith("attachment;")
            assert AuditEvent.objects.filter(action="document.download", actor=user).exists()

    def test_wrong_state_is_409_not_403(self, api, directed, leader):
        services.document_complete(actor=leader, document=directed)
        response = api_for(api, leader).post(f"/api/v1/incoming/{directed.pk}/complete/", {}, format="json")
        assert response.status_code == 409 and response.json()["code"] == "invalid_transition"

    def test_list_query_count_does_not_grow_with_page_size(self, api, clerk, django_assert_max_num_queries):
        for _ in range(12):
            register(clerk)
        api_for(api, clerk)
        with django_assert_max_num_queries(10):
            api.get("/api/v1/incoming/", {"page_size": 2})
        with django_assert_max_num_queries(10):
            assert len(api.get("/api/v1/incoming/", {"page_size": 12}).json()["results"]) == 12


@pytest.mark.django_db
class TestFiles:
    def test_a_correction_adds_a_version_and_keeps_the_first(self, api, clerk, document):
        from ..documents.builders import pdf_upload

        file = document.files.get()
        first = file.versions.get()
        response = api_for(api, clerk).post(f"/api/v1/document-files/{file.pk}/versions/", {"file": pdf_upload(), "note": "Bản sửa lỗi chính tả"}, format="multipart")
        assert response.status_code == 201 and response.json()["number"] == 2
        assert api.get(f"/api/v1/file-versions/{first.pk}/download/").status_code == 200
        assert AuditEvent.objects.filter(action="document.file_version_add").exists()

    @pytest.mark.parametrize("who,expected", [("leader", 403), ("head", 404), ("foreign_clerk", 404)])
    def test_only_the_clerk_corrects_files(self, request, api, document, who, expected):
        from ..documents.builders import pdf_upload

        file = document.files.get()
        response = api_for(api, request.getfixturevalue(who)).post(f"/api/v1/document-files/{file.pk}/versions/", {"file": pdf_upload()}, format="multipart")
        assert response.status_code == expected

    @pytest.mark.parametrize("who,expected", [("head", 201), ("staff", 403), ("foreign_clerk", 404)])
    def test_handlers_attach_result_files(self, request, api, directed, who, expected):
        from ..documents.builders import pdf_upload

        response = api_for(api, request.getfixturevalue(who)).post(f"/api/v1/incoming/{directed.pk}/results/", {"file": pdf_upload("du-thao-tra-loi.pdf")}, format="multipart")
        assert response.status_code == expected
        if expected == 201:
            assert [f["role"] for f in response.json()["files"]] == ["main", "result"]

    def test_a_bad_result_file_is_refused_with_its_code(self, api, directed, head):
        from ..documents.builders import pdf_upload

        response = api_for(api, head).post(f"/api/v1/incoming/{directed.pk}/results/", {"file": pdf_upload("x.pdf", b"MZ\x90\x00binary")}, format="multipart")
        assert response.status_code == 400 and response.json()["code"] == "file_type_not_allowed"
        assert directed.files.count() == 1


@pytest.mark.django_db
class TestPreview:
    def test_a_pdf_page_is_rendered_as_png_for_those_who_may_see_it(self, api, document, clerk, foreign_clerk):
        version = document.files.get().versions.get()
        response = api_for(api, clerk).get(f"/api/v1/file-versions/{version.pk}/pages/1/")
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert response.content.startswith(b"\x89PNG")
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert api.get(f"/api/v1/file-versions/{version.pk}/pages/2/").status_code == 404
        assert api_for(api, foreign_clerk).get(f"/api/v1/file-versions/{version.pk}/pages/1/").status_code == 404

    def test_the_portal_reader_shows_page_images_to_viewers_only(self, client, document, clerk, foreign_clerk):
        version = document.files.get().versions.get()
        client.force_login(clerk)
        page = client.get(f"/incoming/versions/{version.pk}/read/")
        assert page.status_code == 200 and f"/incoming/versions/{version.pk}/pages/1.png".encode() in page.content
        assert client.get(f"/incoming/versions/{version.pk}/pages/1.png")["Content-Type"] == "image/png"
        client.force_login(foreign_clerk)
        assert client.get(f"/incoming/versions/{version.pk}/read/").status_code == 404
        assert client.get(f"/incoming/versions/{version.pk}/pages/1.png").status_code == 404


@pytest.mark.django_db
class TestPortalFiles:
    def test_a_handler_attaches_a_result_file_in_the_portal(self, client, directed, head):
        from ..documents.builders import pdf_upload

        client.force_login(head)
        response = client.post(f"/incoming/{directed.pk}/results/", {"attach-file": pdf_upload("bao-cao.pdf"), "attach-note": "Dự thảo"})
        assert response.status_code == 302
        assert directed.files.filter(role="result", display_name="bao-cao.pdf").exists()

    def test_a_refused_result_file_shows_the_reason_in_vietnamese(self, client, directed, head):
        from ..documents.builders import pdf_upload

        client.force_login(head)
        response = client.post(f"/incoming/{directed.pk}/results/", {"attach-file": pdf_upload("x.pdf", b"")})
        assert response.status_code == 400 and "Tệp rỗng" in response.content.decode()

    def test_the_clerk_uploads_a_corrected_version_in_the_portal(self, client, document, clerk, staff):
        from ..documents.builders import pdf_upload

        file = document.files.get()
        client.force_login(clerk)
        response = client.post(f"/incoming/{document.pk}/files/{file.pk}/versions/", {"version-file": pdf_upload()})
        assert response.status_code == 302 and file.versions.count() == 2
        client.force_login(staff)
        assert client.post(f"/incoming/{document.pk}/files/{file.pk}/versions/", {"version-file": pdf_upload()}).status_code == 404
