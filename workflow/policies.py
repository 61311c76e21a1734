"""Who may act at a step of an approval chain, directly or on behalf of a leader who delegated to them."""
from django.db import connection

from accounts import policies as account_policies
from documents.models import Document
from documents.policies import user_agency

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
        return user.org_unit_id is not None and user.org_unit_id == document.department_id
    agency = user_agency(user)
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
    """Active runs whose current step the user may act on now, directly or for a leader who delegated to them."""
    pairs = awaiting_run_ids(user)
    if not pairs:
        return []
    return list(ChainRun.objects.filter(pk__in=[run for run, _ in pairs]).select_related("document", "template").order_by("pk"))


def awaiting_run_ids(user) -> list[tuple[int, int]]:
    """(run id, document id) of runs_awaiting: step_actor's rules as one SQL statement.

    Every search asks this for its access keys, so it is written in SQL (the same condition through the ORM took
    longer to compile than to run); a test checks it against step_actor for every kind of step."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    # A role is a group (Role extends Group), so "holds the step's role" is "the role's id is among their groups".
    conditions, params = [], {"user": user.pk, "active": ChainRun.Status.ACTIVE}
    for i, actor in enumerate([user, *account_policies.delegators_of(user)]):
        agency = user_agency(actor)
        conditions.append(f"""(s.actor_kind = 'person' AND s.person_id = %(pk{i})s)
            OR (s.actor_kind = 'group' AND s.group_id = ANY(%(groups{i})s))
            OR (s.actor_kind = 'department_role' AND s.role_id = ANY(%(groups{i})s) AND d.department_id = %(unit{i})s)
            OR (s.actor_kind = 'agency_role' AND s.role_id = ANY(%(groups{i})s) AND d.agency_id = %(agency{i})s)""")
        params.update({f"pk{i}": actor.pk, f"groups{i}": list(account_policies.user_group_ids(actor)),
                       f"unit{i}": actor.org_unit_id, f"agency{i}": agency.pk if agency else None})
    sql = f"""SELECT r.id, r.document_id FROM {ChainRun._meta.db_table} r
        JOIN {Document._meta.db_table} d ON d.id = r.document_id
        JOIN {ChainStep._meta.db_table} s ON s.template_id = r.template_id AND s."order" = r.current_order
        WHERE r.status = %(active)s AND d.registered_by_id IS DISTINCT FROM %(user)s AND ({" OR ".join(conditions)})
        ORDER BY r.id"""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(run, document) for run, document in cursor.fetchall()]


def deadline_scope_units(user) -> list[int] | None:
    """The units whose deadlines `user` oversees: an agency leader's whole agency, a department head's department.
    None for anyone else (the overdue overview is theirs only)."""
    from accounts.models import Role
    from accounts.selectors import units_under

    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.org_unit_id:
        return None
    units = set()
    agency = user_agency(user)
    if agency is not None and account_policies.user_has_role(user, Role.Code.AGENCY_LEADER):
        units.update(units_under(agency.pk))
    if account_policies.user_has_role(user, Role.Code.DEPARTMENT_HEAD):
        units.add(user.org_unit_id)
    return sorted(units) or None
