"""Workflow data: the calendar of working days, directions (bút phê) and assignments of incoming documents."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.models import Document


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


class DeadlineRule(models.Model):
    """When reminders and escalations go out, for one agency and/or urgency (like Maarch's alarms 1 and 2).

    The most specific rule wins: agency and urgency, then agency, then urgency, then the one with neither; without
    any, the settings IOOFFICE_REMINDER_WORKING_DAYS / IOOFFICE_ESCALATION_LEADER_WORKING_DAYS apply.
    """

    agency = models.ForeignKey("accounts.OrgUnit", verbose_name=_("agency"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="+", help_text=_("Empty: every agency."))
    urgency = models.CharField(_("urgency"), max_length=20, blank=True, choices=[("", _("Any urgency")), *Document.Urgency.choices])
    remind_working_days = models.PositiveSmallIntegerField(
        _("remind this many working days before the deadline"), help_text=_("0: on the deadline day only."))
    escalate_leader_working_days = models.PositiveSmallIntegerField(
        _("tell the agency leaders this many working days after the deadline"),
        help_text=_("The assignee and their department head are told on the first working day after it."))

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        ordering = ["agency_id", "urgency"]
        constraints = [models.UniqueConstraint(fields=["agency", "urgency"], nulls_distinct=False,
                                               name="one_deadline_rule_per_agency_and_urgency"),
                       models.CheckConstraint(condition=Q(escalate_leader_working_days__gte=1),
                                              name="leader_escalation_after_the_first")]

    def __str__(self) -> str:
        return f"{self.agency or _('Every agency')} · {self.get_urgency_display() or _('Any urgency')}"


class Comment(models.Model):
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]


# Approval chains of outgoing documents (after Wagtail's Workflow/WorkflowState/TaskState) ----------------------


class ChainTemplate(models.Model):
    """The ordered steps a draft of one agency (and, optionally, one document type) goes through."""

    agency = models.ForeignKey("accounts.OrgUnit", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    doc_type = models.ForeignKey("documents.DocumentType", verbose_name=_("document type"), null=True, blank=True,
                                 on_delete=models.PROTECT, help_text=_("Empty: every type without a chain of its own."))
    name = models.CharField(_("name"), max_length=200)
    restart_after_return = models.BooleanField(
        _("restart from the first step after a return"), default=False,
        help_text=_("Otherwise a new version resumes at the step that returned it."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("approval chain")
        verbose_name_plural = _("approval chains")
        constraints = [
            models.UniqueConstraint(fields=["agency", "doc_type"], condition=Q(is_active=True), name="one_active_chain_per_type"),
            models.UniqueConstraint(fields=["agency"], condition=Q(is_active=True, doc_type__isnull=True), name="one_default_chain_per_agency"),
        ]

    def __str__(self) -> str:
        return self.name


class ChainStep(models.Model):
    """Who may act at one step: a role in the drafter's department or agency, a named person, or a group."""

    class ActorKind(models.TextChoices):
        DEPARTMENT_ROLE = "department_role", _("A role in the drafter's department")
        AGENCY_ROLE = "agency_role", _("A role in the drafter's agency")
        PERSON = "person", _("A named person")
        GROUP = "group", _("Anyone of a group")

    template = models.ForeignKey(ChainTemplate, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    actor_kind = models.CharField(_("who acts"), max_length=20, choices=ActorKind.choices)
    role = models.ForeignKey("accounts.Role", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey("auth.Group", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    due_working_days = models.PositiveSmallIntegerField(
        _("working days to decide"), null=True, blank=True, default=2,
        help_text=_("Counted from the day the draft reaches this step. Empty: no deadline and no reminders."),
    )

    class Meta:
        verbose_name = _("approval step")
        verbose_name_plural = _("approval steps")
        ordering = ["template_id", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "order"], name="chain_step_order_unique")]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class ChainRun(models.Model):
    """One pass of a draft through its chain, pinned to one version. At most one is active per document."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In progress")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for changes")
        REJECTED = "rejected", _("Rejected")

    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="chain_runs")
    template = models.ForeignKey(ChainTemplate, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey("documents.FileVersion", on_delete=models.PROTECT, related_name="+")
    current_order = models.PositiveSmallIntegerField()
    step_due_on = models.DateField(_("current step due"), null=True, blank=True)  # set when the run reaches a step
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document"], condition=Q(status="active"), name="one_active_chain_run_per_document"),
        ]


class StepDecision(models.Model):
    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approve")
        RETURN = "return", _("Return for changes")
        REJECT = "reject", _("Reject")

    run = models.ForeignKey(ChainRun, on_delete=models.PROTECT, related_name="decisions")
    step = models.ForeignKey(ChainStep, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField()
    decision = models.CharField(max_length=10, choices=Decision.choices)
    comment = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    on_behalf_of = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "id"]
        constraints = [models.UniqueConstraint(fields=["run", "order"], name="one_decision_per_step_of_a_run")]
