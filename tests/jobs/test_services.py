"""jobs.services: start (checks, audit, enqueue after commit), run (claim once, throttled progress, finish or
fail with a notification), the sweep after lost messages or dead workers, expiry of result files."""
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from iooffice.audit.models import AuditEvent
from jobs import services
from jobs.errors import InvalidJobParams, JobNeedsFile, UnknownJobKind
from jobs.models import Job
from notifications import messages
from notifications.models import Notification, NotificationPreference

from .conftest import CALLS

pytestmark = pytest.mark.django_db


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_start_saves_audits_and_enqueues_only_after_commit(owner, django_capture_on_commit_callbacks, monkeypatch):
    from jobs.tasks import run_job

    sent = []
    monkeypatch.setattr(run_job, "apply_async", lambda **kwargs: sent.append(kwargs))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = services.job_start(actor=owner, kind="tests.echo", params={"rows": 5})
        assert sent == []
    assert job.status == Job.Status.QUEUED and job.params == {"rows": 5} and job.user == owner and job.queued_at
    assert len(callbacks) == 1 and sent == [{"args": (job.pk,), "kwargs": {}, "queue": "default"}]
    event = AuditEvent.objects.get(action="job.start")
    assert event.actor == owner and event.object_id == str(job.pk) and event.details["kind"] == "tests.echo"


@pytest.mark.parametrize("kind, params, error", [
    ("tests.nothing", {}, UnknownJobKind),
    ("tests.echo", {"rows": -1}, InvalidJobParams),
    ("tests.echo", ["not", "an", "object"], InvalidJobParams),
])
def test_start_refuses_unknown_kinds_and_bad_params_without_writing(owner, kind, params, error):
    with pytest.raises(error):
        services.job_start(actor=owner, kind=kind, params=params)
    assert not Job.objects.exists() and not AuditEvent.objects.filter(action="job.start").exists()


def test_start_checks_the_kinds_permission_first(make_user):
    clerk = make_user("clerk", username="vanthu")
    with pytest.raises(PermissionDenied):
        services.job_start(actor=clerk, kind="tests.staff_only", params={})
    assert not Job.objects.exists()


def test_a_kind_that_needs_a_file_cannot_start_without_one(admin_user):
    with pytest.raises(JobNeedsFile):
        services.job_start(actor=admin_user, kind="accounts.user_import", params={})


def test_run_finishes_stores_the_result_and_notifies_the_owner_in_the_app_only(owner):
    owner.email = "cv@example.vn"
    owner.save()
    job = services.job_start(actor=owner, kind="tests.echo", params={"rows": 4})
    services.job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.progress_done == 4 and job.progress_total == 4 and job.percent == 100
    assert job.result_name == "echo.txt" and job.result_content_type == "text/plain" and job.message == "ok"
    assert job.result.read() == b"4 rows for chuyenvien" and job.result_size == len(b"4 rows for chuyenvien")
    assert not job.result.name.endswith("echo.txt")  # a generated name; the display name is metadata
    assert job.expires_at == job.finished_at + timedelta(hours=48)
    notification = Notification.objects.get(recipient=owner)
    assert notification.kind == "job_finished" and notification.data == {"job_id": job.pk, "job_kind": "tests.echo"}
    assert notification.email_state == Notification.EmailState.NOT_NEEDED  # e-mail NEVER by default
    assert NotificationPreference.DEFAULTS["job_failed"] == NotificationPreference.Delivery.NEVER
    assert messages.target_path(notification) == f"/jobs/{job.pk}/" and "Echo" in messages.headline(notification)
    assert AuditEvent.objects.filter(action="job.finish", object_id=str(job.pk)).exists()


def test_running_a_job_twice_runs_the_kind_once(owner):
    job = services.job_start(actor=owner, kind="tests.echo", params={"rows": 2})
    before = CALLS["echo"]
    assert services.job_run(job_id=job.pk) is not None
    assert services.job_run(job_id=job.pk) is None
    assert CALLS["echo"] == before + 1
    assert Notification.objects.filter(recipient=owner, kind="job_finished").count() == 1


def test_a_job_another_worker_holds_is_not_run_again(owner):
    job = services.job_start(actor=owner, kind="tests.echo", params={"rows": 2})
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=timezone.now())
    before = CALLS["echo"]
    assert services.job_run(job_id=job.pk) is None and CALLS["echo"] == before


def test_a_deleted_job_is_ignored_quietly(owner):
    assert services.job_run(job_id=987654) is None


def test_progress_is_throttled_to_one_write_per_interval(owner):
    job = services.job_start(actor=owner, kind="tests.echo", params={})
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    clock = FakeClock()
    progress = services.JobProgress(job, interval=1.0, clock=clock)
    with CaptureQueriesContext(connection) as queries:
        for done in range(1, 10_001):
            progress(done, 10_000)
            if done % 2500 == 0:
                clock.now += 1.0
    assert progress.writes == 4  # the first call, then the first call after each second (rows 2501, 5001, 7501)
    assert sum(1 for q in queries if q["sql"].startswith("UPDATE")) == 4
    job.refresh_from_db()
    assert job.progress_done == 7501 and job.progress_total == 10_000  # the last figure comes with job_finish


def test_progress_inside_a_kinds_own_transaction_goes_to_the_cache_only(owner):
    from django.core.cache import cache
    from django.db import transaction

    job = services.job_start(actor=owner, kind="tests.echo", params={})
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    progress = services.JobProgress(job, interval=0)
    with transaction.atomic():
        progress(7, 20)
    job.refresh_from_db()
    assert job.progress_done == 0 and cache.get(services.progress_cache_key(job.pk)) == [7, 20]
    from jobs.selectors import job_get_for_user

    assert job_get_for_user(owner, job.pk).progress_done == 7


def test_a_failing_kind_fails_the_job_with_a_message_and_a_notification(owner):
    job = services.job_start(actor=owner, kind="tests.boom", params={})
    services.job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.error_code == "internal" and job.finished_at
    # The generic text in the starter's language (translated by the lead's catalogue), nothing internal.
    assert job.language == "vi" and job.message == str(services.GENERIC_ERRORS["internal"])
    assert "secret internal detail" not in job.message
    notification = Notification.objects.get(recipient=owner)
    assert notification.kind == "job_failed" and messages.target_path(notification) == f"/jobs/{job.pk}/"
    assert AuditEvent.objects.filter(action="job.fail", details__code="internal").exists()
    assert services.job_run(job_id=job.pk) is None  # failed stays failed


def test_a_kinds_own_error_is_shown_with_its_report(owner):
    job = services.job_start(actor=owner, kind="tests.refused", params={})
    services.job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and job.error_code == "no_register" and job.message == "Năm 1999 không có sổ."
    assert job.details["errors"][0]["row"] == 2


def test_access_lost_before_the_run_fails_the_job(make_user):
    user = make_user("staff", username="sapnghi")
    job = services.job_start(actor=user, kind="tests.staff_only", params={})
    user.groups.clear()
    user.__dict__.pop("_iooffice_memberships", None)
    services.job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and job.error_code == "permission_denied" and not job.result


class TestSweep:
    def test_a_job_whose_message_was_lost_is_sent_again(self, owner, django_capture_on_commit_callbacks):
        job = services.job_start(actor=owner, kind="tests.echo", params={})
        assert services.job_sweep() == []  # within the grace period
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            assert services.job_sweep(now=timezone.now() + timedelta(minutes=6)) == [job.pk]
        assert len(callbacks) == 1
        assert services.job_sweep(now=timezone.now() + timedelta(minutes=7)) == []  # queued_at moved on

    def test_a_job_whose_worker_died_is_queued_again_then_failed_after_three_tries(self, owner):
        job = services.job_start(actor=owner, kind="tests.echo", params={})
        for attempt in (1, 2, 3):
            Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=timezone.now(), attempts=attempt)
            assert services.job_sweep(now=timezone.now() + timedelta(minutes=5)) == []  # may still be running
            swept = services.job_sweep(now=timezone.now() + timedelta(minutes=13))
            job.refresh_from_db()
            if attempt < 3:
                assert swept == [job.pk] and job.status == Job.Status.QUEUED
            else:
                assert job.status == Job.Status.FAILED and job.error_code == "worker_lost"
        assert Notification.objects.filter(recipient=owner, kind="job_failed").count() == 1

    def test_a_requeued_job_runs_to_the_end(self, owner):
        job = services.job_start(actor=owner, kind="tests.echo", params={"rows": 2})
        Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=timezone.now(), attempts=1)
        services.job_sweep(now=timezone.now() + timedelta(minutes=13))
        services.job_run(job_id=job.pk)
        job.refresh_from_db()
        assert job.status == Job.Status.DONE and job.attempts == 2


class TestExpiry:
    def test_expired_results_are_deleted_and_the_row_kept(self, owner):
        job = services.job_start(actor=owner, kind="tests.echo", params={})
        services.job_run(job_id=job.pk)
        job.refresh_from_db()
        name = job.result.name
        assert default_storage.exists(name)
        assert services.job_cleanup_expired() == 0
        with time_machine.travel(timezone.now() + timedelta(hours=49)):
            assert services.job_cleanup_expired() == 1
            assert services.job_cleanup_expired() == 0
        job.refresh_from_db()
        assert not default_storage.exists(name) and not job.result and job.status == Job.Status.DONE
        assert AuditEvent.objects.filter(action="job.expire", object_id=str(job.pk)).exists()

    def test_an_imports_uploaded_file_is_deleted_when_the_job_ends(self, admin_user, django_capture_on_commit_callbacks):
        job = services.job_start(actor=admin_user, kind="accounts.user_import", input_file=ContentFile(b"not a workbook", name="x.xlsx"))
        name = job.input_file.name
        assert default_storage.exists(name) and job.input_name == "x.xlsx"
        with django_capture_on_commit_callbacks(execute=True):
            services.job_run(job_id=job.pk)
        job.refresh_from_db()
        assert job.status == "failed" and job.error_code == "not_xlsx" and not job.input_file
        assert not default_storage.exists(name)
