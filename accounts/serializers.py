from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from iooffice.api.serializers import StrictSerializerMixin

from .models import OrgUnit, Role, User


class OrgUnitSerializer(StrictSerializerMixin, serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), allow_null=True, required=False)

    class Meta:
        model = OrgUnit
        fields = ["id", "name", "short_name", "code", "kind", "parent", "sort_order", "is_active"]


class RoleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Role
        fields = ["id", "code", "name", "description"]


@extend_schema_field({"type": "array", "items": {"type": "string", "enum": list(Role.Code.values)}})
class RoleCodesField(serializers.Field):
    """Roles as a list of codes (["clerk", "staff"]); written as Role objects under "roles"."""

    default_error_messages = {
        "not_a_list": _("Expected a list of role codes."),
        "unknown": _("Unknown role code(s): {codes}."),
    }

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def to_representation(self, user) -> list[str]:
        return sorted(g.role.code for g in user.groups.all() if hasattr(g, "role"))

    def to_internal_value(self, data):
        if not isinstance(data, list) or not all(isinstance(c, str) for c in data):
            self.fail("not_a_list")
        roles = list(Role.objects.filter(code__in=data))
        unknown = sorted(set(data) - {r.code for r in roles})
        if unknown:
            self.fail("unknown", codes=", ".join(unknown))
        return {"roles": roles}


class UserSerializer(StrictSerializerMixin, serializers.ModelSerializer):
    roles = RoleCodesField(required=False)
    org_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), allow_null=True, required=False)
    password = serializers.CharField(write_only=True, required=False, style={"input_type": "password"})

    class Meta:
        model = User
        fields = [
            "id", "username", "full_name", "position_title", "org_unit", "email", "phone",
            "roles", "is_active", "last_login", "date_joined", "password",
        ]
        read_only_fields = ["is_active", "last_login", "date_joined"]

    def validate_password(self, value):
        validate_password(value, self.instance)
        return value


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()
    org_unit = OrgUnitSerializer(read_only=True)
    agency = serializers.SerializerMethodField()
    is_admin = serializers.SerializerMethodField()
    two_factor_verified = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id", "username", "full_name", "position_title", "email", "phone",
            "org_unit", "agency", "roles", "is_admin", "two_factor_verified",
        ]

    def get_roles(self, user) -> list[str]:
        from . import policies

        return sorted(policies.user_role_codes(user))

    def get_agency(self, user) -> dict | None:
        agency = user.org_unit.agency if user.org_unit_id else None
        return {"id": agency.pk, "name": agency.name, "code": agency.code} if agency else None

    def get_is_admin(self, user) -> bool:
        from . import policies

        return policies.user_is_admin(user)

    def get_two_factor_verified(self, user) -> bool:
        return bool(getattr(user, "is_verified", lambda: False)())


class TokenRequestSerializer(StrictSerializerMixin, serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})
    otp_token = serializers.RegexField(r"^\d{6}$", required=False, help_text=_("Required when the account has two-factor on."))
