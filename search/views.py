"""The portal's search page: the same service as the API, rendered with filters, counts and pages."""
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from documents.models import Document
from iooffice.errors import DomainError

from .backend import SearchFilters
from .services import MAX_PAGE, search_for_user

FACET_TITLES = {
    "kind": _("Kind"), "doc_type": _("Document type"), "issuer": _("Issuer"), "agency": _("Agency"),
    "status": _("Status"), "urgency": _("Urgency"),
}


class SearchForm(forms.Form):
    q = forms.CharField(required=False, strip=False)
    kind = forms.ChoiceField(required=False, choices=[("", "")] + Document.Kind.choices)
    doc_type = forms.IntegerField(required=False, min_value=1)
    issuer = forms.IntegerField(required=False, min_value=1)
    agency = forms.IntegerField(required=False, min_value=1)
    status = forms.ChoiceField(required=False, choices=[("", "")] + Document.Status.choices)
    urgency = forms.ChoiceField(required=False, choices=[("", "")] + Document.Urgency.choices)
    date_from = forms.DateField(required=False, label=_("From"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    date_to = forms.DateField(required=False, label=_("To"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    symbol = forms.CharField(required=False, max_length=80)
    assigned_to_me = forms.BooleanField(required=False, label=_("Assigned to me"))
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)


FILTERS = ("kind", "doc_type", "issuer", "agency", "status", "urgency", "date_from", "date_to", "symbol")


@login_required
@require_GET
def search_page(request):
    form = SearchForm(request.GET)
    kept = [(name, request.GET[name]) for name in FACET_TITLES if request.GET.get(name)]
    context = {"form": form, "found": None, "error": None, "facets": [], "kept_filters": kept}
    if not form.is_valid():
        context["error"] = _("Check the filters: some values are not valid.")
        return render(request, "search/search.html", context, status=400)
    data = form.cleaned_data
    searched = bool(data["q"].strip()) or any(data.get(n) for n in FILTERS) or data["assigned_to_me"]
    if searched:
        filters = SearchFilters(**{n: data[n] for n in FILTERS if data.get(n) not in (None, "")})
        try:
            found = search_for_user(request.user, data["q"], filters, page=data["page"] or 1,
                                    assigned_to_me=data["assigned_to_me"])
        except DomainError as error:
            context["error"] = error.message
            return render(request, "search/search.html", context, status=400)
        context["found"] = found
        context["facets"] = _facet_links(request, found.facets)
        context["page_links"] = _page_links(request, found)
    return render(request, "search/search.html", context)


def _query_string(request, **changes) -> str:
    params = {k: v for k, v in request.GET.items() if k != "page"}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(params)


def _facet_links(request, facets) -> list[dict]:
    groups = []
    for name, values in facets.items():
        selected = request.GET.get(name, "")
        options = [
            {"label": v.label, "count": v.count, "active": str(v.value) == selected,
             "url": _query_string(request, **{name: None if str(v.value) == selected else v.value})}
            for v in values
        ]
        if options:
            groups.append({"name": name, "title": FACET_TITLES[name], "options": options,
                           "clear_url": _query_string(request, **{name: None}) if selected else None})
    return groups


def _page_links(request, found) -> dict:
    def url(number):
        return _query_string(request, page=number)

    return {"previous": url(found.page - 1) if found.has_previous else None,
            "next": url(found.page + 1) if found.has_next else None}
