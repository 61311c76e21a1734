"""What a notification says, in the reader's language, and where it leads.

For e-mail the document is named only by its number (arrival number or symbol): never its summary, text or
files, which stay behind the login.
"""
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from documents.models import Document

from .models import Notification

Kind = Notification.Kind


def document_label(document: Document | None, *, for_email: bool = False) -> str:
    if document is None:
        return ""
    if document.kind == Document.Kind.INCOMING and document.arrival_number:
        number = _("incoming no. %(number)s/%(year)s") % {"number": document.arrival_number, "year": document.arrival_year}
        return number if for_email or not document.symbol else f"{number} ({document.symbol})"
    if document.symbol:
        return _("outgoing document %(symbol)s") % {"symbol": document.symbol}
    return _("draft no. %(id)s") % {"id": document.pk}


def _role(code: str | None) -> str:
    return {"lead": _("to lead"), "coordinate": _("to coordinate"), "inform": _("for information")}.get(code or "", "")


def headline(notification: Notification, *, for_email: bool = False) -> str:
    if notification.kind in JOB_KINDS:
        return job_headline(notification)
    data = notification.data or {}
    values = {"document": document_label(notification.document, for_email=for_email), "role": _role(data.get("role")),
              "deadline": _format_day(data.get("deadline")), "days": data.get("days_late", 0),
              "delegator": data.get("delegator", ""), "start": _format_day(data.get("start")),
              "end": _format_day(data.get("end")), "step": data.get("step_name", "")}
    texts = {
        Kind.ASSIGNED: _("You have been assigned %(document)s %(role)s"),
        Kind.DIRECTION_WRITTEN: _("A direction was written on %(document)s, which you registered"),
        Kind.APPROVAL_AWAITING: _("%(document)s awaits your approval"),
        Kind.DRAFT_RETURNED: _("Your %(document)s was returned for changes"),
        Kind.DRAFT_APPROVED: _("Your %(document)s was approved"),
        Kind.DRAFT_REJECTED: _("Your %(document)s was rejected"),
        Kind.ISSUED_TO_AGENCY: _("%(document)s was issued to your agency"),
        Kind.RECALLED: _("%(document)s was recalled by its sender"),
        Kind.DEADLINE_APPROACHING: _("The deadline of %(document)s is %(deadline)s"),
        Kind.DEADLINE_PASSED: _("The deadline of %(document)s (%(deadline)s) has passed"),
        Kind.EXTRACTION_FAILED: _("Text recognition failed on %(document)s, which you registered"),
        Kind.EXTRACTION_DONE: _("Text recognition of your upload to %(document)s has finished"),
        Kind.DELEGATION_RECEIVED: _("%(delegator)s delegated their approval authority to you from %(start)s to %(end)s"),
    }
    if data.get("step_name"):  # an approval step's deadline rather than an assignment's
        texts[Kind.DEADLINE_APPROACHING] = _("Your decision on %(document)s at the step “%(step)s” is due %(deadline)s")
        texts[Kind.DEADLINE_PASSED] = _("The decision on %(document)s at the step “%(step)s” was due %(deadline)s")
    if notification.kind == Kind.DEADLINE_PASSED and values["days"]:
        late = ngettext("%(days)d working day late", "%(days)d working days late", values["days"]) % values
        return capfirst(f"{texts[Kind.DEADLINE_PASSED] % values} — {late}")
    return capfirst(texts.get(notification.kind, _("Notification")) % values)


def digest_subject(day, count: int) -> str:
    return ngettext("%(count)d notification on %(day)s", "%(count)d notifications on %(day)s", count) % {
        "count": count, "day": day.strftime("%d/%m/%Y")}


def _format_day(value: str | None) -> str:
    if not value:
        return ""
    year, month, day = value[:10].split("-")
    return f"{day}/{month}/{year}"


def target_path(notification: Notification) -> str:
    if notification.kind in JOB_KINDS:
        return job_target_path(notification)
    document = notification.document
    if document is None:
        return "/notifications/"
    return f"/{'incoming' if document.kind == Document.Kind.INCOMING else 'outgoing'}/{document.pk}/"


# Background jobs (jobs app): no document, the job page instead ---------------------------------------------

JOB_KINDS = (Kind.JOB_FINISHED, Kind.JOB_FAILED)


def job_headline(notification: Notification) -> str:
    from jobs.registry import kind_label

    label = kind_label((notification.data or {}).get("job_kind", ""))
    if notification.kind == Kind.JOB_FINISHED:
        return capfirst(_("Your job “%(label)s” has finished: the file is ready to download") % {"label": label})
    return capfirst(_("Your job “%(label)s” failed") % {"label": label})


def job_target_path(notification: Notification) -> str:
    job_id = (notification.data or {}).get("job_id")
    return f"/jobs/{int(job_id)}/" if job_id else "/jobs/"
