"""A register export through a real Celery worker: the job page's poll goes from queued to done, the file
downloads, and the owner is notified."""
import io
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from jobs.models import Job
from notifications.models import Notification

from ..documents.builders import register
from ..documents.conftest import _media_in_tmp, clerk  # noqa: F401
from ..jobs.helpers import content_of, job_id_from_redirect
from ..processes import start_worker, stop, wait_for
from .test_ocr_worker import worker_env  # noqa: F401

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def poll_status(client, job_id: int) -> str:
    response = client.get(f"/jobs/{job_id}/progress/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return re.search(r'data-status="(\w+)"', response.content.decode()).group(1)


def test_an_export_goes_from_queued_to_done_in_a_real_worker(client, clerk, worker_env):  # noqa: F811
    for number in range(1, 4):
        register(clerk, symbol=f"{number}-CV/TU")
    client.force_login(clerk)
    year = timezone.localdate().year
    job_id = job_id_from_redirect(client.post("/incoming/register/export/", {"year": year, "format": "xlsx"}))
    assert poll_status(client, job_id) == "queued"
    seen = set()
    worker = start_worker("jobs", env=worker_env)
    try:
        def finished():
            seen.add(poll_status(client, job_id))
            return seen & {"done", "failed"}

        assert wait_for(finished, timeout=90, interval=0.2), seen
    finally:
        stop(worker)
    job = Job.objects.get(pk=job_id)
    assert job.status == "done", job.message
    assert job.progress_done == 3 and job.attempts == 1
    assert 'data-testid="job-download"' in client.get(f"/jobs/{job_id}/progress/").content.decode()
    sheet = load_workbook(io.BytesIO(content_of(client.get(f"/jobs/{job_id}/download/")))).active
    assert [sheet.cell(row=r, column=2).value for r in (3, 4, 5)] == [1, 2, 3]
    assert Notification.objects.filter(recipient=clerk, kind="job_finished", data__job_id=job_id).exists()
