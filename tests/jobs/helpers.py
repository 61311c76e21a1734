"""Starting a job the way the portal does and running it in-process, as the worker would."""
import re

from jobs.models import Job
from jobs.services import job_run


def job_id_from_redirect(response) -> int:
    assert response.status_code == 302, response.status_code
    match = re.fullmatch(r"/jobs/(\d+)/", response["Location"])
    assert match, response["Location"]
    return int(match.group(1))


def export_through_job(client, url: str, data: dict):
    """POST the export form, run the job it started, and GET its download: the file the user ends up with."""
    job_id = job_id_from_redirect(client.post(url, data))
    assert Job.objects.get(pk=job_id).status == Job.Status.QUEUED
    job_run(job_id=job_id)
    job = Job.objects.get(pk=job_id)
    assert job.status == Job.Status.DONE, (job.error_code, job.message)
    return client.get(f"/jobs/{job_id}/download/")


def content_of(response) -> bytes:
    return b"".join(response.streaming_content)
