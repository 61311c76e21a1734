"""The register exports as job kinds (documents.job_kinds): the files they make, rows counted as progress, the
rows and the permission taken as they are when the job runs."""
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import Role
from documents.services import outgoing
from jobs import services
from jobs.models import Job
from workflow import approval

from ..documents.builders import register
from ..documents.conftest import clerk, foreign_agency, foreign_clerk, leader, staff  # noqa: F401
from ..documents.outgoing_setup import chain, cong_van, draft, term  # noqa: F401
from .helpers import content_of

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def run(job) -> Job:
    services.job_run(job_id=job.pk)
    return Job.objects.get(pk=job.pk)


def test_incoming_xlsx_has_every_row_and_counts_them(clerk):  # noqa: F811
    for number in range(1, 4):
        register(clerk, symbol=f"{number}-CV/TU", summary=f"Văn bản số {number}")
    job = run(services.job_start(actor=clerk, kind="documents.incoming_register", params={"year": YEAR, "format": "xlsx"}))
    assert job.status == "done" and job.progress_done == 3 and job.progress_total == 3
    assert job.result_name == f"so-van-ban-den-{YEAR}-VPTU.xlsx"
    sheet = load_workbook(io.BytesIO(job.result.read())).active
    assert [sheet.cell(row=r, column=2).value for r in (3, 4, 5)] == [1, 2, 3]


def test_incoming_pdf_is_a_readable_pdf(clerk):  # noqa: F811
    register(clerk, symbol="7-CV/TU", summary="Về việc tổng kết năm")
    job = run(services.job_start(actor=clerk, kind="documents.incoming_register", params={"year": YEAR, "format": "pdf"}))
    assert job.result_content_type == "application/pdf"
    assert "7-CV/TU" in PdfReader(io.BytesIO(job.result.read())).pages[0].extract_text()


def test_outgoing_xlsx_and_pdf(make_user, agency, clerk, leader, term, cong_van, chain):  # noqa: F811
    staff_user = make_user(Role.Code.STAFF, username="chuyenvien")
    head = make_user(Role.Code.DEPARTMENT_HEAD, username="truongphong")
    document = draft(staff_user, cong_van)
    outgoing.draft_submit(actor=staff_user, document=document)
    run_ = document.chain_runs.get(status="active")
    approval.step_decide(actor=head, run=run_, decision="approve")
    approval.step_decide(actor=leader, run=run_, decision="approve")
    outgoing.outgoing_issue(actor=clerk, document=document)
    for export in ("xlsx", "pdf"):
        job = run(services.job_start(actor=leader, kind="documents.outgoing_register", params={"term": term.pk, "format": export}))
        assert job.status == "done" and job.progress_done == 1, job.message
        content = job.result.read()
        if export == "xlsx":
            assert load_workbook(io.BytesIO(content)).active.cell(row=3, column=1).value == "01-CV/VPTU"
        else:
            assert "01-CV/VPTU" in PdfReader(io.BytesIO(content)).pages[0].extract_text()


@pytest.mark.parametrize("params, field", [
    ({"year": "năm ngoái", "format": "xlsx"}, "year"), ({"year": 1200, "format": "xlsx"}, "year"),
    ({"year": YEAR, "format": "docx"}, "format"),
])
def test_bad_parameters_are_400_with_the_field(client, clerk, params, field):  # noqa: F811
    client.force_login(clerk)
    response = client.post("/api/v1/jobs/", {"kind": "documents.incoming_register", "params": params}, content_type="application/json")
    assert response.status_code == 400 and field in response.json()["details"]


def test_an_unknown_term_is_400(client, clerk):  # noqa: F811
    client.force_login(clerk)
    response = client.post("/api/v1/jobs/", {"kind": "documents.outgoing_register", "params": {"term": 424242, "format": "pdf"}},
                           content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "invalid_job_params"


def test_staff_may_not_start_an_export_through_the_api(client, staff):  # noqa: F811
    client.force_login(staff)
    response = client.post("/api/v1/jobs/", {"kind": "documents.incoming_register", "params": {"year": YEAR, "format": "xlsx"}},
                           content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"


def test_a_clerk_who_lost_the_role_before_the_run_gets_no_register(clerk):  # noqa: F811
    register(clerk, symbol="9-CV/TU")
    job = services.job_start(actor=clerk, kind="documents.incoming_register", params={"year": YEAR, "format": "xlsx"})
    clerk.groups.clear()
    clerk.__dict__.pop("_iooffice_memberships", None)
    job = run(job)
    assert job.status == "failed" and job.error_code == "permission_denied" and not job.result


def test_rows_are_those_visible_when_the_job_runs(clerk):  # noqa: F811
    register(clerk, symbol="1-CV/TU")
    job = services.job_start(actor=clerk, kind="documents.incoming_register", params={"year": YEAR, "format": "xlsx"})
    register(clerk, symbol="2-CV/TU")  # registered while the job waited in the queue
    assert run(job).progress_done == 2


def test_the_register_page_posts_and_lands_on_the_job_page(client, clerk):  # noqa: F811
    register(clerk, symbol="3-CV/TU")
    client.force_login(clerk)
    response = client.post("/incoming/register/export/", {"year": YEAR, "format": "xlsx"}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/jobs/") and 'data-testid="job-status"' in response.content.decode()
    job = Job.objects.get()
    services.job_run(job_id=job.pk)
    assert content_of(client.get(f"/jobs/{job.pk}/download/")).startswith(b"PK")


def test_a_tampered_format_on_the_page_shows_a_message(client, clerk):  # noqa: F811
    client.force_login(clerk)
    response = client.post("/incoming/register/export/", {"year": YEAR, "format": "exe"})
    assert response.status_code == 302 and response["Location"] == "/incoming/register/" and not Job.objects.exists()
