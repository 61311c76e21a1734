"""Reads of background jobs: always the caller's own."""
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404

from .models import Job
from .services import progress_cache_key


def job_list_for(user) -> QuerySet[Job]:
    if not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    return Job.objects.filter(user=user).order_by("-created_at", "-id")


def job_get_for_user(user, pk) -> Job:
    """The job, if it is `user`'s; otherwise Http404, the same as for a job that does not exist."""
    try:
        job = job_list_for(user).get(pk=pk)
    except (Job.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    return with_live_progress(job)


def with_live_progress(job: Job) -> Job:
    """Overlay the progress a running kind last put in the shared cache (it may be inside a transaction of its
    own, where the row's progress is not visible yet)."""
    if job.status == Job.Status.RUNNING:
        live = cache.get(progress_cache_key(job.pk))
        if live and live[0] >= job.progress_done:
            job.progress_done, job.progress_total = live[0], live[1] if live[1] is not None else job.progress_total
    return job
