"""Reads of the workflow app: the overdue overview of department heads and agency leaders."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, OuterRef

from accounts.models import OrgUnit
from documents.models import Document
from documents.policies import document_visibility_q
from notifications.policies import step_actors

from . import policies
from .calendar import load_calendar_exceptions
from .deadlines import DeadlineItem, RuleBook, assignment_item, open_assignments, open_step_runs, step_item, step_names
from .models import Assignment

OVERDUE = "overdue"
DUE_SOON = "due_soon"


@dataclass
class DeadlineRow:
    item: DeadlineItem
    unit: OrgUnit | None
    holder: str  # the person, the unit (not yet passed on), or who may decide the step
    state: str  # OVERDUE | DUE_SOON
    working_days_late: int
    working_days_left: int

    @property
    def document(self) -> Document:
        return self.item.document


@dataclass
class HolderSummary:
    holder: str
    overdue: int = 0
    due_soon: int = 0
    most_days_late: int = 0


@dataclass
class UnitSummary:
    unit: OrgUnit | None
    overdue: int = 0
    due_soon: int = 0
    holders: list[HolderSummary] = field(default_factory=list)


def _assignments_in(units: list[int], visible):
    # A unit assignment passed on to people is counted through their own assignments, not twice.
    passed_on = Assignment.objects.filter(parent=OuterRef("pk"), status=Assignment.Status.OPEN)
    return (open_assignments().filter(document__in=visible)
            .filter(unit_id__in=units, user__isnull=True).exclude(Exists(passed_on))
            | open_assignments().filter(document__in=visible, user__org_unit_id__in=units))


def deadline_rows_for(user, *, today: date, state: str | None = None, unit_id: int | None = None) -> list[DeadlineRow]:
    """Overdue and due-soon work in `user`'s scope (workflow.policies.deadline_scope_units), on documents they may
    view, most late first. "Due soon" uses the reminder threshold of the document's agency and urgency, so the page
    shows exactly what the reminders are about. Raises PermissionError for someone without a scope."""
    units = policies.deadline_scope_units(user)
    if units is None:
        raise PermissionError
    if unit_id is not None:
        units = [u for u in units if u == unit_id]
    visible = Document.objects.filter(document_visibility_q(user)).values("pk")
    exceptions = load_calendar_exceptions(since=today - timedelta(days=400))
    rules = RuleBook()
    unit_names = {u.pk: u for u in OrgUnit.objects.filter(pk__in=units)}
    candidates = [(assignment_item(a), a.user.full_name if a.user_id else a.unit.name)
                  for a in _assignments_in(units, visible)]
    runs = list(open_step_runs().filter(document__in=visible, document__department_id__in=units))
    names = step_names(runs)
    for run in runs:
        actors = ", ".join(sorted(u.full_name for u in step_actors(run))) or "—"
        candidates.append((step_item(run, names.get((run.template_id, run.current_order), "")), actors))
    rows = []
    for item, holder in candidates:
        late = item.working_days_late(today, exceptions)
        left = item.working_days_left(today, exceptions)
        if today > item.due:  # past it, even on the weekend before a working day has been lost
            row_state = OVERDUE
        elif today <= item.due and left <= rules.for_document(item.document).remind_working_days:
            row_state = DUE_SOON
        else:
            continue
        if state in (OVERDUE, DUE_SOON) and row_state != state:
            continue
        rows.append(DeadlineRow(item=item, unit=unit_names.get(item.unit_id), holder=holder, state=row_state,
                                working_days_late=late, working_days_left=left))
    rows.sort(key=lambda r: (-r.working_days_late, r.item.due, r.unit.name if r.unit else "", r.holder))
    return rows


def deadline_summary(rows: list[DeadlineRow]) -> list[UnitSummary]:
    """Counts per unit and, within it, per holder; units with the most overdue first."""
    units: dict[int | None, UnitSummary] = {}
    holders: dict[int | None, dict[str, HolderSummary]] = defaultdict(dict)
    for row in rows:
        key = row.unit.pk if row.unit else None
        unit = units.setdefault(key, UnitSummary(unit=row.unit))
        holder = holders[key].setdefault(row.holder, HolderSummary(holder=row.holder))
        for target in (unit, holder):
            if row.state == OVERDUE:
                target.overdue += 1
            else:
                target.due_soon += 1
        holder.most_days_late = max(holder.most_days_late, row.working_days_late)
    for key, unit in units.items():
        unit.holders = sorted(holders[key].values(), key=lambda h: (-h.overdue, -h.most_days_late, h.holder))
    return sorted(units.values(), key=lambda u: (-u.overdue, -u.due_soon, u.unit.name if u.unit else ""))


def scope_units(unit_ids: list[int]) -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(pk__in=unit_ids).order_by("sort_order", "name"))
