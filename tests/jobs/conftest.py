import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from jobs.registry import JobError, JobResult, job_kind

# Kinds for these tests only: what they do is said by their names.
CALLS = {"echo": 0}


def _clean_rows(params: dict) -> dict:
    rows = params.get("rows", 3)
    if not isinstance(rows, int) or rows < 0:
        raise ValidationError({"rows": "A number of rows is expected."})
    return {"rows": rows}


@job_kind("tests.echo", label="Echo", allowed=lambda user, params: True, clean=_clean_rows)
def echo(job, progress):
    CALLS["echo"] += 1
    for done in range(1, job.params["rows"] + 1):
        progress(done, job.params["rows"])
    return JobResult("echo.txt", "text/plain", f"{job.params['rows']} rows for {job.user.username}".encode(), message="ok")


@job_kind("tests.staff_only", label="Staff only", allowed=lambda user, params: Role.Code.STAFF in {r.code for r in Role.objects.filter(user=user)})
def staff_only(job, progress):
    return JobResult("staff.txt", "text/plain", b"staff")


@job_kind("tests.boom", label="Boom", allowed=lambda user, params: True)
def boom(job, progress):
    progress(1, 10)
    raise RuntimeError("secret internal detail")


@job_kind("tests.refused", label="Refused", allowed=lambda user, params: True)
def refused(job, progress):
    raise JobError("Năm 1999 không có sổ.", code="no_register", details={"errors": [{"row": 2, "column": "x", "message": "y"}]})


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def owner(make_user):
    return make_user(Role.Code.STAFF, username="chuyenvien")


@pytest.fixture
def stranger(make_user):
    return make_user(Role.Code.STAFF, username="nguoikhac")
