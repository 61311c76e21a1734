"""Deadlines of open work, in working days: when to remind, when to escalate, how late something is.

One representation (`DeadlineItem`) for both kinds of deadline, the open assignments of incoming documents and
the current approval step of drafts, so the reminder beat and the overdue overview can never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from documents.models import Document

from .calendar import CalendarExceptions, working_days_between
from .models import Assignment, ChainRun, DeadlineRule


@dataclass(frozen=True)
class Thresholds:
    remind_working_days: int
    escalate_leader_working_days: int


class RuleBook:
    """The reminder rules, read once, answering for any (agency, urgency) with the most specific rule."""

    def __init__(self, rules: list[DeadlineRule] | None = None):
        rules = list(DeadlineRule.objects.all()) if rules is None else rules
        self._by_key = {(rule.agency_id, rule.urgency): rule for rule in rules}
        self._default = Thresholds(settings.IOOFFICE_REMINDER_WORKING_DAYS,
                                   settings.IOOFFICE_ESCALATION_LEADER_WORKING_DAYS)

    def for_document(self, document: Document) -> Thresholds:
        for key in ((document.agency_id, document.urgency), (document.agency_id, ""), (None, document.urgency), (None, "")):
            rule = self._by_key.get(key)
            if rule is not None:
                return Thresholds(rule.remind_working_days, rule.escalate_leader_working_days)
        return self._default


@dataclass
class DeadlineItem:
    """One deadline someone has to meet: an open assignment, or the current step of an approval run."""

    source: str  # "assignment" | "approval_step"
    pk: int
    document: Document
    due: date
    unit_id: int | None  # the unit answerable for it: the assignee's, or the drafting department for a step
    label: str  # lead / coordinate / inform, or the step's name
    data: dict

    @property
    def dedupe_key(self) -> str:
        # Assignments are keyed by document: a head whose unit assignment was passed on to a person hears once.
        if self.source == "assignment":
            return f"deadline:{self.document.pk}:{self.due.isoformat()}"
        return f"step:{self.data['run']}:{self.data['step']}:{self.due.isoformat()}"

    def working_days_late(self, today: date, exceptions: CalendarExceptions) -> int:
        """Working days past the deadline (0 on or before it); negative values never escape."""
        return max(0, working_days_between(self.due, today, exceptions=exceptions)) if today > self.due else 0

    def working_days_left(self, today: date, exceptions: CalendarExceptions) -> int:
        return working_days_between(today, self.due, exceptions=exceptions) if today <= self.due else 0


def open_assignments():
    return (Assignment.objects.filter(status=Assignment.Status.OPEN, deadline__isnull=False,
                                      document__status=Document.Status.IN_PROGRESS)
            .select_related("document", "user__org_unit", "unit").order_by("deadline", "pk"))


def assignment_item(assignment: Assignment) -> DeadlineItem:
    return DeadlineItem(
        source="assignment", pk=assignment.pk, document=assignment.document, due=assignment.deadline,
        unit_id=assignment.user.org_unit_id if assignment.user_id else assignment.unit_id,
        label=assignment.get_role_display(),
        data={"assignment": assignment.pk, "role": assignment.role, "deadline": assignment.deadline.isoformat()},
    )


def open_step_runs():
    return (ChainRun.objects.filter(status=ChainRun.Status.ACTIVE, step_due_on__isnull=False)
            .select_related("document", "template").order_by("step_due_on", "pk"))


def step_item(run: ChainRun, step_name: str) -> DeadlineItem:
    """`step_name` comes from step_names(), which reads the names of many runs' current steps at once."""
    return DeadlineItem(
        source="approval_step", pk=run.pk, document=run.document, due=run.step_due_on, unit_id=run.document.department_id,
        label=step_name,
        data={"run": run.pk, "step": run.current_order, "step_name": step_name, "deadline": run.step_due_on.isoformat()},
    )


def step_names(runs) -> dict[tuple[int, int], str]:
    """(template id, order) → step name for the current steps of `runs`, in one query."""
    from .models import ChainStep

    templates = {run.template_id for run in runs}
    return {(s.template_id, s.order): s.name for s in ChainStep.objects.filter(template_id__in=templates)}
