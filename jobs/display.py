"""How a job is shown (portal and API alike): whether to keep polling, the failure in the reader's words."""
from datetime import timedelta

from django.utils import timezone

from . import services
from .models import Job

# An unfinished job that has not moved for this long stops being polled; reloading the page polls again.
POLL_STALE_AFTER = timedelta(minutes=15)


def job_context(job: Job) -> Job:
    moved_at = job.updated_at or job.queued_at or job.created_at
    job.polling = not job.finished and timezone.now() - moved_at < POLL_STALE_AFTER
    job.stalled = not job.finished and not job.polling
    job.error_text = ""
    if job.status == Job.Status.FAILED:
        generic = services.GENERIC_ERRORS.get(job.error_code)
        job.error_text = str(generic) if generic else job.message
    job.expired = job.status == Job.Status.DONE and (not job.result or (job.expires_at and job.expires_at <= timezone.now()))
    return job
