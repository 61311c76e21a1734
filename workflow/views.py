"""Portal pages of the workflow app: the overdue overview of department heads and agency leaders."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from jobs.views import start_and_follow

from . import policies, selectors


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
@require_GET
def deadline_overview(request):
    """Due-soon and overdue items in the viewer's units, counted by unit and person, then listed most late first."""
    units = policies.deadline_scope_units(request.user)
    if units is None:
        raise PermissionDenied
    state = request.GET.get("state") if request.GET.get("state") in (selectors.OVERDUE, selectors.DUE_SOON) else ""
    unit_id = _int_or_none(request.GET.get("unit"))
    today = timezone.localdate()
    rows = selectors.deadline_rows_for(request.user, today=today, state=state or None, unit_id=unit_id)
    return render(request, "workflow/deadlines.html", {
        "rows": rows, "summary": selectors.deadline_summary(rows), "today": today, "state": state, "unit_id": unit_id,
        "units": selectors.scope_units(units), "can_export": True,
        "overdue_count": sum(r.state == selectors.OVERDUE for r in rows),
        "due_soon_count": sum(r.state == selectors.DUE_SOON for r in rows),
    })


@login_required
@require_POST
def deadline_export(request):
    """Start the Excel export of the overview with the page's filters; its progress shows on the job's page."""
    params = {"state": request.POST.get("state", ""), "unit": request.POST.get("unit") or None}
    return start_and_follow(request, "workflow.deadlines", params, back="workflow:deadlines")
