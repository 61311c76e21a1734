"""The one call each service makes after its audit event: who is told what, inside the service's transaction.

The actor is never told about their own action.
"""
from . import policies
from .models import Notification
from .services import notify

Kind = Notification.Kind


def _others(users, actor) -> list:
    return [u for u in users if u is not None and (actor is None or u.pk != actor.pk)]


def _assignment_data(assignment) -> dict:
    return {"assignment": assignment.pk, "role": assignment.role,
            "deadline": assignment.deadline.isoformat() if assignment.deadline else None}


def direction_given(*, actor, document, assignments) -> None:
    """Each assignee (the heads of an assigned unit) with their role, and the clerk who registered the document."""
    for assignment in assignments:
        notify(recipients=_others(policies.assignment_holders(assignment), actor), kind=Kind.ASSIGNED,
               document=document, data=_assignment_data(assignment))
    notify(recipients=_others([document.registered_by], actor), kind=Kind.DIRECTION_WRITTEN, document=document)


def assignment_delegated(*, actor, assignment) -> None:
    notify(recipients=_others([assignment.user], actor), kind=Kind.ASSIGNED, document=assignment.document,
           data=_assignment_data(assignment))


def approval_moved(*, actor, run) -> None:
    """After a submit or a decision: everyone who may act at the new current step, or the drafter at the end."""
    from workflow.models import ChainRun

    document = run.document
    if run.status == ChainRun.Status.ACTIVE:
        notify(recipients=_others(policies.step_actors(run), actor), kind=Kind.APPROVAL_AWAITING, document=document,
               data={"run": run.pk, "step": run.current_order})
        return
    kind = {ChainRun.Status.RETURNED: Kind.DRAFT_RETURNED, ChainRun.Status.APPROVED: Kind.DRAFT_APPROVED,
            ChainRun.Status.REJECTED: Kind.DRAFT_REJECTED}[run.status]
    notify(recipients=_others([document.registered_by], actor), kind=kind, document=document, data={"run": run.pk})


def outgoing_issued(*, actor, document) -> None:
    for agency_id in document.recipients.values_list("agency_id", flat=True):
        notify(recipients=_others(policies.agency_clerks(agency_id), actor), kind=Kind.ISSUED_TO_AGENCY, document=document)


def outgoing_recalled(*, actor, document, copies) -> None:
    """The recipient agencies' clerks about the original, and the assignees of each registered copy about the copy."""
    for agency_id in document.recipients.values_list("agency_id", flat=True):
        notify(recipients=_others(policies.agency_clerks(agency_id), actor), kind=Kind.RECALLED, document=document)
    for copy in copies:
        holders = [user for assignment in copy.assignments.select_related("user")
                   for user in policies.assignment_holders(assignment)]
        notify(recipients=_others(holders, actor), kind=Kind.RECALLED, document=copy)


def extraction_failed(*, version) -> None:
    document = version.file.document
    notify(recipients=[document.registered_by], kind=Kind.EXTRACTION_FAILED, document=document,
           data={"version": version.pk}, dedupe_key=f"extraction_failed:{version.pk}:{version.extraction_attempts}")


def extraction_done(*, version) -> None:
    """OCR is the long part of an upload: the uploader hears when it is over (text-layer reads take a second, so
    they say nothing)."""
    document = version.file.document
    notify(recipients=[version.uploaded_by], kind=Kind.EXTRACTION_DONE, document=document,
           data={"version": version.pk, "pages": version.page_count or 0},
           dedupe_key=f"extraction_done:{version.pk}:{version.extraction_attempts}")


def delegation_created(*, actor, delegation) -> None:
    notify(recipients=_others([delegation.deputy], actor), kind=Kind.DELEGATION_RECEIVED,
           data={"delegation": delegation.pk, "delegator": str(delegation.delegator),
                 "start": delegation.start_date.isoformat(), "end": delegation.end_date.isoformat()})
