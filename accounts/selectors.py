from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from .models import OrgUnit, Role, User


def user_roles(user) -> QuerySet[Role]:
    return Role.objects.filter(user=user).order_by("name")


@dataclass
class OrgNode:
    unit: OrgUnit
    children: list["OrgNode"] = field(default_factory=list)


def org_tree(*, include_inactive: bool = False) -> list[OrgNode]:
    """The whole tree in one query, with each unit's active member count as `member_count`."""
    units = OrgUnit.objects.annotate(member_count=Count("users", filter=Q(users__is_active=True)))
    if not include_inactive:
        units = units.filter(is_active=True)
    nodes = {u.pk: OrgNode(u) for u in units.order_by("sort_order", "name")}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


def org_unit_list() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.select_related("parent").order_by("sort_order", "name")


def user_list() -> QuerySet[User]:
    return User.objects.select_related("org_unit").prefetch_related("groups__role").order_by("full_name", "username")


def units_under(unit_id: int, *, active_only: bool = False) -> list[int]:
    """`unit_id` and every unit below it (only active ones below it with `active_only`), one query per level of
    the shallow tree (committee → agency → departments)."""
    found, frontier = [unit_id], [unit_id]
    while frontier:
        children = OrgUnit.objects.filter(parent_id__in=frontier)
        if active_only:
            children = children.filter(is_active=True)
        frontier = [pk for pk in children.values_list("pk", flat=True) if pk not in found]
        found.extend(frontier)
    return found
