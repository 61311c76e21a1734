"""A background job a user started (an export, an import): its state, progress and result file."""
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def result_path(instance, filename: str) -> str:
    """Generated name only: the display name is metadata (result_name)."""
    return f"jobs/results/{uuid.uuid4().hex}"


def input_path(instance, filename: str) -> str:
    return f"jobs/inputs/{uuid.uuid4().hex}"


class Job(models.Model):
    """One run of a registered kind (jobs.registry) for `user`, who alone may see it and fetch its result.

    `status` moves queued → running → done | failed, each step by a conditional update (jobs.services), so a
    task delivered twice runs the kind once. `queued_at` is when it was last handed to the broker: the sweep
    hands it again when that is long ago (a message lost at enqueue time) and puts a running job whose worker
    died back to queued. Progress (`progress_done`/`progress_total`) is written at most once a second.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    FINISHED = (Status.DONE, Status.FAILED)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jobs")
    kind = models.CharField(_("kind"), max_length=100)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(max_length=10, blank=True)  # the starter's; the result and messages use it
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(null=True, blank=True)
    error_code = models.CharField(max_length=50, blank=True)
    message = models.TextField(_("message"), blank=True)
    details = models.JSONField(default=dict, blank=True)
    input_file = models.FileField(upload_to=input_path, max_length=200, blank=True)
    input_name = models.CharField(max_length=255, blank=True)
    result = models.FileField(upload_to=result_path, max_length=200, blank=True)
    result_name = models.CharField(_("file name"), max_length=255, blank=True)
    result_content_type = models.CharField(max_length=100, blank=True)
    result_size = models.PositiveBigIntegerField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("kept until"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="job_user_recent"),
            models.Index(fields=["status", "queued_at"], condition=Q(status__in=["queued", "running"]), name="job_unfinished"),
            models.Index(fields=["expires_at"], condition=~Q(result="") | ~Q(input_file=""), name="job_files_to_expire"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["queued", "running", "done", "failed"]), name="job_status_known"),
        ]

    def __str__(self) -> str:
        from .registry import kind_label

        return f"{kind_label(self.kind)} #{self.pk}"

    @property
    def label(self) -> str:
        from .registry import kind_label

        return kind_label(self.kind)

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def percent(self) -> int | None:
        if self.status == self.Status.DONE:
            return 100
        if not self.progress_total:
            return None
        return min(100, int(self.progress_done * 100 / self.progress_total))
