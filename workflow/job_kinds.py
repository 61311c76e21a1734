"""Background jobs of the workflow app: the deadline overview exported to Excel, as the viewer sees it when it runs."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.registers import CONTENT_TYPES, Column, table_xlsx
from iooffice.audit.services import audit_record
from jobs.registry import JobResult, job_kind

from . import policies, selectors


def clean_deadlines(params: dict) -> dict:
    state = params.get("state") or ""
    if state not in ("", selectors.OVERDUE, selectors.DUE_SOON):
        raise ValidationError({"state": gettext_lazy("Choose overdue, due soon or both.")})
    unit = params.get("unit") or None
    if unit is not None:
        try:
            unit = int(unit)
        except (TypeError, ValueError):
            raise ValidationError({"unit": gettext_lazy("Choose one of your units.")}) from None
    return {"state": state, "unit": unit}


def may_export_deadlines(user, params: dict) -> bool:
    units = policies.deadline_scope_units(user)
    return units is not None and (params.get("unit") is None or params["unit"] in units)


def _columns() -> list[Column]:
    return [Column(_("Document"), 16, 0), Column(_("Summary"), 50, 0), Column(_("Work"), 22, 0), Column(_("Unit"), 24, 0),
            Column(_("Who"), 26, 0), Column(_("Deadline"), 12, 0), Column(_("State"), 14, 0),
            Column(_("Working days late"), 12, 0)]


def _document_number(document) -> str:
    if document.kind == document.Kind.INCOMING:
        return f"{document.arrival_number}/{document.arrival_year}"
    return document.symbol or _("Draft")


@job_kind("workflow.deadlines", label=gettext_lazy("Deadline overview export"), allowed=may_export_deadlines,
          clean=clean_deadlines)
def deadlines_xlsx(job, progress) -> JobResult:
    user, params = job.user, job.params
    if not may_export_deadlines(user, params):
        raise PermissionDenied
    today = timezone.localdate()
    rows = selectors.deadline_rows_for(user, today=today, state=params["state"] or None, unit_id=params["unit"])
    progress(0, len(rows))
    labels = {selectors.OVERDUE: _("Overdue"), selectors.DUE_SOON: _("Due soon")}
    cells = []
    for row in rows:
        work = f"{_('Approval')}: {row.item.label}" if row.item.source == "approval_step" else row.item.label
        cells.append([_document_number(row.document), row.document.summary, work, row.unit.name if row.unit else "",
                      row.holder, row.item.due, labels[row.state], row.working_days_late])
        progress(len(cells), len(rows))
    title = _("Overdue and due-soon work as of %(day)s") % {"day": today.strftime("%d/%m/%Y")}
    content = table_xlsx(_columns(), cells, title=title, sheet_name=today.strftime("%d-%m-%Y"))
    audit_record(actor=user, action="deadlines.export", obj=user,
                 details={"rows": len(cells), "state": params["state"], "unit": params["unit"], "job": job.pk})
    return JobResult(f"han-xu-ly-{today:%Y%m%d}.xlsx", CONTENT_TYPES["xlsx"], content)
