"""Who may see and act on documents. The only module that reads document permissions and role scope.

Visible: to the owning agency's clerks and leaders; to every member of a unit assigned to it; to every person
assigned to it (a django-guardian permission with a direct foreign key, so the filter is an integer join);
to administrators. A quarantined document only to the clerk who registered it and the agency's leaders.
"""
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


def document_visibility_q(user) -> Q:
    """A filter on Document for what `user` may see; empty for anyone inactive."""
    from workflow.models import Assignment

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    live = [Assignment.Status.OPEN, Assignment.Status.DONE]
    granted = DocumentUserObjectPermission.objects.filter(user=user, permission__codename=VIEW_PERMISSION)
    visible = Q(pk__in=granted.values("content_object_id"))
    if user.org_unit_id:
        unit_docs = Assignment.objects.filter(unit_id=user.org_unit_id, status__in=live).values("document_id")
        visible |= Q(pk__in=unit_docs)
    agency = user_agency(user)
    is_clerk = account_policies.user_has_role(user, Role.Code.CLERK)
    is_leader = account_policies.user_has_role(user, Role.Code.AGENCY_LEADER)
    if agency and (is_clerk or is_leader):
        visible |= Q(agency=agency)
    visible |= _outgoing_visibility_q(user, agency)
    if account_policies.user_is_admin(user):
        visible = Q()
    quarantine_ok = Q(registered_by=user)
    if agency and is_leader:
        quarantine_ok |= Q(agency=agency)
    return visible & (~Q(status=Document.Status.QUARANTINED) | quarantine_ok)


def _outgoing_visibility_q(user, agency) -> Q:
    """Drafts: the drafter, their department head, the people of the approval chain. Issued documents: also
    the recipient agencies' clerks and leaders. (The owning agency's clerks and leaders are covered above.)"""
    from workflow.approval import decisions_visible_q
    from workflow.policies import runs_awaiting

    from .models import OutgoingRecipient

    outgoing = Q(registered_by=user) | decisions_visible_q(user)
    if user.org_unit_id and account_policies.user_has_role(user, Role.Code.DEPARTMENT_HEAD):
        outgoing |= Q(department_id=user.org_unit_id)
    awaiting = [run.document_id for run in runs_awaiting(user)]
    if awaiting:
        outgoing |= Q(pk__in=awaiting)
    if agency and (account_policies.user_has_role(user, Role.Code.CLERK) or account_policies.user_has_role(user, Role.Code.AGENCY_LEADER)):
        received = OutgoingRecipient.objects.filter(agency=agency).values("document_id")
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
