"""Every write to organisation units, users and roles. Each call is atomic and audited."""
from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from iooffice.audit.services import audit_record
from iooffice.errors import BusinessRuleViolation
from iooffice.services import audited_delete, audited_save

from . import policies
from .models import Delegation, OrgUnit, Role, User


class UnitHasMembers(BusinessRuleViolation):
    code = "unit_in_use"
    status = 409
    default_message = _("This unit still has users or sub-units; move them first or deactivate the unit.")


def org_unit_create(*, actor, **fields) -> OrgUnit:
    return audited_save(actor=actor, instance=OrgUnit(**fields))


@transaction.atomic
def org_unit_update(*, actor, unit: OrgUnit, **fields) -> OrgUnit:
    """Moves are rare: lock the tree so two concurrent moves cannot together create a cycle."""
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {OrgUnit._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
    for name, value in fields.items():
        setattr(unit, name, value)
    if unit.parent_id:
        unit.parent = OrgUnit.objects.get(pk=unit.parent_id)  # fresh ancestors, read under the lock
    return audited_save(actor=actor, instance=unit)


@transaction.atomic
def org_unit_delete(*, actor, unit: OrgUnit) -> None:
    if unit.users.exists() or unit.children.exists():
        raise UnitHasMembers(
            details={"users": unit.users.count(), "sub_units": unit.children.count()},
        )
    audited_delete(actor=actor, instance=unit)


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    full_name: str,
    email: str = "",
    password: str | None = None,
    org_unit: OrgUnit | None = None,
    position_title: str = "",
    phone: str = "",
    roles: Iterable[Role] = (),
    is_superuser: bool = False,
    password_hash: str | None = None,
) -> User:
    """`password_hash` takes an already hashed password (imports, demo data hashed once)."""
    user = User(
        username=username,
        full_name=full_name,
        email=email,
        org_unit=org_unit,
        position_title=position_title,
        phone=phone,
        is_superuser=is_superuser,
    )
    if password:
        validate_password(password, user)
        user.set_password(password)
    elif password_hash:
        user.password = password_hash
    else:
        user.set_unusable_password()
    audited_save(actor=actor, instance=user, action="user.create")
    if roles:
        user_set_roles(actor=actor, user=user, roles=roles)
    return user


def user_update(*, actor, user: User, **fields) -> User:
    for name, value in fields.items():
        setattr(user, name, value)
    return audited_save(actor=actor, instance=user, action="user.update")


@transaction.atomic
def user_set_roles(*, actor, user: User, roles: Iterable[Role]) -> None:
    wanted = {r.pk: r for r in roles}
    current = {r.pk: r for r in Role.objects.filter(user=user)}
    added = [wanted[pk] for pk in wanted.keys() - current.keys()]
    removed = [current[pk] for pk in current.keys() - wanted.keys()]
    if not added and not removed:
        return
    user.groups.remove(*removed)
    user.groups.add(*added)
    user.__dict__.pop("_iooffice_memberships", None)
    audit_record(
        actor=actor,
        action="user.roles_change",
        obj=user,
        details={"added": sorted(r.code for r in added), "removed": sorted(r.code for r in removed)},
    )


def user_set_password(*, actor, user: User, password: str) -> None:
    validate_password(password, user)
    user.set_password(password)
    audited_save(actor=actor, instance=user, action="user.password_change")


def user_deactivate(*, actor, user: User) -> User:
    """Blocks login and keeps every record the user made. Users are never deleted."""
    if not user.is_active:
        return user
    user.is_active = False
    audited_save(actor=actor, instance=user, action="user.deactivate")
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()
    return user


def user_reactivate(*, actor, user: User) -> User:
    if user.is_active:
        return user
    user.is_active = True
    return audited_save(actor=actor, instance=user, action="user.reactivate")


@transaction.atomic
def role_ensure(*, actor, code: str, name: str, description: str = "") -> Role:
    role = Role.objects.filter(code=code).first()
    if role is None:
        return audited_save(actor=actor, instance=Role(code=code, name=name, description=description))
    return role


class DelegationNotAllowed(BusinessRuleViolation):
    code = "delegation_not_allowed"
    default_message = _("Only an agency leader delegates, to another person of the same agency, for a valid date range.")


@transaction.atomic
def delegation_create(*, actor, deputy: User, start_date, end_date, reason: str = "") -> Delegation:
    """A leader hands their approval authority to a deputy for a date range; it ends by itself after it."""
    from notifications import hooks as notification_hooks

    from .models import Delegation

    same_agency = actor.org_unit_id and deputy.org_unit_id and actor.org_unit.agency == deputy.org_unit.agency
    if not policies.user_has_role(actor, Role.Code.AGENCY_LEADER) or not same_agency or deputy == actor or end_date < start_date:
        raise DelegationNotAllowed()
    delegation = audited_save(actor=actor, instance=Delegation(delegator=actor, deputy=deputy, start_date=start_date,
                                                               end_date=end_date, reason=reason.strip()))
    notification_hooks.delegation_created(actor=actor, delegation=delegation)
    return delegation


@transaction.atomic
def delegation_revoke(*, actor, delegation) -> None:
    from django.core.exceptions import PermissionDenied
    from django.utils import timezone

    if delegation.delegator_id != actor.pk and not policies.user_is_admin(actor):
        raise PermissionDenied
    if delegation.revoked_at is None:
        delegation.revoked_at = timezone.now()
        audited_save(actor=actor, instance=delegation, action="accounts.delegation.revoke")
