from . import policies


class AdminRoleBackend:
    """Holders of the administrator role have every model-level permission (never object-level ones:
    document visibility stays with each app's policies)."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        return obj is None and policies.user_is_admin(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return policies.user_is_admin(user_obj)
