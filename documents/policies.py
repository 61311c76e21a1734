"""Who may see and act on documents. The only module that reads document permissions and role scope.

Visible: to the owning agency's clerks and leaders; to every member of a unit assigned to it; to every person
assigned to it (a django-guardian permission with a direct foreign key, so the filter is an integer join);
to administrators. A quarantined document only to the clerk who registered it and the agency's leaders.
"""
from dataclasses import dataclass

from django.db.models import Q

from accounts import policies as account_policies
from accounts.models import OrgUnit, Role

from .models import Document, DocumentUserObjectPermission

VIEW_PERMISSION = "view_document"


def user_agency(user) -> OrgUnit | None:
    if not getattr(user, "is_authenticated", False) or not user.org_unit_id:
        return None
    cached = getattr(user, "_iooffice_agency", None)
    if cached is None:
        cached = user.org_unit.agency
        user._iooffice_agency = cached
    return cached


def is_clerk_of(user, agency_id: int | None) -> bool:
    agency = user_agency(user)
    return bool(agency and agency.pk == agency_id and account_policies.user_has_role(user, Role.Code.CLERK))


def is_leader_of(user, agency_id: int | None) -> bool:
    agency = user_agency(user)
    return bool(agency and agency.pk == agency_id and account_policies.user_has_role(user, Role.Code.AGENCY_LEADER))


def is_head_of(user, unit_id: int | None) -> bool:
    return bool(unit_id and user.org_unit_id == unit_id and account_policies.user_has_role(user, Role.Code.DEPARTMENT_HEAD))


def registering_agency(user) -> OrgUnit | None:
    """The agency whose register this user writes in, or None when the user is not a clerk."""
    agency = user_agency(user)
    if agency and account_policies.user_has_role(user, Role.Code.CLERK):
        return agency
    return None


def document_visibility_q(user, *, awaiting_ids=None, among=None) -> Q:
    """A filter on Document for what `user` may see; empty for anyone inactive.

    `awaiting_ids`: the ids of outgoing drafts awaiting this user's approval, when the caller has just computed
    them (UserAccessKeys.document_ids); otherwise they are read here.
    `among`: only these document ids are asked about (a page of search results): every subquery is narrowed to
    them, so PostgreSQL looks up a few rows instead of hashing, say, every assignment of the user's unit.
    """
    from workflow.models import Assignment

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])

    def narrowed(queryset, field):
        return queryset if among is None else queryset.filter(**{f"{field}__in": among})

    live = [Assignment.Status.OPEN, Assignment.Status.DONE]
    granted = narrowed(DocumentUserObjectPermission.objects.filter(user=user, permission__codename=VIEW_PERMISSION), "content_object_id")
    visible = Q(pk__in=granted.values("content_object_id"))
    if user.org_unit_id:
        unit_docs = narrowed(Assignment.objects.filter(unit_id=user.org_unit_id, status__in=live), "document_id").values("document_id")
        visible |= Q(pk__in=unit_docs)
        if account_policies.user_has_role(user, Role.Code.DEPARTMENT_HEAD):
            # A head oversees the work of the department's people, also what a leader gave one of them directly.
            staff_docs = Assignment.objects.filter(user__org_unit_id=user.org_unit_id, status__in=live)
            visible |= Q(pk__in=narrowed(staff_docs, "document_id").values("document_id"))
    agency = user_agency(user)
    is_clerk = account_policies.user_has_role(user, Role.Code.CLERK)
    is_leader = account_policies.user_has_role(user, Role.Code.AGENCY_LEADER)
    if agency and (is_clerk or is_leader):
        visible |= Q(agency=agency)
    visible |= _outgoing_visibility_q(user, agency, awaiting_ids=awaiting_ids, among=among)
    if account_policies.user_is_admin(user):
        visible = Q()
    quarantine_ok = Q(registered_by=user)
    if agency and is_leader:
        quarantine_ok |= Q(agency=agency)
    allowed = visible & (~Q(status=Document.Status.QUARANTINED) | quarantine_ok)
    return allowed if among is None else allowed & Q(pk__in=among)


def _outgoing_visibility_q(user, agency, *, awaiting_ids=None, among=None) -> Q:
    """Drafts: the drafter, their department head, the people of the approval chain. Issued documents: also
    the recipient agencies' clerks and leaders. (The owning agency's clerks and leaders are covered above.)"""
    from workflow.approval import decisions_visible_q
    from workflow.policies import awaiting_run_ids

    from .models import OutgoingRecipient

    outgoing = Q(registered_by=user) | decisions_visible_q(user)
    if user.org_unit_id and account_policies.user_has_role(user, Role.Code.DEPARTMENT_HEAD):
        outgoing |= Q(department_id=user.org_unit_id)
    awaiting = list(awaiting_ids) if awaiting_ids is not None else [document for _, document in awaiting_run_ids(user)]
    if awaiting:
        outgoing |= Q(pk__in=awaiting)
    if agency and (account_policies.user_has_role(user, Role.Code.CLERK) or account_policies.user_has_role(user, Role.Code.AGENCY_LEADER)):
        received = OutgoingRecipient.objects.filter(agency=agency)
        received = (received if among is None else received.filter(document_id__in=among)).values("document_id")
        outgoing |= Q(pk__in=received, status__in=[Document.Status.ISSUED, Document.Status.RECALLED])
    return Q(kind=Document.Kind.OUTGOING) & outgoing


def document_can_view(user, document: Document) -> bool:
    return Document.objects.filter(document_visibility_q(user), pk=document.pk).exists()


def document_can_direct(user, document: Document) -> bool:
    return is_leader_of(user, document.agency_id)


def document_can_manage_quarantine(user, document: Document) -> bool:
    return document.registered_by_id == user.pk or is_leader_of(user, document.agency_id)


def document_can_correct(user, document: Document) -> bool:
    """Register corrections and return to sender are the clerk's."""
    return is_clerk_of(user, document.agency_id)


def document_acting_assignments(user, document: Document):
    """Open or done lead/coordinate assignments through which `user` may act (comment, attach, mark done)."""
    from workflow.models import Assignment

    mine = Q(user=user)
    if account_policies.user_has_role(user, Role.Code.DEPARTMENT_HEAD) and user.org_unit_id:
        mine |= Q(unit_id=user.org_unit_id)
    return Assignment.objects.filter(mine, document=document).exclude(role=Assignment.Role.INFORM).exclude(
        status=Assignment.Status.WITHDRAWN
    )


def document_can_handle(user, document: Document) -> bool:
    """Comment and attach results: leaders, the clerk and anyone assigned other than only to be informed."""
    if is_leader_of(user, document.agency_id) or is_clerk_of(user, document.agency_id):
        return True
    return document_acting_assignments(user, document).exists()


def document_can_complete(user, document: Document) -> bool:
    from workflow.models import Assignment

    if is_leader_of(user, document.agency_id):
        return True
    return document_acting_assignments(user, document).filter(role=Assignment.Role.LEAD).exists()


def grant_view(user, document: Document) -> None:
    """A person assigned to a document may read it (guardian object permission, direct FK)."""
    from guardian.shortcuts import assign_perm

    assign_perm(f"documents.{VIEW_PERMISSION}", user, document)


def revoke_view(user, document: Document) -> None:
    from guardian.shortcuts import remove_perm

    remove_perm(f"documents.{VIEW_PERMISSION}", user, document)


def file_version_can_retry(user, document: Document) -> bool:
    """A failed extraction is retried by the agency's clerk or the clerk who registered the document."""
    return document_can_correct(user, document) or document.registered_by_id == user.pk


def can_see_register_book(user) -> bool:
    agency = user_agency(user)
    return bool(agency and (is_clerk_of(user, agency.pk) or is_leader_of(user, agency.pk)))


# Access keys for the search index ----------------------------------------------------------------------------
# The same rules as document_visibility_q, split into what is stored with each document in the index and what
# each user brings to a query, so the index filters by them without asking PostgreSQL. access_keys_allow()
# states the rule once more in Python; tests hold it equal to document_visibility_q for every role.


@dataclass(frozen=True)
class DocumentAccessKeys:
    agencies: tuple[int, ...]  # clerks and leaders of these agencies (the owner; recipients of an issued outgoing one)
    units: tuple[int, ...]  # every member of these units (live assignments)
    users: tuple[int, ...]  # these people (view permission; drafter and approvers of an outgoing one)
    admins: bool  # administrators
    quarantined: bool  # when set, only also these people and leaders of these agencies:
    quarantine_users: tuple[int, ...]
    quarantine_leader_agencies: tuple[int, ...]
    head_units: tuple[int, ...] = ()  # department heads of these units (drafting unit; units of people assigned)


@dataclass(frozen=True)
class UserAccessKeys:
    user_id: int
    unit_id: int | None
    agency_id: int | None  # set when the user is a clerk or leader of that agency
    leader_agency_id: int | None  # set when the user leads that agency
    admin: bool
    head_unit_id: int | None = None  # set when the user heads that unit
    # Outgoing drafts awaiting this user's approval now: decided by roles, groups and delegations at query time.
    document_ids: tuple[int, ...] = ()


def document_access_keys(document: Document) -> DocumentAccessKeys:
    return documents_access_keys([document.pk])[document.pk]


def documents_access_keys(document_ids) -> dict[int, DocumentAccessKeys]:
    """document_access_keys for many documents in a few queries (the search rebuild goes a batch at a time)."""
    from workflow.models import Assignment, StepDecision

    from .models import OutgoingRecipient

    ids = list(document_ids)
    units: dict[int, set[int]] = {pk: set() for pk in ids}
    users: dict[int, set[int]] = {pk: set() for pk in ids}
    recipients: dict[int, set[int]] = {pk: set() for pk in ids}
    live = Assignment.objects.filter(document_id__in=ids, status__in=[Assignment.Status.OPEN, Assignment.Status.DONE])
    for document_id, unit_id in live.filter(unit_id__isnull=False).values_list("document_id", "unit_id"):
        units[document_id].add(unit_id)
    staff_units: dict[int, set[int]] = {pk: set() for pk in ids}  # heads of these units oversee a person assigned
    for document_id, unit_id in live.filter(user__org_unit_id__isnull=False).values_list("document_id", "user__org_unit_id"):
        staff_units[document_id].add(unit_id)
    granted = DocumentUserObjectPermission.objects.filter(content_object_id__in=ids, permission__codename=VIEW_PERMISSION)
    for document_id, user_id in granted.values_list("content_object_id", "user_id"):
        users[document_id].add(user_id)
    decisions = StepDecision.objects.filter(run__document_id__in=ids, run__document__kind=Document.Kind.OUTGOING)
    for document_id, actor_id, on_behalf_of_id in decisions.values_list("run__document_id", "actor_id", "on_behalf_of_id"):
        users[document_id].update(pk for pk in (actor_id, on_behalf_of_id) if pk)
    for document_id, agency_id in OutgoingRecipient.objects.filter(document_id__in=ids).values_list("document_id", "agency_id"):
        recipients[document_id].add(agency_id)
    keys = {}
    rows = Document.objects.filter(pk__in=ids).values_list("pk", "kind", "agency_id", "status", "registered_by_id", "department_id")
    for pk, kind, agency_id, status, registered_by_id, department_id in rows:
        quarantined = status == Document.Status.QUARANTINED
        agencies, heads = {agency_id}, set(staff_units[pk])
        if kind == Document.Kind.OUTGOING:
            users[pk].add(registered_by_id)
            heads |= {department_id} if department_id else set()
            if status in (Document.Status.ISSUED, Document.Status.RECALLED):
                agencies |= recipients[pk]
        keys[pk] = DocumentAccessKeys(
            agencies=tuple(sorted(agencies)), units=tuple(sorted(units[pk])), users=tuple(sorted(users[pk])),
            admins=True, quarantined=quarantined,
            quarantine_users=(registered_by_id,) if quarantined else (),
            quarantine_leader_agencies=(agency_id,) if quarantined else (),
            head_units=tuple(sorted(heads)),
        )
    return keys


def user_access_keys(user) -> UserAccessKeys | None:
    """What `user` brings to an index query; None for anyone who may see nothing (anonymous, inactive)."""
    from workflow.policies import awaiting_run_ids

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    agency = user_agency(user)
    is_clerk = account_policies.user_has_role(user, Role.Code.CLERK)
    is_leader = account_policies.user_has_role(user, Role.Code.AGENCY_LEADER)
    is_head = account_policies.user_has_role(user, Role.Code.DEPARTMENT_HEAD)
    return UserAccessKeys(
        user_id=user.pk,
        unit_id=user.org_unit_id,
        agency_id=agency.pk if agency and (is_clerk or is_leader) else None,
        leader_agency_id=agency.pk if agency and is_leader else None,
        admin=account_policies.user_is_admin(user),
        head_unit_id=user.org_unit_id if is_head and user.org_unit_id else None,
        document_ids=tuple(sorted({document for _, document in awaiting_run_ids(user)})),
    )


def access_keys_allow(document: DocumentAccessKeys, user: UserAccessKeys | None, document_id: int | None = None) -> bool:
    if user is None:
        return False
    visible = (
        user.user_id in document.users
        or (user.unit_id is not None and user.unit_id in document.units)
        or (user.agency_id is not None and user.agency_id in document.agencies)
        or (user.head_unit_id is not None and user.head_unit_id in document.head_units)
        or (document_id is not None and document_id in user.document_ids)
        or (user.admin and document.admins)
    )
    quarantine_ok = (
        not document.quarantined
        or user.user_id in document.quarantine_users
        or (user.leader_agency_id is not None and user.leader_agency_id in document.quarantine_leader_agencies)
    )
    return visible and quarantine_ok
