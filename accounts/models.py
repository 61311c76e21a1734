from django.contrib.auth.models import AbstractUser, Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class OrgUnit(models.Model):
    """A node of the organisation tree: committee → agency → department."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Party committee")
        AGENCY = "agency", _("Agency")
        DEPARTMENT = "department", _("Department")

    ALLOWED_PARENT_KINDS = {
        Kind.COMMITTEE: {None},
        Kind.AGENCY: {Kind.COMMITTEE},
        Kind.DEPARTMENT: {Kind.AGENCY, Kind.DEPARTMENT},
    }

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    code = models.CharField(_("code"), max_length=30, unique=True, help_text=_("e.g. VPTU, BTCTU"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="org_unit_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list["OrgUnit"]:
        chain, node, seen = [], self.parent, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return chain

    @property
    def agency(self) -> "OrgUnit | None":
        node, seen = self, set()
        while node is not None and node.pk not in seen:  # stops at the agency: its parents are not read
            if node.kind == self.Kind.AGENCY:
                return node
            seen.add(node.pk)
            node = node.parent
        return None

    def clean(self) -> None:
        super().clean()
        parent_kind = self.parent.kind if self.parent_id else None
        if parent_kind not in self.ALLOWED_PARENT_KINDS.get(self.kind, set()):
            raise ValidationError({"parent": _("A unit of this kind cannot be placed under that parent.")})
        if self.pk and self.parent_id:
            if self.parent_id == self.pk or any(u.pk == self.pk for u in [self.parent, *self.parent.ancestors()]):
                raise ValidationError({"parent": _("A unit cannot be moved under itself or one of its own sub-units.")})


class User(AbstractUser):
    """Custom user from the first migration. Deactivate (is_active=False), never delete: history refers to it."""

    first_name = None
    last_name = None
    full_name = models.CharField(_("full name"), max_length=200)
    position_title = models.CharField(_("position title"), max_length=200, blank=True)
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("organisation unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "username"]
        constraints = [models.UniqueConstraint(Lower("username"), name="user_username_ci_unique")]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name.split()[-1] if self.full_name else self.username


class Role(Group):
    """A role is a group with a stable code; its scope is the org unit of each member."""

    class Code(models.TextChoices):
        CLERK = "clerk", _("Clerk")
        STAFF = "staff", _("Staff")
        DEPARTMENT_HEAD = "department_head", _("Department head")
        AGENCY_LEADER = "agency_leader", _("Agency leader")
        ADMIN = "admin", _("Administrator")

    code = models.CharField(_("code"), max_length=30, choices=Code.choices, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Delegation(models.Model):
    """Ủy quyền: a leader's approval authority handed to a deputy for a date range (inclusive)."""

    delegator = models.ForeignKey(User, verbose_name=_("delegating leader"), on_delete=models.PROTECT, related_name="delegations_given")
    deputy = models.ForeignKey(User, verbose_name=_("deputy"), on_delete=models.PROTECT, related_name="delegations_received")
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="delegation_dates_ordered"),
            models.CheckConstraint(condition=~models.Q(delegator=models.F("deputy")), name="delegation_not_to_self"),
        ]

    def __str__(self) -> str:
        return f"{self.delegator} → {self.deputy} ({self.start_date:%d/%m/%Y}–{self.end_date:%d/%m/%Y})"
