from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import policies

_EXEMPT_PREFIXES = ("/static/", "/healthz", "/i18n/", "/accounts/login", "/accounts/logout", "/accounts/2fa/verify", "/accounts/2fa/setup")


class TwoFactorRequiredMiddleware:
    """A signed-in user who has a TOTP device, or must have one (admins), is held at the 2FA pages
    until verified. Runs after django_otp's OTPMiddleware, which sets `user.is_verified`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not request.path.startswith(_EXEMPT_PREFIXES):
            has_device = policies.user_has_confirmed_device(user)
            if has_device or policies.user_requires_two_factor(user):
                return self._hold(request, has_device)
        return self.get_response(request)

    def _hold(self, request, has_device: bool):
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "code": "two_factor_required",
                    "message": _("Two-factor verification is required for this account."),
                    "details": {},
                },
                status=403,
            )
        target = reverse("accounts:otp_verify" if has_device else "accounts:otp_setup")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
