from django.contrib.auth.backends import ModelBackend

from . import policies


class UserBackend(ModelBackend):
    """Django's username/password backend; the signed-in user of each request comes with their unit and its parent,
    which nearly every page and every search asks for (their agency), so two queries fewer per request."""

    def get_user(self, user_id):
        from .models import User

        user = User._default_manager.select_related("org_unit__parent").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


class AdminRoleBackend:
    """Holders of the administrator role have every model-level permission (never object-level ones:
    document visibility stays with each app's policies)."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        return obj is None and policies.user_is_admin(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return policies.user_is_admin(user_obj)
