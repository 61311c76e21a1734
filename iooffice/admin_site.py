from functools import wraps
from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import policies


# Third-party apps register admin pages under their own (English) names.
THIRD_PARTY_APP_NAMES = {
    "authtoken": _("API tokens"),
    "axes": _("Login attempts and lockouts"),
    "otp_totp": _("Two-factor devices"),
}


class IoofficeAdminSite(admin.AdminSite):
    site_header = _("iooffice administration")
    site_title = _("iooffice")
    index_title = _("System administration")

    def admin_view(self, view, cacheable=False):
        protected = super().admin_view(view, cacheable)

        @wraps(view)
        def refuse_non_admins(request, *args, **kwargs):
            # Django would send a signed-in non-admin to the admin login; a plain 403 is the honest answer.
            if request.user.is_authenticated and not policies.user_is_admin(request.user):
                raise PermissionDenied
            return protected(request, *args, **kwargs)

        return refuse_non_admins

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        for app in apps:
            app["name"] = THIRD_PARTY_APP_NAMES.get(app["app_label"], app["name"])
        return apps

    def has_permission(self, request) -> bool:
        user = request.user
        if not policies.user_is_admin(user):
            return False
        return user.is_verified() or not policies.user_requires_two_factor(user)

    def login(self, request, extra_context=None):
        """One login page for everyone (lockout, audit and 2FA live there); a signed-in non-admin gets 403."""
        if request.user.is_authenticated:
            raise PermissionDenied
        next_url = request.GET.get("next") or reverse("admin:index")
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")
