"""Importing users from Excel: administrators only; every row checked first, all or nothing; a job creates them
with progress and lists one-time passwords in its result."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from accounts.imports import COLUMNS, XLSX
from accounts.models import Role, User
from iooffice.audit.models import AuditEvent
from jobs.models import Job
from jobs.services import job_run
from notifications.models import Notification

from ..documents.builders import pdf_bytes
from ..jobs.helpers import content_of, job_id_from_redirect

pytestmark = pytest.mark.django_db
URL = "/accounts/users/import/"
HEADER = [c.key for c in COLUMNS]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def workbook(*rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(content: bytes, name="nguoi-dung.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


GOOD = [
    ("nguyenvana", "Nguyễn Văn A", "a@tinhuy.vn", "0912345678", "Chuyên viên", "VPTU-TH", "staff"),
    ("tranthib", "Trần Thị B", "", "", "Văn thư", "VPTU", "clerk, staff"),
]


def test_admins_see_the_page_from_the_organisation_chart(admin_client):
    assert 'href="/accounts/users/import/"' in admin_client.get("/organisation/").content.decode()
    assert admin_client.get(URL).status_code == 200


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("url", [URL, URL + "template.xlsx"])
def test_non_admins_are_refused(client, staff_user, method, url):
    client.force_login(staff_user)
    assert getattr(client, method)(url).status_code == 403
    assert 'href="/accounts/users/import/"' not in client.get("/organisation/").content.decode()


def test_anonymous_callers_are_sent_to_log_in(client):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_the_template_has_the_header_and_the_codes(admin_client, agency, department):
    response = admin_client.get(URL + "template.xlsx")
    assert response["Content-Type"] == XLSX and "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book.worksheets[0][1]] == HEADER
    codes = [row[0] for row in book.worksheets[1].iter_rows(values_only=True)]
    assert "VPTU-TH" in codes and "clerk" in codes


def test_a_good_file_creates_every_user_through_a_job(admin_client, admin_user, agency, department):
    response = admin_client.post(URL, {"file": upload(workbook(*GOOD))})
    job_id = job_id_from_redirect(response)
    assert not User.objects.filter(username="nguyenvana").exists()  # created by the job, not the request
    job_run(job_id=job_id)
    job = Job.objects.get(pk=job_id)
    assert job.status == "done", job.message
    assert job.progress_done == 2 and job.progress_total == 2 and not job.input_file
    a = User.objects.get(username="nguyenvana")
    b = User.objects.get(username="tranthib")
    assert a.full_name == "Nguyễn Văn A" and a.org_unit == department and a.phone == "0912345678"
    assert {r.code for r in Role.objects.filter(user=b)} == {"clerk", "staff"} and b.org_unit == agency
    result = load_workbook(io.BytesIO(content_of(admin_client.get(f"/jobs/{job_id}/download/")))).active
    passwords = {row[0]: row[5] for row in result.iter_rows(min_row=3, values_only=True)}
    assert set(passwords) == {"nguyenvana", "tranthib"}
    assert a.check_password(passwords["nguyenvana"]) and b.check_password(passwords["tranthib"])
    assert AuditEvent.objects.filter(action="user.create", actor=admin_user).count() == 2
    assert AuditEvent.objects.get(action="user.import").details["count"] == 2
    assert Notification.objects.filter(recipient=admin_user, kind="job_finished").exists()


ENGLISH = "en"  # the messages below are asserted in English; Vietnamese is the default


def test_a_bad_file_is_explained_in_vietnamese_by_default(admin_client):
    response = admin_client.post(URL, {"file": upload(pdf_bytes(), "nguoi-dung.xlsx")})
    assert response.status_code == 400 and "không phải bảng tính Excel" in response.context["error"]


def test_one_bad_row_imports_nothing_and_lists_every_problem(admin_client, agency, department, make_user):
    make_user(Role.Code.STAFF, username="DaCo")
    rows = [
        GOOD[0],
        ("daco", "Đã Có", "", "", "", "VPTU", "staff"),                 # row 3: the name exists (any case)
        ("moi1", "Người Mới", "khong-phai-email", "", "", "KHONGCO", "staff"),  # row 4: e-mail and unit
        ("nguyenvana", "Trùng Tên", "", "", "", "VPTU", "thuky"),      # row 5: duplicate in file, unknown role
        ("moi2", "", "", "", "", "VPTU", ""),                             # row 6: no full name
    ]
    response = admin_client.post(URL, {"file": upload(workbook(*rows))}, HTTP_ACCEPT_LANGUAGE=ENGLISH)
    assert response.status_code == 400 and not Job.objects.exists()
    assert not User.objects.filter(username__in=["nguyenvana", "moi1", "moi2"]).exists()
    page = response.content.decode()
    assert 'data-testid="import-report"' in page
    errors = response.context["row_errors"]
    assert {(e["row"], e["message"].split(" ")[0]) for e in errors} >= {(3, "The"), (4, "“khong-phai-email”"), (4, "There"), (6, "The")}
    assert sorted({e["row"] for e in errors}) == [3, 4, 5, 6]
    assert any("row 2" in e["message"] for e in errors if e["row"] == 5)  # points at the first use
    assert any("thuky" in e["message"] for e in errors)


@pytest.mark.parametrize("content, name, code", [
    (pdf_bytes(), "nguoi-dung.xlsx", "not_xlsx"),
    (b"username,full_name\nabc,Abc\n", "nguoi-dung.xlsx", "not_xlsx"),
    (b"", "nguoi-dung.xlsx", "empty_file"),
])
def test_a_file_that_is_not_an_xlsx_is_refused_clearly(admin_client, content, name, code):
    response = admin_client.post(URL, {"file": upload(content, name)}, HTTP_ACCEPT_LANGUAGE=ENGLISH)
    assert response.status_code in (400, 413) and not Job.objects.exists()
    if code == "not_xlsx":
        assert "not an Excel workbook" in response.context["error"]


def test_a_word_document_is_not_a_workbook(admin_client):
    from docx import Document as Docx  # python-docx, used by the extraction tests

    out = io.BytesIO()
    Docx().save(out)
    response = admin_client.post(URL, {"file": upload(out.getvalue())}, HTTP_ACCEPT_LANGUAGE=ENGLISH)
    assert response.status_code == 400 and "not an Excel workbook" in response.context["error"]


def test_an_oversized_file_is_refused(admin_client, settings, agency, department):
    settings.IOOFFICE_IMPORT_MAX_BYTES = 1000
    response = admin_client.post(URL, {"file": upload(workbook(*GOOD))})
    assert response.status_code == 413 and not Job.objects.exists()


def test_a_file_without_the_template_header_is_refused(admin_client):
    response = admin_client.post(URL, {"file": upload(workbook(("a", "b"), header=["Tên", "Họ"]))})
    assert response.status_code == 400 and "username" in response.context["error"]


def test_a_name_taken_between_the_check_and_the_job_fails_the_job_and_imports_nothing(admin_client, agency, department, make_user):
    job_id = job_id_from_redirect(admin_client.post(URL, {"file": upload(workbook(*GOOD))}))
    make_user(Role.Code.STAFF, username="tranthib")
    job_run(job_id=job_id)
    job = Job.objects.get(pk=job_id)
    assert job.status == "failed" and job.error_code == "import_invalid"
    assert job.details["errors"][0]["row"] == 3 and not User.objects.filter(username="nguyenvana").exists()
    page = admin_client.get(f"/jobs/{job_id}/").content.decode()
    assert 'data-testid="row-errors"' in page and "tranthib" in page
