"""Background jobs of the documents app: the register books exported to Excel or PDF (Decree 30, Appendix IV).

Rows are those `job.user` may see when the job runs (selectors), so a clerk who lost the role meanwhile gets a
failed job, not the register; progress counts rows.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iooffice.audit.services import audit_record
from jobs.registry import JobResult, job_kind

from . import policies, registers, selectors
from .models import CommitteeTerm

CHUNK = 500


def _format(params: dict) -> str:
    export = params.get("format")
    if export not in registers.CONTENT_TYPES:
        raise ValidationError({"format": _("Choose xlsx or pdf.")})
    return export


def clean_incoming(params: dict) -> dict:
    this_year = timezone.localdate().year
    try:
        year = int(params.get("year", this_year))
    except (TypeError, ValueError):
        raise ValidationError({"year": _("A year is expected, e.g. 2026.")}) from None
    if not 1990 <= year <= this_year + 1:
        raise ValidationError({"year": _("The year is out of range.")})
    return {"year": year, "format": _format(params)}


def may_export_register(user, params: dict) -> bool:
    return policies.can_see_register_book(user)


@job_kind("documents.incoming_register", label=_("Incoming register export"), allowed=may_export_register, clean=clean_incoming)
def incoming_register(job, progress) -> JobResult:
    user, year, export = job.user, job.params["year"], job.params["format"]
    if not policies.can_see_register_book(user):
        raise PermissionDenied
    agency = policies.user_agency(user)
    rows = selectors.incoming_register_rows(user, year=year)
    total = rows.count()
    progress(0, total)
    entries, chunk = [], []
    for document in rows.iterator(chunk_size=CHUNK):
        chunk.append(document)
        if len(chunk) == CHUNK:
            entries += registers.incoming_register_entries(chunk)
            chunk = []
            progress(len(entries), total)
    entries += registers.incoming_register_entries(chunk)
    progress(len(entries), max(total, len(entries)))
    content = registers.EXPORTS[export](entries, year=year, agency=agency)
    audit_record(actor=user, action="register.export", obj=agency,
                 details={"register": "incoming", "year": year, "format": export, "rows": len(entries), "job": job.pk})
    return JobResult(f"so-van-ban-den-{year}-{agency.code}.{export}", registers.CONTENT_TYPES[export], content)


def clean_outgoing(params: dict) -> dict:
    try:
        term = CommitteeTerm.objects.get(pk=int(params.get("term")))
    except (TypeError, ValueError, CommitteeTerm.DoesNotExist):
        raise ValidationError({"term": _("Choose a committee term.")}) from None
    return {"term": term.pk, "format": _format(params)}


@job_kind("documents.outgoing_register", label=_("Outgoing register export"), allowed=may_export_register, clean=clean_outgoing)
def outgoing_register(job, progress) -> JobResult:
    user, export = job.user, job.params["format"]
    if not policies.can_see_register_book(user):
        raise PermissionDenied
    agency = policies.user_agency(user)
    term = CommitteeTerm.objects.get(pk=job.params["term"])
    documents = selectors.outgoing_register_rows(user, term_id=term.pk)
    reserved = list(selectors.number_reservations_of(agency).filter(term=term))
    total = documents.count() + len(reserved)
    progress(0, total)
    loaded = []
    for document in documents.iterator(chunk_size=CHUNK):
        loaded.append(document)
        progress(len(loaded), total)
    entries = registers.outgoing_register_entries(loaded, reserved)
    progress(len(entries), max(total, len(entries)))
    content = registers.OUTGOING_EXPORTS[export](entries, term=term, agency=agency)
    audit_record(actor=user, action="register.export", obj=agency,
                 details={"register": "outgoing", "term": term.name, "format": export, "rows": len(entries), "job": job.pk})
    stem = f"so-van-ban-di-{term.name}-{agency.code}".replace("–", "-").replace(" ", "")
    return JobResult(f"{stem}.{export}", registers.CONTENT_TYPES[export], content)
