"""Who is told about an event: the people holding a role in a unit or agency, and who may act at an approval step.

The only module of this app that reads role membership; whether a person may *see* the document is still
decided by documents.policies (services.notify checks it for every recipient).
"""
from django.utils import timezone

from accounts.models import Delegation, Role, User
from accounts.selectors import units_under


def role_holders(code: str, *, unit_id: int | None = None, agency_id: int | None = None) -> list[User]:
    """Active users holding role `code` whose own unit is `unit_id`, or who belong anywhere in `agency_id`."""
    users = User.objects.filter(is_active=True, groups__role__code=code)
    if unit_id is not None:
        users = users.filter(org_unit_id=unit_id)
    elif agency_id is not None:
        users = users.filter(org_unit_id__in=units_under(agency_id))
    else:
        return []
    return list(users.distinct())


def department_heads(unit_id: int | None) -> list[User]:
    return role_holders(Role.Code.DEPARTMENT_HEAD, unit_id=unit_id) if unit_id else []


def agency_clerks(agency_id: int) -> list[User]:
    return role_holders(Role.Code.CLERK, agency_id=agency_id)


def agency_leaders(agency_id: int) -> list[User]:
    return role_holders(Role.Code.AGENCY_LEADER, agency_id=agency_id)


def assignment_holders(assignment) -> list[User]:
    """The person of a personal assignment, or the heads of the unit of a unit assignment."""
    if assignment.user_id:
        return [assignment.user]
    return department_heads(assignment.unit_id)


def step_actors(run) -> list[User]:
    """Everyone who may act at the run's current step now, directly or as a deputy of a delegating leader.

    Candidates are narrowed by the step's kind, then each is confirmed by workflow.policies.step_actor, so this
    can never disagree with who is actually allowed to decide.
    """
    from workflow.models import ChainStep
    from workflow.policies import current_step, step_actor

    step = current_step(run)
    if step is None:
        return []
    kind = ChainStep.ActorKind
    if step.actor_kind == kind.PERSON:
        holders = User.objects.filter(pk=step.person_id)
    elif step.actor_kind == kind.GROUP:
        holders = User.objects.filter(groups__pk=step.group_id)
    elif step.role_id:
        holders = User.objects.filter(groups__pk=step.role_id, org_unit_id__in=units_under(run.document.agency_id))
    else:
        holders = User.objects.none()
    holders = list(holders.filter(is_active=True).distinct())
    today = timezone.localdate()
    deputies = User.objects.filter(
        is_active=True, delegations_received__in=Delegation.objects.filter(
            delegator__in=holders, start_date__lte=today, end_date__gte=today, revoked_at__isnull=True),
    ).distinct()
    candidates = {user.pk: user for user in [*holders, *deputies]}
    return [user for user in candidates.values() if step_actor(user, run)[0]]
