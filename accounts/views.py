from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.selectors import incoming_queue_counts

from . import policies, selectors, two_factor
from .forms import LoginForm, TokenForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        from . import services

        services.user_set_password(actor=self.request.user, user=self.request.user, password=form.cleaned_data["new_password1"])
        from django.contrib.auth import update_session_auth_hash

        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Your password was changed."))
        return HttpResponseRedirect(self.get_success_url())


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("home")


@login_required
def otp_verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.two_factor_verify(request=request, token=form.cleaned_data["token"]):
            return HttpResponseRedirect(_next_url(request))
        form.add_error("token", _("The code is wrong or has expired. Try the current code."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


@login_required
def otp_setup(request):
    if policies.user_has_confirmed_device(request.user) and not request.user.is_verified():
        return HttpResponseRedirect(reverse("accounts:otp_verify"))
    device = two_factor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.two_factor_confirm(request=request, device=device, token=form.cleaned_data["token"]):
            messages.success(request, _("Two-factor authentication is now on for your account."))
            return HttpResponseRedirect(_next_url(request))
        form.add_error("token", _("The code is wrong or has expired. Try the current code."))
    context = {
        "form": form,
        "qr_svg": two_factor.device_qr_svg(device),
        "secret": two_factor.device_secret_base32(device),
        "required": policies.user_requires_two_factor(request.user),
        "next": _next_url(request),
    }
    return render(request, "accounts/otp_setup.html", context)


@login_required
@require_POST
def otp_disable(request):
    try:
        two_factor.two_factor_disable(actor=request.user, user=request.user)
        messages.success(request, _("Two-factor authentication was turned off."))
    except two_factor.TwoFactorRequired:
        messages.error(request, _("Administrators must keep two-factor authentication on."))
    return HttpResponseRedirect(reverse("accounts:profile"))


@login_required
def profile(request):
    context = {
        "has_device": policies.user_has_confirmed_device(request.user),
        "roles": selectors.user_roles(request.user),
        "requires_2fa": policies.user_requires_two_factor(request.user),
    }
    return render(request, "accounts/profile.html", context)


@login_required
def organisation(request):
    return render(request, "accounts/organisation.html", {"tree": selectors.org_tree()})


@login_required
def home(request):
    context = {
        "roles": selectors.user_roles(request.user),
        "is_admin": policies.user_is_admin(request.user),
        "agency": request.user.org_unit.agency if request.user.org_unit_id else None,
        "incoming_counts": incoming_queue_counts(request.user),
    }
    return render(request, "home.html", context)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes calls this when an account is locked: JSON for the API, a page for the portal."""
    from django.conf import settings
    from django.http import JsonResponse

    if request.path.startswith("/api/"):
        body = {"code": "account_locked", "message": _("Too many failed logins. Try again later."), "details": {}}
        return JsonResponse(body, status=429)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)}
    return render(request, "accounts/lockout.html", context, status=429)


# Importing users from Excel (administrators) -------------------------------------------------------------


@login_required
def user_import(request):
    """Upload a filled-in template: every row is checked here first, and a wrong row shows the whole report and
    imports nothing; a clean file starts the import job (accounts.job_kinds) and shows its progress."""
    from django.shortcuts import redirect

    from iooffice.errors import DomainError
    from jobs.services import job_start

    from . import imports
    from .forms import UserImportForm
    from .job_kinds import error_for_display

    if not policies.user_is_admin(request.user):
        raise PermissionDenied
    form = UserImportForm(request.POST or None, request.FILES or None)
    context, status = {"form": form, "columns": imports.COLUMNS}, 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan = imports.user_import_plan(upload)
        except DomainError as exc:
            context["error"], status = exc.message, exc.status
        else:
            if plan.ok:
                job = job_start(actor=request.user, kind="accounts.user_import", input_file=upload, input_name=upload.name)
                return redirect("jobs:detail", pk=job.pk)
            context["row_errors"], status = [error_for_display(e) for e in plan.errors], 400
            context["wrong_rows"] = len({e.row for e in plan.errors})
            context["total_rows"] = len(plan.rows)
    elif request.method == "POST":
        status = 400
    return render(request, "accounts/user_import.html", context, status=status)


@login_required
def user_import_template(request):
    from django.http import HttpResponse
    from django.utils.http import content_disposition_header

    from . import imports

    if not policies.user_is_admin(request.user):
        raise PermissionDenied
    response = HttpResponse(imports.import_template_xlsx(), content_type=imports.XLSX)
    response["Content-Disposition"] = content_disposition_header(True, "mau-nhap-nguoi-dung.xlsx")
    response["Cache-Control"] = "private, no-store"
    return response
