"""Workflow data: the calendar of working days, directions (bút phê) and assignments of incoming documents."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CalendarException(models.Model):
    """A date on which the national calendar does not decide: an extra day off, or a make-up working day (ngày làm bù).

    Deadlines read these through workflow.calendar; see there for how they override weekends and public holidays.
    """

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=255, help_text=_("e.g. the notice that declared it"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"


class Direction(models.Model):
    """Bút phê: a leader's written instruction on a document."""

    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="directions")
    text = models.TextField(_("direction"))
    directed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("direction")
        verbose_name_plural = _("directions")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Assignment(models.Model):
    """A unit or person assigned to a document as lead (chủ trì), coordinate (phối hợp) or inform (để biết).

    A department head passes a unit assignment on to people of the department: the child points to its parent.
    """

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        COORDINATE = "coordinate", _("Coordinate")
        INFORM = "inform", _("Inform")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    unit = models.ForeignKey("accounts.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["document_id", "parent_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(user__isnull=True)) | (Q(unit__isnull=True) & Q(user__isnull=False)),
                name="assignment_unit_xor_user",
            ),
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(role="lead", parent__isnull=True) & ~Q(status="withdrawn"),
                name="one_lead_per_document",
            ),
        ]
        indexes = [models.Index(fields=["user", "status"]), models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.user or self.unit}"

    @property
    def assignee(self):
        return self.user or self.unit


class Comment(models.Model):
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
