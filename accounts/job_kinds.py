"""Background jobs of the accounts app: importing users from an Excel workbook (administrators only)."""
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from iooffice.errors import DomainError
from jobs.registry import JobError, JobResult, job_kind

from . import imports, policies


def may_import_users(user, params: dict) -> bool:
    return policies.user_is_admin(user)


@job_kind("accounts.user_import", label=gettext_lazy("User import from Excel"), allowed=may_import_users,
          needs_input=True, result_hours=24)
def user_import(job, progress) -> JobResult:
    """Check the uploaded workbook again (users may have been created since the page checked it), then create
    every user in one transaction. Progress counts rows created; the result lists the one-time passwords."""
    if not policies.user_is_admin(job.user):
        raise PermissionDenied
    with job.input_file.open("rb") as handle:
        try:
            plan = imports.user_import_plan(handle)
        except DomainError as exc:
            raise JobError(exc.message, code=exc.code) from None
    if not plan.ok:
        count = len({e.row for e in plan.errors})
        raise JobError(ngettext("%(count)d row is wrong; nothing was imported.",
                                "%(count)d rows are wrong; nothing was imported.", count) % {"count": count},
                       code="import_invalid", details={"errors": [error_for_display(e) for e in plan.errors]})
    progress(0, len(plan.rows))
    created = imports.user_import_create(actor=job.user, plan=plan, progress=progress, source=job.input_name)
    message = ngettext("%(count)d user was created.", "%(count)d users were created.", len(created)) % {"count": len(created)}
    return JobResult(_("users-imported-%(job)s.xlsx") % {"job": job.pk}, imports.XLSX, imports.import_result_xlsx(created),
                     message=message)


def error_for_display(error: imports.RowError) -> dict:
    return {"row": error.row, "column": str(imports.LABELS.get(error.column, error.column)), "message": error.message}
