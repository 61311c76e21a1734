"""Who may act at a step of an approval chain, directly or on behalf of a leader who delegated to them."""
from accounts import policies as account_policies

from .models import ChainRun, ChainStep


def _holds_step(user, step: ChainStep, document) -> bool:
    kind = ChainStep.ActorKind
    if step.actor_kind == kind.PERSON:
        return step.person_id == user.pk
    if step.actor_kind == kind.GROUP:
        return user.groups.filter(pk=step.group_id).exists()
    if not account_policies.user_has_role(user, step.role.code if step.role_id else ""):
        return False
    if step.actor_kind == kind.DEPARTMENT_ROLE:
        return user.org_unit_id == document.department_id
    agency = user.org_unit.agency if user.org_unit_id else None
    return agency is not None and agency.pk == document.agency_id


def current_step(run: ChainRun) -> ChainStep | None:
    return run.template.steps.filter(order=run.current_order).select_related("role").first()


def step_actor(user, run: ChainRun) -> tuple[bool, object | None]:
    """(may act, on behalf of whom). A drafter never approves their own draft."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or run.status != ChainRun.Status.ACTIVE:
        return False, None
    step = current_step(run)
    document = run.document
    if step is None or document.registered_by_id == user.pk:
        return False, None
    if _holds_step(user, step, document):
        return True, None
    for leader in account_policies.delegators_of(user):
        if _holds_step(leader, step, document):
            return True, leader
    return False, None


def runs_awaiting(user) -> list[ChainRun]:
    """Active runs whose current step the user may act on now; few per agency, so checked one by one."""
    agencies = {u.org_unit.agency.pk for u in [user, *account_policies.delegators_of(user)] if u.org_unit_id and u.org_unit.agency}
    candidates = ChainRun.objects.filter(status=ChainRun.Status.ACTIVE, document__agency_id__in=agencies)
    person_steps = ChainRun.objects.filter(status=ChainRun.Status.ACTIVE, template__steps__person=user)
    runs = (candidates | person_steps).distinct().select_related("document", "template")
    return [run for run in runs if step_actor(user, run)[0]]


def deadline_scope_units(user) -> list[int] | None:
    """The units whose deadlines `user` oversees: an agency leader's whole agency, a department head's department.
    None for anyone else (the overdue overview is theirs only)."""
    from accounts.models import Role
    from accounts.selectors import units_under

    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.org_unit_id:
        return None
    units = set()
    agency = user.org_unit.agency
    if agency is not None and account_policies.user_has_role(user, Role.Code.AGENCY_LEADER):
        units.update(units_under(agency.pk))
    if account_policies.user_has_role(user, Role.Code.DEPARTMENT_HEAD):
        units.add(user.org_unit_id)
    return sorted(units) or None
