from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _, ngettext

from iooffice.admin_mixins import AuditedModelAdmin

from . import services
from .models import Delegation, OrgUnit, Role, User

admin.site.unregister(Group)


@admin.register(OrgUnit)
class OrgUnitAdmin(AuditedModelAdmin):
    list_display = ["name", "code", "kind", "parent", "sort_order", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    ordering = ["parent__sort_order", "sort_order", "name"]


@admin.register(Role)
class RoleAdmin(AuditedModelAdmin):
    list_display = ["name", "code", "description"]
    fields = ["name", "code", "description", "permissions"]
    filter_horizontal = ["permissions"]
    search_fields = ["name", "code"]


class RoleListFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [(r.code, r.name) for r in Role.objects.order_by("name")]

    def queryset(self, request, queryset):
        return queryset.filter(groups__role__code=self.value()) if self.value() else queryset


class UserCreateForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "full_name", "email", "org_unit", "position_title", "phone")


class UserEditForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(AuditedModelAdmin, auth_admin.UserAdmin):
    form = UserEditForm
    add_form = UserCreateForm
    list_display = ["username", "full_name", "position_title", "org_unit", "email", "is_active", "last_login"]
    list_filter = ["is_active", RoleListFilter, "org_unit__kind", "is_superuser"]
    search_fields = ["username", "full_name", "email", "phone", "org_unit__name"]
    list_select_related = ["org_unit"]
    autocomplete_fields = ["org_unit"]
    ordering = ["full_name"]
    actions = ["deactivate_users", "reactivate_users"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "position_title", "org_unit", "email", "phone"]}),
        (_("Roles and status"), {"fields": ["groups", "is_active", "is_superuser"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "full_name", "email", "org_unit", "position_title", "phone",
                           "usable_password", "password1", "password2"],
            },
        ),
    ]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = ["groups"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.filter(role__isnull=False).order_by("name")
            kwargs["label"] = _("Roles")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False  # history refers to users: deactivate instead

    @admin.action(description=_("Deactivate the selected users"))
    def deactivate_users(self, request, queryset):
        for user in queryset.filter(is_active=True):
            services.user_deactivate(actor=request.user, user=user)
        self.message_user(request, _("Users deactivated; their history is kept."), messages.SUCCESS)

    @admin.action(description=_("Reactivate the selected users"))
    def reactivate_users(self, request, queryset):
        count = 0
        for user in queryset.filter(is_active=False):
            services.user_reactivate(actor=request.user, user=user)
            count += 1
        self.message_user(request, ngettext("%d user reactivated.", "%d users reactivated.", count) % count)


@admin.register(Delegation)
class DelegationAdmin(AuditedModelAdmin):
    list_display = ["delegator", "deputy", "start_date", "end_date", "revoked_at"]
    list_filter = ["start_date"]
    autocomplete_fields = ["delegator", "deputy"]
    search_fields = ["delegator__full_name", "deputy__full_name"]
