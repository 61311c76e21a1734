"""Writes of the workflow app: calendar exceptions, directions, assignments, completion. Each is audited."""
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit, User
from documents import policies as document_policies
from documents.models import Document
from documents.services.quarantine import ReasonRequired
from iooffice.audit.services import audit_record
from iooffice.errors import BusinessRuleViolation, InvalidTransition
from iooffice.services import audited_delete, audited_save
from notifications import hooks as notification_hooks
from search.hooks import document_changed

from .calendar import add_working_days
from .models import Assignment, CalendarException, Comment, Direction


@transaction.atomic
def calendar_exception_set(*, actor, day: date, kind: str, reason: str) -> CalendarException:
    """Declare `day` a day off or a make-up working day, replacing any earlier declaration of that day.

    Locks the existing row, so two admins editing the same day serialise; repeating the same declaration writes
    no audit event. Raises ValidationError for an unknown kind or an empty reason.
    """
    exception = CalendarException.objects.select_for_update().filter(date=day).first() or CalendarException(date=day)
    exception.kind = kind
    exception.reason = reason
    return audited_save(actor=actor, instance=exception)


@transaction.atomic
def calendar_exception_remove(*, actor, day: date) -> bool:
    """Return `day` to the national calendar. Returns False, and audits nothing, when nothing was declared."""
    exception = CalendarException.objects.select_for_update().filter(date=day).first()
    if exception is None:
        return False
    audited_delete(actor=actor, instance=exception)
    return True


# Directions and assignments of incoming documents -------------------------------------------------------


@dataclass(frozen=True)
class AssignmentSpec:
    role: str
    unit: OrgUnit | None = None
    user: User | None = None
    deadline: date | None = None
    deadline_days: int | None = None


class OneLeadRequired(BusinessRuleViolation):
    code = "one_lead_required"
    default_message = _("A document has exactly one lead (chủ trì): choose one unit or person to lead.")


class AssigneeOutsideAgency(BusinessRuleViolation):
    code = "assignee_outside_agency"
    default_message = _("Assign only units and people of the agency that received the document.")


class DeadlineInPast(BusinessRuleViolation):
    code = "deadline_in_past"
    default_message = _("The deadline must not be in the past.")


def _deadline(spec: AssignmentSpec, today: date) -> date | None:
    if spec.deadline_days is not None:
        return add_working_days(today, spec.deadline_days)
    if spec.deadline and spec.deadline < today:
        raise DeadlineInPast()
    return spec.deadline


def _lock_document(document: Document) -> Document:
    return Document.objects.select_for_update().get(pk=document.pk)


def _assignee_agency_id(spec: AssignmentSpec) -> int | None:
    unit = spec.unit if spec.unit is not None else (spec.user.org_unit if spec.user else None)
    agency = unit.agency if unit else None
    return agency.pk if agency else None


@transaction.atomic
def direction_give(*, actor, document: Document, text: str, assignments: list[AssignmentSpec]) -> Direction:
    """The agency leader writes a direction (bút phê) and assigns lead / coordinate / inform with deadlines.

    Locks the document. Raises PermissionDenied (not a leader of the agency), InvalidTransition (not awaiting
    direction or being handled), OneLeadRequired, AssigneeOutsideAgency, DeadlineInPast.
    """
    document = _lock_document(document)
    if not document_policies.document_can_direct(actor, document):
        raise PermissionDenied
    if document.status not in (Document.Status.REGISTERED, Document.Status.IN_PROGRESS):
        raise InvalidTransition()
    has_lead = document.assignments.filter(role=Assignment.Role.LEAD, parent=None).exclude(status=Assignment.Status.WITHDRAWN).exists()
    new_leads = sum(1 for s in assignments if s.role == Assignment.Role.LEAD)
    if new_leads > 1 or (new_leads == 1 and has_lead) or (new_leads == 0 and not has_lead):
        raise OneLeadRequired()
    if any(_assignee_agency_id(s) != document.agency_id for s in assignments):
        raise AssigneeOutsideAgency()
    today = timezone.localdate()
    direction = Direction.objects.create(document=document, text=text.strip(), directed_by=actor)
    created = []
    for spec in assignments:
        assignment = Assignment.objects.create(
            document=document, role=spec.role, unit=spec.unit, user=spec.user,
            deadline=_deadline(spec, today), assigned_by=actor,
        )
        if spec.user is not None:
            document_policies.grant_view(spec.user, document)
        created.append(assignment)
    document.status = Document.Status.IN_PROGRESS
    document.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor, action="document.direct", obj=document,
        details={"direction": direction.text, "assignments": [_describe(a) for a in created]},
    )
    notification_hooks.direction_given(actor=actor, document=document, assignments=created)
    document_changed(document.pk)
    return direction


def _describe(assignment: Assignment) -> dict:
    return {"id": assignment.pk, "role": assignment.role, "unit": assignment.unit_id, "user": assignment.user_id,
            "deadline": assignment.deadline.isoformat() if assignment.deadline else None}


def _locked_assignment(assignment: Assignment) -> Assignment:
    return Assignment.objects.select_for_update(of=("self",)).select_related("document", "unit").get(pk=assignment.pk)


@transaction.atomic
def assignment_delegate(*, actor, assignment: Assignment, user: User, role: str | None = None,
                        deadline: date | None = None) -> Assignment:
    """A department head passes the unit's assignment on to a person of the department.

    Raises PermissionDenied (not the head of that unit, or the person is not in it), InvalidTransition
    (the assignment is not open or is not a unit assignment).
    """
    assignment = _locked_assignment(assignment)
    if not document_policies.is_head_of(actor, assignment.unit_id) or user.org_unit_id != assignment.unit_id:
        raise PermissionDenied
    if assignment.status != Assignment.Status.OPEN or assignment.document.status != Document.Status.IN_PROGRESS:
        raise InvalidTransition()
    if deadline and deadline < timezone.localdate():
        raise DeadlineInPast()
    child = Assignment.objects.create(
        document=assignment.document, role=role or assignment.role, user=user, parent=assignment,
        deadline=deadline or assignment.deadline, assigned_by=actor,
    )
    document_policies.grant_view(user, assignment.document)
    audit_record(actor=actor, action="assignment.delegate", obj=assignment.document, details=_describe(child))
    notification_hooks.assignment_delegated(actor=actor, assignment=child)
    document_changed(assignment.document_id)
    return child


def _may_act_on(actor, assignment: Assignment) -> bool:
    if assignment.user_id:
        return assignment.user_id == actor.pk
    return document_policies.is_head_of(actor, assignment.unit_id)


@transaction.atomic
def assignment_mark_done(*, actor, assignment: Assignment, note: str = "") -> Assignment:
    """The assignee reports their part done. Informed assignees only read (PermissionDenied)."""
    assignment = _locked_assignment(assignment)
    if assignment.role == Assignment.Role.INFORM or not _may_act_on(actor, assignment):
        raise PermissionDenied
    if assignment.status != Assignment.Status.OPEN or assignment.document.status != Document.Status.IN_PROGRESS:
        raise InvalidTransition()
    assignment.status = Assignment.Status.DONE
    assignment.done_at = timezone.now()
    assignment.done_note = note.strip()
    assignment.save()
    audit_record(actor=actor, action="assignment.done", obj=assignment.document, details={"assignment": assignment.pk, "note": assignment.done_note})
    document_changed(assignment.document_id)
    return assignment


@transaction.atomic
def document_complete(*, actor, document: Document, note: str = "", reply_document: Document | None = None) -> Document:
    """The lead (or an agency leader) closes the handling of the document, optionally linking the reply."""
    document = _lock_document(document)
    if not document_policies.document_can_complete(actor, document):
        raise PermissionDenied
    if document.status != Document.Status.IN_PROGRESS:
        raise InvalidTransition()
    document.status = Document.Status.COMPLETED
    document.completed_at = timezone.now()
    document.reply_document = reply_document
    document.save()
    if note.strip():
        Comment.objects.create(document=document, author=actor, text=note.strip())
    audit_record(actor=actor, action="document.complete", obj=document, details={"note": note.strip(), "reply": reply_document.pk if reply_document else None})
    document_changed(document.pk)
    return document


@transaction.atomic
def document_return_to_sender(*, actor, document: Document, reason: str) -> Document:
    """The clerk returns a misaddressed document with a reason; open assignments are withdrawn."""
    if not (reason or "").strip():
        raise ReasonRequired()
    document = _lock_document(document)
    if not document_policies.document_can_correct(actor, document):
        raise PermissionDenied
    if document.status not in (Document.Status.REGISTERED, Document.Status.IN_PROGRESS):
        raise InvalidTransition()
    for assignment in document.assignments.filter(status=Assignment.Status.OPEN):
        assignment.status = Assignment.Status.WITHDRAWN
        assignment.save(update_fields=["status"])
        if assignment.user_id:
            document_policies.revoke_view(assignment.user, document)
    document.status = Document.Status.RETURNED
    document.return_reason = reason.strip()
    document.save()
    audit_record(actor=actor, action="document.return", obj=document, details={"reason": document.return_reason})
    document_changed(document.pk)
    return document


@transaction.atomic
def comment_add(*, actor, document: Document, text: str) -> Comment:
    if not document_policies.document_can_handle(actor, document):
        raise PermissionDenied
    if document.status not in (Document.Status.IN_PROGRESS, Document.Status.REGISTERED):
        raise InvalidTransition()
    if not (text or "").strip():
        raise ReasonRequired(_("Write something."))
    comment = Comment.objects.create(document=document, author=actor, text=text.strip())
    audit_record(actor=actor, action="document.comment", obj=document, details={"comment": comment.pk})
    document_changed(document.pk)
    return comment
