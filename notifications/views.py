"""The portal's notification centre: the bell's badge (polled by htmx), the list by day, mark read."""
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iooffice.sessions import passive_session

from . import messages, selectors, services
from .forms import PreferenceForm
from .models import Notification

# htmx stops polling on this status: an expired session ends the bell's requests instead of redirecting each one.
HTMX_STOP_POLLING = 286


@require_GET
@passive_session
def notification_count(request):
    if not request.user.is_authenticated:
        return HttpResponse(status=HTMX_STOP_POLLING)
    count = selectors.notification_unread_count(request.user)
    return render(request, "notifications/_badge.html", {"unread_count": count})


@login_required
@require_GET
def notification_list(request):
    page = Paginator(selectors.notification_list_visible_to(request.user), 50).get_page(request.GET.get("page"))
    entries = [{"notification": n, "day": timezone.localtime(n.created_at).date(),
                "headline": messages.headline(n), "url": messages.target_path(n)} for n in page]
    return render(request, "notifications/list.html", {
        "page": page, "entries": entries, "unread_count": selectors.notification_unread_count(request.user)})


@login_required
@require_POST
def notification_read(request, pk: int):
    try:
        notification = selectors.notification_get_for_user(request.user, pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    services.notification_mark_read(user=request.user, notification=notification)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    services.notification_mark_all_read(user=request.user)
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    """Which events come by e-mail (immediately, in the daily digest, never) and the digest's hour."""
    preference = services.notification_preference_get(user=request.user)
    form = PreferenceForm(request.POST or None, preference=preference)
    if request.method == "POST" and form.is_valid():
        try:
            services.notification_preference_update(actor=request.user, email=form.email_choices(),
                                                    digest_hour=form.cleaned_data["digest_hour"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("Your notification settings were saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form, "has_email": bool(request.user.email)})
