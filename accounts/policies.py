"""Who may do what with organisation units, users and roles. The only module that reads role membership."""
from django.conf import settings
from django.contrib.auth.models import Group

from .models import Role, User


def user_role_codes(user) -> frozenset[str]:
    return _memberships(user)[1]


def user_group_ids(user) -> frozenset[int]:
    """Every group the user belongs to, roles included (a role is a group)."""
    return _memberships(user)[0]


def _memberships(user) -> tuple[frozenset[int], frozenset[str]]:
    """(group ids, role codes) in one query, kept on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset(), frozenset()
    cached = getattr(user, "_iooffice_memberships", None)
    if cached is None:
        rows = list(Group.objects.filter(user=user).values_list("pk", "role__code"))
        cached = frozenset(pk for pk, _ in rows), frozenset(code for _, code in rows if code)
        user._iooffice_memberships = cached
    return cached


def user_has_role(user, code: str) -> bool:
    return code in user_role_codes(user)


def user_is_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user_has_role(user, Role.Code.ADMIN)


def user_requires_two_factor(user) -> bool:
    return user_is_admin(user) and settings.IOOFFICE_REQUIRE_2FA_FOR_ADMINS


def user_has_confirmed_device(user) -> bool:
    from django_otp import user_has_device

    return user_has_device(user, confirmed=True)


def can_manage_organisation(user) -> bool:
    return user_is_admin(user)


def can_view_audit(user) -> bool:
    return user_is_admin(user)


def delegators_of(user, on=None) -> list:
    """Leaders whose approval authority `user` holds today (or on `on`) through an unrevoked delegation."""
    from django.utils import timezone

    from .models import Delegation

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    day = on or timezone.localdate()
    rows = Delegation.objects.filter(deputy=user, start_date__lte=day, end_date__gte=day, revoked_at__isnull=True)
    # Ids first: most people hold no delegation, and this runs on every search (for its access keys).
    delegator_ids = list(rows.values_list("delegator_id", flat=True))
    if not delegator_ids:
        return []
    return list(User.objects.filter(pk__in=delegator_ids, is_active=True).select_related("org_unit").order_by("pk"))
