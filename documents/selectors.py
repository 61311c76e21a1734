"""Reads of documents, always through the visibility filter of documents.policies."""
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts import policies as account_policies
from accounts.models import OrgUnit, Role, User
from accounts.selectors import units_under

from . import policies
from .models import Document, DocumentFile, FileVersion

QUEUES = ("all", "quarantined", "awaiting_direction", "lead", "coordinate", "inform", "due_soon", "overdue", "completed", "returned")
DUE_SOON_WORKING_DAYS = 2


def incoming_list_visible_to(user) -> QuerySet[Document]:
    return (
        Document.objects.filter(kind=Document.Kind.INCOMING)
        .filter(policies.document_visibility_q(user))
        .select_related("issuer", "doc_type", "agency")
        .order_by("-arrival_year", "-arrival_number")
    )


def incoming_get_for_user(user, pk) -> Document:
    """The document, or Http404 alike for a missing one and one the user may not see."""
    document = incoming_list_visible_to(user).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def incoming_detail_for_user(user, pk) -> Document:
    from workflow.models import Assignment, Comment, Direction

    document = incoming_get_for_user(user, pk)
    versions = FileVersion.objects.select_related("uploaded_by").order_by("number")
    files = DocumentFile.objects.prefetch_related(Prefetch("versions", queryset=versions)).order_by("id")
    return (
        Document.objects.select_related("issuer", "doc_type", "agency", "registered_by", "duplicate_of")
        .prefetch_related(
            Prefetch("files", queryset=files),
            Prefetch("directions", queryset=Direction.objects.select_related("directed_by")),
            Prefetch("assignments", queryset=Assignment.objects.select_related("unit", "user", "assigned_by")),
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
        )
        .get(pk=document.pk)
    )


def my_assignments_q(user, prefix: str = "assignments__") -> Q:
    """Open assignments that are the user's own: to them, or to their unit when they head it."""
    from workflow.models import Assignment

    mine = Q(**{f"{prefix}user": user})
    if user.org_unit_id and account_policies.user_has_role(user, Role.Code.DEPARTMENT_HEAD):
        mine |= Q(**{f"{prefix}unit_id": user.org_unit_id})
    return mine & Q(**{f"{prefix}status": Assignment.Status.OPEN})


def incoming_queue(user, name: str) -> QuerySet[Document]:
    from workflow.calendar import add_working_days

    documents = incoming_list_visible_to(user)
    status = Document.Status
    today = timezone.localdate()
    if name == "quarantined":
        return documents.filter(status=status.QUARANTINED)
    if name == "awaiting_direction":
        return documents.filter(status=status.REGISTERED)
    if name == "completed":
        return documents.filter(status=status.COMPLETED)
    if name == "returned":
        return documents.filter(status=status.RETURNED)
    mine = my_assignments_q(user) & Q(status=status.IN_PROGRESS)
    if name in ("lead", "coordinate", "inform"):
        return documents.filter(mine & Q(assignments__role=name)).distinct()
    if name == "due_soon":
        horizon = add_working_days(today, DUE_SOON_WORKING_DAYS)
        return documents.filter(mine & Q(assignments__deadline__gte=today, assignments__deadline__lte=horizon)).distinct()
    if name == "overdue":
        return documents.filter(mine & Q(assignments__deadline__lt=today)).distinct()
    return documents


def incoming_queue_counts(user) -> dict[str, int]:
    return {name: incoming_queue(user, name).count() for name in QUEUES}


def incoming_register_rows(user, *, year: int) -> QuerySet[Document]:
    """Rows of the incoming register book of the user's agency (Decree 30, Appendix IV)."""
    from workflow.models import Assignment

    agency = policies.user_agency(user)
    leads = Assignment.objects.filter(parent=None).exclude(status=Assignment.Status.WITHDRAWN).select_related("unit", "user")
    return (
        incoming_list_visible_to(user)
        .filter(agency=agency, arrival_year=year)
        .prefetch_related(Prefetch("assignments", queryset=leads))
        .order_by("arrival_number")
    )



def agency_unit_ids(agency: OrgUnit) -> list[int]:
    """The agency and every active unit under it."""
    return units_under(agency.pk, active_only=True)


def agency_departments(agency: OrgUnit) -> QuerySet[OrgUnit]:
    units = OrgUnit.objects.filter(pk__in=agency_unit_ids(agency), kind=OrgUnit.Kind.DEPARTMENT)
    return units.order_by("sort_order", "name")


def agency_people(agency: OrgUnit) -> QuerySet[User]:
    return User.objects.filter(is_active=True, org_unit_id__in=agency_unit_ids(agency)).select_related("org_unit")


def unit_people(unit_id: int, *, exclude: User) -> QuerySet[User]:
    return User.objects.filter(is_active=True, org_unit_id=unit_id).exclude(pk=exclude.pk).select_related("org_unit")


def file_version_for_user(user, pk) -> FileVersion:
    """The version, or the same 404 as its document when the user may not see it."""
    version = FileVersion.objects.select_related("file__document").filter(pk=pk).first()
    if version is None or not policies.document_can_view(user, version.file.document):
        raise Http404
    return version


def assignment_for_user(user, pk):
    from workflow.models import Assignment

    assignment = Assignment.objects.select_related("document").filter(pk=pk).first()
    if assignment is None or not policies.document_can_view(user, assignment.document):
        raise Http404
    return assignment


OUTGOING_QUEUES = ("all", "my_drafts", "returned_to_me", "awaiting_my_approval", "awaiting_issue", "issued", "recalled", "to_register")


def outgoing_list_visible_to(user) -> QuerySet[Document]:
    return (
        Document.objects.filter(kind=Document.Kind.OUTGOING)
        .filter(policies.document_visibility_q(user))
        .select_related("doc_type", "agency", "department", "registered_by", "term")
        .order_by("-updated_at", "-id")
    )


def outgoing_queue(user, name: str) -> QuerySet[Document]:
    from workflow.policies import runs_awaiting

    documents = outgoing_list_visible_to(user)
    status = Document.Status
    if name == "my_drafts":
        return documents.filter(registered_by=user, status__in=[status.DRAFT, status.IN_REVIEW])
    if name == "returned_to_me":
        return documents.filter(registered_by=user, status__in=[status.CHANGES_REQUESTED, status.REJECTED])
    if name == "awaiting_my_approval":
        return documents.filter(pk__in=[run.document_id for run in runs_awaiting(user)])
    if name == "awaiting_issue":
        return documents.filter(status=status.APPROVED, agency=policies.registering_agency(user)) if policies.registering_agency(user) else documents.none()
    if name == "issued":
        return documents.filter(status=status.ISSUED)
    if name == "recalled":
        return documents.filter(status=status.RECALLED)
    if name == "to_register":
        return documents.none()  # exchanged documents awaiting registration are listed by exchange_pending_for
    return documents


def exchange_pending_for(user) -> QuerySet:
    """Documents issued to the clerk's agency by another agency in the system, awaiting registration."""
    from .models import OutgoingRecipient

    agency = policies.registering_agency(user)
    if agency is None:
        return OutgoingRecipient.objects.none()
    return (
        OutgoingRecipient.objects.filter(agency=agency, state=OutgoingRecipient.State.PENDING, document__status=Document.Status.ISSUED)
        .select_related("document__doc_type", "document__agency").order_by("document__issued_at")
    )


def outgoing_queue_counts(user) -> dict[str, int]:
    counts = {name: outgoing_queue(user, name).count() for name in OUTGOING_QUEUES if name != "to_register"}
    counts["to_register"] = exchange_pending_for(user).count()
    return counts


def outgoing_get_for_user(user, pk) -> Document:
    document = outgoing_list_visible_to(user).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def outgoing_register_rows(user, *, term_id: int | None = None, year: int | None = None) -> QuerySet[Document]:
    """The outgoing register book of the user's agency (Decree 30, Appendix IV), by term or by year."""
    agency = policies.user_agency(user)
    rows = outgoing_list_visible_to(user).filter(agency=agency, number__isnull=False)
    if term_id:
        rows = rows.filter(term_id=term_id)
    if year:
        rows = rows.filter(issued_date__year=year)
    return rows.prefetch_related("recipients__agency").order_by("term_id", "doc_type__abbreviation", "number")


def outgoing_detail_for_user(user, pk) -> Document:
    """The outgoing document with its files, approval runs and decisions, and recipients (404 when not visible)."""
    from workflow.models import ChainRun, StepDecision

    outgoing_get_for_user(user, pk)
    decisions = StepDecision.objects.select_related("actor", "on_behalf_of", "step")
    runs = ChainRun.objects.select_related("version").prefetch_related(Prefetch("decisions", queryset=decisions))
    versions = FileVersion.objects.select_related("uploaded_by").order_by("number")
    return (
        Document.objects.select_related("doc_type", "registered_by", "department", "term", "approved_version", "in_reply_to")
        .prefetch_related(
            Prefetch("files", queryset=DocumentFile.objects.prefetch_related(Prefetch("versions", queryset=versions))),
            Prefetch("chain_runs", queryset=runs), "recipients__agency", "recipients__registered_by", "recipients__incoming",
        )
        .get(pk=pk)
    )


def number_reservations_of(agency) -> QuerySet:
    from .models import NumberReservation

    if agency is None:
        return NumberReservation.objects.none()
    return NumberReservation.objects.filter(issuer__org_unit=agency).select_related("term", "reserved_by").order_by("-reserved_at")
