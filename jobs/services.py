"""Every write of background jobs: start, run (claim, progress, finish or fail), the sweep, expiry.

A job is a row first and a Celery message second: the message only carries the id, so a lost message delays a
job (the sweep sends it again) and a message delivered twice runs it once (the claim is a conditional update).
"""
import logging
import time
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from documents.ingestion.filenames import sanitize_filename
from iooffice.audit.services import audit_record
from iooffice.queue import enqueue_on_commit

from . import registry
from .models import Job, input_path, result_path
from .errors import InvalidJobParams, JobNeedsFile, JobNotFinished, JobResultExpired, UnknownJobKind
from .registry import JobError, JobResult

log = logging.getLogger(__name__)
Status = Job.Status

# Failures explained in the reader's words (the job page translates them by code); a kind's JobError brings
# its own message instead.
GENERIC_ERRORS = {
    "internal": _("The job stopped because of an unexpected error. Try again; if it fails again, tell the administrator."),
    "time_limit": _("The job took too long and was stopped. Try again with less data (for example a shorter period)."),
    "worker_lost": _("The job was interrupted several times (the server restarted). Start it again."),
    "permission_denied": _("You no longer have access to this data, so the job was not run."),
    "unknown_kind": _("This kind of job no longer exists."),
}
PROGRESS_CACHE_SECONDS = 24 * 3600


def _setting(name: str, default):
    return getattr(settings, name, default)


def progress_cache_key(job_id: int) -> str:
    return f"iooffice:job:{job_id}:progress"


# Start ------------------------------------------------------------------------------------------------------


def job_start(*, actor, kind: str, params: dict | None = None, input_file=None, input_name: str = "") -> Job:
    """Validate `params` for `kind`, check that `actor` may start it, save the job, audit, queue it after commit.

    `input_file` (a Django File) is required by kinds declared with needs_input and refused by the others; it is
    stored under a generated name before the row is written (removed again if writing the row fails) and
    deleted once the job has finished.
    Raises UnknownJobKind, InvalidJobParams, JobNeedsFile (all 400) and PermissionDenied, before writing anything.
    """
    job_kind = registry.get_kind(kind)
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise PermissionDenied
    if params is not None and not isinstance(params, dict):
        raise InvalidJobParams(details={"params": [str(_("An object is expected."))]})
    try:
        cleaned = job_kind.clean(dict(params or {}))
    except ValidationError as exc:
        details = exc.message_dict if hasattr(exc, "error_dict") else {"params": exc.messages}
        raise InvalidJobParams(details=details) from None
    if not job_kind.allowed(actor, cleaned):
        raise PermissionDenied
    if job_kind.needs_input and input_file is None:
        raise JobNeedsFile()
    if not job_kind.needs_input and input_file is not None:
        raise InvalidJobParams(details={"file": [str(_("This kind of job takes no file."))]})

    stored = default_storage.save(input_path(None, ""), input_file) if input_file is not None else ""
    try:
        return _job_create(actor=actor, job_kind=job_kind, params=cleaned, stored_input=stored,
                           input_name=sanitize_filename(input_name or getattr(input_file, "name", "") or "") if stored else "")
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise


@transaction.atomic
def _job_create(*, actor, job_kind, params: dict, stored_input: str, input_name: str) -> Job:
    from .tasks import run_job

    job = Job(user=actor, kind=job_kind.code, params=params, queued_at=timezone.now(),
              language=translation.get_language() or settings.LANGUAGE_CODE, input_name=input_name)
    job.input_file.name = stored_input
    job.save()
    audit_record(actor=actor, action="job.start", obj=job, details={"kind": job.kind, "params": params, "input": input_name})
    enqueue_on_commit(run_job, job.pk, queue=job_kind.queue)
    return job


# Progress -------------------------------------------------------------------------------------------------


class JobProgress:
    """The `progress(done, total)` a kind calls, as often as it likes: at most one write per interval
    (settings.IOOFFICE_JOB_PROGRESS_INTERVAL seconds, default 1).

    Each write goes to the shared cache (what the poll reads first) and, unless the kind is inside a
    transaction of its own (an import creating everything at once), to the job row, where others could not see
    it before the commit anyway.
    """

    def __init__(self, job: Job, *, interval: float | None = None, clock=time.monotonic):
        self.job_id = job.pk
        self.interval = _setting("IOOFFICE_JOB_PROGRESS_INTERVAL", 1.0) if interval is None else interval
        self.clock = clock
        self.done = 0
        self.total: int | None = None
        self.writes = 0
        self._last: float | None = None
        self._depth = len(connection.atomic_blocks)

    def __call__(self, done: int, total: int | None = None) -> None:
        self.done = max(0, int(done))
        if total is not None:
            self.total = max(0, int(total))
        now = self.clock()
        if self._last is not None and now - self._last < self.interval:
            return
        self._last = now
        self.write()

    def write(self) -> None:
        self.writes += 1
        cache.set(progress_cache_key(self.job_id), [self.done, self.total], timeout=PROGRESS_CACHE_SECONDS)
        if len(connection.atomic_blocks) <= self._depth:
            Job.objects.filter(pk=self.job_id, status=Status.RUNNING).update(
                progress_done=self.done, progress_total=self.total, updated_at=timezone.now())


# Run --------------------------------------------------------------------------------------------------------


def job_run(*, job_id: int, clock=time.monotonic) -> Job | None:
    """Claim the job (queued → running, one conditional UPDATE: a second delivery, or a job another worker
    holds, finds nothing to claim and returns None), run its kind outside any transaction, then finish or fail.

    Asks the kind's `allowed` again for the job's user first (access may have changed since it was started).
    Database trouble puts the job back to queued and re-raises, so the task retries it; any other exception
    fails the job with a message for the user and a job_failed notification.
    """
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=now, updated_at=now, attempts=F("attempts") + 1, progress_done=0)
    if not claimed:
        return None
    job = Job.objects.select_related("user").get(pk=job_id)
    progress = JobProgress(job, clock=clock)
    try:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            job_kind = registry.get_kind(job.kind)
            if not job.user.is_active or not job_kind.allowed(job.user, job.params):
                raise PermissionDenied
            result = job_kind.run(job, progress)
            if not isinstance(result, JobResult):
                raise TypeError(f"job kind {job.kind} returned {type(result).__name__}, not a JobResult")
    except (OperationalError, InterfaceError):
        _job_requeue_after_error(job_id)
        raise
    except JobError as exc:
        return job_fail(job_id=job_id, code=exc.code, message=exc.message, details=exc.details)
    except PermissionDenied:
        return job_fail(job_id=job_id, code="permission_denied")
    except UnknownJobKind:
        return job_fail(job_id=job_id, code="unknown_kind")
    except SoftTimeLimitExceeded:
        return job_fail(job_id=job_id, code="time_limit")
    except Exception:
        log.exception("job %s (%s) failed", job_id, job.kind)
        return job_fail(job_id=job_id, code="internal")
    return job_finish(job_id=job_id, result=result, progress=progress)


def _job_requeue_after_error(job_id: int) -> None:
    try:
        Job.objects.filter(pk=job_id, status=Status.RUNNING).update(status=Status.QUEUED, queued_at=timezone.now())
    except (OperationalError, InterfaceError):
        pass  # still unreachable: the sweep puts it back once the database answers again


def job_finish(*, job_id: int, result: JobResult, progress: JobProgress | None = None) -> Job | None:
    """Store the result (a generated name in the default storage, which is never served directly), mark the job
    done under a row lock, audit it and notify the owner (job_finished). A job no longer running is left alone."""
    from notifications.models import Notification

    stored = default_storage.save(result_path(None, ""), ContentFile(result.content))
    try:
        with transaction.atomic():
            job = Job.objects.select_for_update().select_related("user").get(pk=job_id)
            if job.status != Status.RUNNING:
                transaction.on_commit(lambda: default_storage.delete(stored))
                return None
            now = timezone.now()
            done = progress.done if progress else job.progress_done
            total = progress.total if progress and progress.total is not None else done
            job.status = Status.DONE
            job.result.name = stored
            job.result_name = sanitize_filename(result.filename)
            job.result_content_type = result.content_type
            job.result_size = len(result.content)
            job.message = str(result.message or "")
            job.progress_done, job.progress_total = max(done, total), total
            _close(job, now, action="job.finish", notification=Notification.Kind.JOB_FINISHED,
                   details={"file": job.result_name, "size": job.result_size, "rows": job.progress_done})
    except BaseException:
        default_storage.delete(stored)
        raise
    cache.delete(progress_cache_key(job_id))
    return job


def job_fail(*, job_id: int, code: str, message=None, details: dict | None = None) -> Job | None:
    """Mark a queued or running job failed with `code` and a message for the user (a GENERIC_ERRORS text when
    none is given), audit it and notify the owner (job_failed). A finished job is left alone."""
    from notifications.models import Notification

    with transaction.atomic():
        job = Job.objects.select_for_update().select_related("user").get(pk=job_id)
        if job.status in Job.FINISHED:
            return None
        with translation.override(job.language or settings.LANGUAGE_CODE):
            text = str(message if message is not None else GENERIC_ERRORS.get(code, GENERIC_ERRORS["internal"]))
        now = timezone.now()
        job.status = Status.FAILED
        job.error_code = code[:50]
        job.message = text
        job.details = details or {}
        _close(job, now, action="job.fail", notification=Notification.Kind.JOB_FAILED, details={"code": job.error_code})
    cache.delete(progress_cache_key(job_id))
    return job


def _close(job: Job, now, *, action: str, notification: str, details: dict) -> None:
    """What ends every job, done or failed, inside the caller's transaction: the result kept for its hours, the
    uploaded input let go (deleted after commit), the audit row and the owner's notification."""
    from notifications.services import notify

    job.finished_at = job.updated_at = now
    job.expires_at = now + timedelta(hours=_result_hours(job))
    input_name = job.input_file.name
    job.input_file.name = ""
    job.save()
    audit_record(actor=None, action=action, obj=job, details={"kind": job.kind, "owner": job.user.get_username(), **details})
    notify(recipients=[job.user], kind=notification, data={"job_id": job.pk, "job_kind": job.kind})
    if input_name:
        transaction.on_commit(lambda: default_storage.delete(input_name))


def _result_hours(job: Job) -> int:
    try:
        hours = registry.get_kind(job.kind).result_hours
    except UnknownJobKind:
        hours = None
    return hours or _setting("IOOFFICE_JOB_RESULT_HOURS", 48)


# Downloads ------------------------------------------------------------------------------------------------


def job_result_open(*, actor, job: Job, request=None):
    """Open the result of `actor`'s own finished job for download and audit it (job.download).

    The caller found `job` through selectors.job_get_for_user, so it is the actor's. Raises JobNotFinished (409)
    when it is not done and JobResultExpired (410) when its file was removed at expiry.
    """
    if job.user_id != actor.pk:
        raise Job.DoesNotExist
    if job.status != Status.DONE:
        raise JobNotFinished()
    if not job.result or (job.expires_at and job.expires_at <= timezone.now()):
        raise JobResultExpired()
    handle = job.result.open("rb")
    audit_record(actor=actor, action="job.download", obj=job,
                 details={"kind": job.kind, "file": job.result_name, "size": job.result_size}, request=request)
    return handle


# Sweep and expiry -----------------------------------------------------------------------------------------


def job_sweep(*, now=None) -> list[int]:
    """Hand again to the broker what a lost message or a dead worker left undone (beat, every few minutes; safe
    to run twice or late). Returns the ids queued again.

    - queued for longer than settings.IOOFFICE_JOB_QUEUED_GRACE seconds (default 300): sent again;
    - running for longer than the hard task time limit plus a minute, so its worker is surely gone: back to
      queued and sent again, or failed (worker_lost) after settings.IOOFFICE_JOB_MAX_ATTEMPTS claims (3).
    """
    from .tasks import run_job

    now = now or timezone.now()
    grace = timedelta(seconds=_setting("IOOFFICE_JOB_QUEUED_GRACE", 300))
    dead_after = timedelta(seconds=_setting("CELERY_TASK_TIME_LIMIT", 660) + 60)
    max_attempts = _setting("IOOFFICE_JOB_MAX_ATTEMPTS", 3)
    requeued = []
    for job_id in Job.objects.filter(status=Status.RUNNING, started_at__lt=now - dead_after).values_list("pk", flat=True):
        with transaction.atomic():
            job = Job.objects.select_for_update().filter(pk=job_id, status=Status.RUNNING, started_at__lt=now - dead_after).first()
            if job is None:
                continue
            if job.attempts >= max_attempts:
                job_fail(job_id=job.pk, code="worker_lost")
                continue
            job.status, job.queued_at, job.updated_at = Status.QUEUED, now, now
            job.save(update_fields=["status", "queued_at", "updated_at"])
            audit_record(actor=None, action="job.requeue", obj=job, details={"kind": job.kind, "attempts": job.attempts})
            enqueue_on_commit(run_job, job.pk, queue=_queue_of(job))
            requeued.append(job.pk)
    for job in Job.objects.filter(status=Status.QUEUED, queued_at__lt=now - grace):
        # Conditional, so two sweeps at once send it once; the claim in job_run makes a duplicate harmless anyway.
        with transaction.atomic():
            if Job.objects.filter(pk=job.pk, status=Status.QUEUED, queued_at=job.queued_at).update(queued_at=now):
                enqueue_on_commit(run_job, job.pk, queue=_queue_of(job))
                requeued.append(job.pk)
    return requeued


def _queue_of(job: Job) -> str:
    try:
        return registry.get_kind(job.kind).queue
    except UnknownJobKind:
        return "default"


def job_cleanup_expired(*, now=None) -> int:
    """Delete the result and input files of jobs past `expires_at` (beat, hourly); the rows stay as history.
    Returns how many jobs lost their files."""
    now = now or timezone.now()
    count = 0
    for job in Job.objects.filter(expires_at__lte=now).exclude(result="", input_file=""):
        names = [name for name in (job.result.name, job.input_file.name) if name]
        with transaction.atomic():
            if not Job.objects.filter(pk=job.pk, expires_at__lte=now).update(result="", input_file=""):
                continue
            audit_record(actor=None, action="job.expire", obj=job, details={"kind": job.kind, "file": job.result_name})
        for name in names:
            default_storage.delete(name)
        cache.delete(progress_cache_key(job.pk))
        count += 1
    return count
