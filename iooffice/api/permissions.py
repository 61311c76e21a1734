from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts import policies


class IsAdministrator(BasePermission):
    def has_permission(self, request, view) -> bool:
        return policies.user_is_admin(request.user)


class ReadAnyAuthenticatedWriteAdministrator(BasePermission):
    """Reference data: everyone signed in reads it, only administrators change it."""

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in SAFE_METHODS or policies.user_is_admin(request.user)
