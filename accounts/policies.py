"""Who may do what with organisation units, users and roles. The only module that reads role membership."""
from django.conf import settings

from .models import Role


def user_role_codes(user) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_iooffice_role_codes", None)
    if cached is None:
        cached = frozenset(Role.objects.filter(user=user).values_list("code", flat=True))
        user._iooffice_role_codes = cached
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
    return [d.delegator for d in rows.select_related("delegator__org_unit") if d.delegator.is_active]
