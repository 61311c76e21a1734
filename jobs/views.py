"""Portal pages of background jobs: my jobs, one job with a progress bar polled by htmx, the download.

Only the owner sees a job; anyone else gets the same 404 as for a job that does not exist.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from iooffice.errors import DomainError
from iooffice.sessions import passive_session

from . import selectors, services
from .display import job_context
from .models import Job

PAGE_SIZE = 50
# htmx stops polling on this status (an expired session ends the polls instead of pasting the login page).
HTMX_STOP_POLLING = 286


def start_and_follow(request, kind: str, params: dict, *, back: str):
    """Start `kind` for the requesting user and send them to its progress page; a refused parameter (a tampered
    year, term, format or filter) goes back to `back` with its message. PermissionDenied propagates (403)."""
    try:
        job = services.job_start(actor=request.user, kind=kind, params=params)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    return redirect("jobs:detail", pk=job.pk)

@login_required
@require_GET
def job_list(request):
    page = Paginator(selectors.job_list_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    jobs = [job_context(selectors.with_live_progress(job)) for job in page.object_list]
    return render(request, "jobs/list.html", {"page": page, "jobs": jobs})


@login_required
@require_GET
def job_detail(request, pk):
    job = job_context(selectors.job_get_for_user(request.user, pk))
    return render(request, "jobs/detail.html", {"job": job})


@require_GET
@passive_session
def job_progress(request, pk):
    """The status card, polled every second by htmx until the job has finished (neither renews nor writes the
    session, so an open job page does not keep an idle user signed in)."""
    if not request.user.is_authenticated:
        status = HTMX_STOP_POLLING if request.headers.get("HX-Request") else 403
        return HttpResponse(_("Session expired: reload the page."), status=status)
    job = job_context(selectors.job_get_for_user(request.user, pk))
    return render(request, "jobs/_progress.html", {"job": job})


@login_required
@require_GET
def job_download(request, pk):
    job = selectors.job_get_for_user(request.user, pk)
    try:
        handle = services.job_result_open(actor=request.user, job=job, request=request)
    except DomainError as exc:
        return render(request, "jobs/detail.html", {"job": job_context(job), "error": exc.message}, status=exc.status)
    return result_response(job, handle)


def result_response(job: Job, handle) -> FileResponse:
    """An attachment with the stored type, never sniffed, never cached (shared by the portal and the API)."""
    response = FileResponse(handle, as_attachment=True, filename=job.result_name, content_type=job.result_content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
