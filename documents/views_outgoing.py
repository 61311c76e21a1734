"""Portal pages of outgoing documents (văn bản đi): the same selectors and services as documents.api_outgoing.

Drafting, versions, the approval chain, issuing with a Party number, recall, reserved numbers, the outgoing
register book; registering what other agencies sent (from the incoming list) and delegations (from the profile).
A DomainError's translated message is shown in an alert; PermissionDenied becomes 403 and a document the user
may not see is the same 404 as one that does not exist.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import policies as account_policies
from accounts import services as account_services
from accounts.models import Delegation, Role, User
from iooffice.audit.services import audit_record
from iooffice.errors import DomainError, InvalidTransition
from jobs.views import start_and_follow
from workflow import approval
from workflow import policies as workflow_policies
from workflow.models import ChainRun, StepDecision

from . import policies, registers, selectors
from .forms import ReasonForm
from .forms_outgoing import REPLY_CHOICES, DecisionForm, DelegationForm, DraftForm, ReservationForm, VersionForm
from .models import CommitteeTerm, Document, NumberReservation, OutgoingRecipient
from .services import numbering, outgoing
from .services.files import Upload
from .views import PAGE_SIZE, _add_model_errors, _version_status_context

QUEUE_LABELS = {
    "all": gettext_lazy("All"),
    "my_drafts": gettext_lazy("My drafts"),
    "returned_to_me": gettext_lazy("Returned to me"),
    "awaiting_my_approval": gettext_lazy("Awaiting my approval"),
    "awaiting_issue": gettext_lazy("Awaiting issue"),
    "issued": gettext_lazy("Issued"),
    "recalled": gettext_lazy("Recalled"),
    "to_register": gettext_lazy("To register from other agencies"),
}

Status = Document.Status


# Reads the selectors do not offer (yet) -------------------------------------------------------------------


def _incoming_choices(user):
    """The latest incoming documents the user may see, for "in reply to"."""
    latest = selectors.incoming_list_visible_to(user).order_by("-arrival_at", "-id").values_list("pk", flat=True)[:REPLY_CHOICES]
    return Document.objects.filter(pk__in=list(latest)).order_by("-arrival_at", "-id")


# 1. The list -------------------------------------------------------------------------------------------------


@login_required
@require_GET
def outgoing_list(request):
    queue = request.GET.get("queue", "all")
    if queue not in selectors.OUTGOING_QUEUES or queue == "to_register":
        queue = "all"
    documents = selectors.outgoing_queue(request.user, queue)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.outgoing_queue_counts(request.user)
    is_clerk = policies.registering_agency(request.user) is not None
    tabs = [{"name": name, "label": QUEUE_LABELS[name], "count": counts[name]}
            for name in selectors.OUTGOING_QUEUES if name != "to_register" or is_clerk]
    context = {
        "page": page,
        "queue": queue,
        "tabs": tabs,
        "can_draft": policies.user_agency(request.user) is not None,
        "can_reserve": is_clerk,
        "can_see_register": policies.can_see_register_book(request.user),
    }
    return render(request, "outgoing/list.html", context)


# 2. Drafting -------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def outgoing_new(request):
    agency = policies.user_agency(request.user)
    if agency is None:
        raise PermissionDenied
    form = DraftForm(request.POST or None, request.FILES or None, own_agency=agency, incoming=_incoming_choices(request.user))
    context, status = {"form": form, "error": None}, 200
    if request.method == "POST" and form.is_valid():
        uploads = [Upload(fileobj=f, name=f.name) for f in form.cleaned_data["files"]]
        try:
            document = outgoing.draft_create(actor=request.user, fields=form.draft_fields(),
                                             recipients=list(form.cleaned_data["recipients"]), uploads=uploads)
        except DomainError as exc:
            context["error"], status = exc.message, exc.status
        except ValidationError as exc:
            _add_model_errors(form, exc)
            status = 400
        else:
            messages.success(request, _("The draft was saved. Submit it for approval when it is ready."))
            return redirect("outgoing:detail", pk=document.pk)
    elif request.method == "POST":
        status = 400
    context["files_lost"] = bool(request.FILES)
    return render(request, "outgoing/form.html", context, status=status)


# 3. The detail page and its actions ----------------------------------------------------------------------


def _active_run(document: Document) -> ChainRun | None:
    return next((run for run in document.chain_runs.all() if run.status == ChainRun.Status.ACTIVE), None)


def _allowed(user, document: Document) -> dict:
    mine_and_editable = document.registered_by_id == user.pk and document.status in outgoing.EDITABLE
    run = _active_run(document)
    return {
        "new_version": mine_and_editable,
        "submit": mine_and_editable,
        "decide": run is not None and workflow_policies.step_actor(user, run)[0],
        "issue": document.status == Status.APPROVED and policies.is_clerk_of(user, document.agency_id),
        "recall": document.status == Status.ISSUED and policies.is_leader_of(user, document.agency_id),
    }


def _detail_context(request, document: Document, *, bound: dict | None = None, error=None, error_for: str = ""):
    user = request.user
    bound = bound or {}
    allowed = _allowed(user, document)
    run = _active_run(document)
    forms = {}
    if allowed["new_version"]:
        forms["new_version"] = bound.get("new_version") or VersionForm(prefix="version")
    if allowed["decide"]:
        forms["decide"] = bound.get("decide") or DecisionForm(initial={"step_order": run.current_order})
    if allowed["recall"]:
        forms["recall"] = bound.get("recall") or ReasonForm(prefix="recall", label=_("Reason for recall"))
    files = list(document.files.all())
    for file in files:
        file.version_list = [_version_status_context(v, False) for v in file.versions.all()]
    runs = list(document.chain_runs.all())
    for r in runs:
        r.decision_list = sorted(r.decisions.all(), key=lambda d: d.order)
        r.step = workflow_policies.current_step(r) if r.status == ChainRun.Status.ACTIVE else None
    return {
        "document": document,
        "files": files,
        "runs": runs,
        "active_run": run,
        "today": timezone.localdate(),
        "recipients": list(document.recipients.all()),
        "external_recipients": [line.strip() for line in document.external_recipients.splitlines() if line.strip()],
        "allowed": allowed,
        "forms": forms,
        "error": error,
        "error_for": error_for,
    }


@login_required
@require_GET
def outgoing_detail(request, pk):
    document = selectors.outgoing_detail_for_user(request.user, pk)
    audit_record(actor=request.user, action="document.view", obj=document)
    return render(request, "outgoing/detail.html", _detail_context(request, document))


def _action(request, pk, *, name: str, perform, success, form=None, may=None):
    """Check the policy, validate, call the service; on a refusal show the page again with the message and the
    input kept. The service checks again under its lock: `may` only spares a stranger the form's errors."""
    document = selectors.outgoing_get_for_user(request.user, pk)
    if may is not None and not may(request.user, document):
        raise PermissionDenied
    error, status = None, 400
    if form is None or form.is_valid():
        try:
            result = perform(document, form.cleaned_data if form is not None else {})
        except DomainError as exc:
            error, status = exc.message, exc.status
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect("outgoing:detail", pk=document.pk)
    context = _detail_context(request, selectors.outgoing_detail_for_user(request.user, pk), bound={name: form} if form else {},
                              error=error, error_for=name)
    return render(request, "outgoing/detail.html", context, status=status)


def _is_drafter(user, document) -> bool:
    return document.registered_by_id == user.pk


@login_required
@require_POST
def outgoing_new_version(request, pk):
    def perform(document, data):
        upload = Upload(fileobj=data["file"], name=data["file"].name)
        return outgoing.draft_new_version(actor=request.user, document=document, upload=upload, note=data["note"])

    return _action(request, pk, name="new_version", form=VersionForm(request.POST, request.FILES, prefix="version"),
                   perform=perform, may=_is_drafter,
                   success=lambda version: _("Version %(number)s was stored; earlier versions are kept.") % {"number": version.number})


@login_required
@require_POST
def outgoing_submit(request, pk):
    def perform(document, data):
        return outgoing.draft_submit(actor=request.user, document=document)

    return _action(request, pk, name="submit", perform=perform, may=_is_drafter,
                   success=_("The draft was submitted for approval."))


@login_required
@require_POST
def outgoing_decide(request, pk):
    form = DecisionForm(request.POST)

    def may(user, document):
        # A page left open after the step was decided gets the conflict message, not a 403.
        run = document.chain_runs.filter(status=ChainRun.Status.ACTIVE).select_related("document", "template").first()
        stale = run is None or request.POST.get("step_order") != str(run.current_order)
        return stale or workflow_policies.step_actor(user, run)[0]

    def perform(document, data):
        run = document.chain_runs.filter(status=ChainRun.Status.ACTIVE).first()
        if run is None:
            raise InvalidTransition()
        return approval.step_decide(actor=request.user, run=run, decision=data["decision"], comment=data["comment"],
                                    step_order=data["step_order"])

    labels = {StepDecision.Decision.APPROVE: _("You approved this step."),
              StepDecision.Decision.RETURN: _("The draft was returned to its drafter for changes."),
              StepDecision.Decision.REJECT: _("The draft was rejected.")}
    return _action(request, pk, name="decide", form=form, perform=perform, may=may,
                   success=lambda run: labels[form.cleaned_data["decision"]])


@login_required
@require_POST
def outgoing_issue(request, pk):
    def perform(document, data):
        return outgoing.outgoing_issue(actor=request.user, document=document)

    return _action(request, pk, name="issue", perform=perform,
                   may=lambda user, document: policies.is_clerk_of(user, document.agency_id),
                   success=lambda document: _("Issued as %(symbol)s, dated %(date)s.") % {
                       "symbol": document.symbol, "date": document.issued_date.strftime("%d/%m/%Y")})


@login_required
@require_POST
def outgoing_recall(request, pk):
    def perform(document, data):
        return outgoing.outgoing_recall(actor=request.user, document=document, reason=data["reason"])

    return _action(request, pk, name="recall", form=ReasonForm(request.POST, prefix="recall", label=_("Reason for recall")),
                   perform=perform, may=lambda user, document: policies.is_leader_of(user, document.agency_id),
                   success=_("The document was recalled; the recipients' copies are marked as recalled."))


# 4. Reserved numbers -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def reservations(request):
    agency = policies.registering_agency(request.user)
    if agency is None:
        raise PermissionDenied
    form = ReservationForm(request.POST or None)
    error, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                reservation = numbering.number_reserve(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                error, status = exc.message, exc.status
            else:
                messages.success(request, _("Number %(symbol)s is reserved.") % {"symbol": reservation.symbol})
                return redirect("outgoing:reservations")
    context = {"form": form, "error": error, "reservations": selectors.number_reservations_of(agency)[:200], "agency": agency}
    return render(request, "outgoing/reservations.html", context, status=status)


# 5. The register book ------------------------------------------------------------------------------------


@login_required
@require_GET
def register_book(request):
    if not policies.can_see_register_book(request.user):
        raise PermissionDenied
    agency = policies.user_agency(request.user)
    terms = list(CommitteeTerm.objects.all())
    term = next((t for t in terms if str(t.pk) == request.GET.get("term")), None)
    term = term or next((t for t in terms if t.is_current), None) or (terms[0] if terms else None)
    documents = selectors.outgoing_register_rows(request.user, term_id=term.pk) if term else Document.objects.none()
    reserved = selectors.number_reservations_of(agency).filter(term=term) if term else NumberReservation.objects.none()
    entries = registers.outgoing_register_entries(documents, reserved)
    context = {
        "agency": agency,
        "term": term,
        "terms": terms,
        "entries": entries,
        "columns": registers.outgoing_register_columns(),
    }
    return render(request, "outgoing/register_book.html", context)


@login_required
@require_POST
def register_export(request):
    """Start exporting the register of a term (documents.job_kinds) and show the job's page."""
    params = {"term": request.POST.get("term"), "format": request.POST.get("format")}
    return start_and_follow(request, "documents.outgoing_register", params, back="outgoing:register_book")


# 6. Registering what other agencies sent (from the incoming list) --------------------------------------


@login_required
@require_POST
def exchange_register(request, pk):
    agency = policies.registering_agency(request.user)
    if agency is None:
        raise PermissionDenied
    recipient = OutgoingRecipient.objects.filter(pk=pk, agency=agency).first()
    if recipient is None:
        raise Http404
    try:
        incoming = outgoing.exchange_register(actor=request.user, recipient=recipient)
    except DomainError as exc:  # registered already (a second click), or recalled meanwhile
        messages.error(request, exc.message)
        return redirect(reverse("documents:list") + "#to-register")
    messages.success(request, _("Registered: arrival number %(number)s/%(year)s.") % {
        "number": incoming.arrival_number, "year": incoming.arrival_year})
    return redirect("documents:detail", pk=incoming.pk)


# 7. Delegations (a card on the profile page, loaded with htmx) ------------------------------------------


def _require_leader(user) -> None:
    if not account_policies.user_has_role(user, Role.Code.AGENCY_LEADER):
        raise PermissionDenied


def _delegation_form(user, data=None) -> DelegationForm:
    agency = policies.user_agency(user)
    people = selectors.agency_people(agency).exclude(pk=user.pk).order_by("full_name") if agency else None
    return DelegationForm(data, prefix="delegation", people=people if people is not None else User.objects.none())


def _delegations_context(user, *, form=None, error=None) -> dict:
    given = Delegation.objects.filter(delegator=user).select_related("deputy__org_unit").order_by("-start_date", "-id")
    received = Delegation.objects.filter(deputy=user).select_related("delegator").order_by("-start_date", "-id")
    return {"given": given, "received": received, "form": form or _delegation_form(user), "error": error}


@login_required
@require_GET
def delegations(request):
    if request.headers.get("HX-Request") and not account_policies.user_has_role(request.user, Role.Code.AGENCY_LEADER):
        return HttpResponse("")
    _require_leader(request.user)
    template = "outgoing/_delegations.html" if request.headers.get("HX-Request") else "outgoing/delegations.html"
    return render(request, template, _delegations_context(request.user))


@login_required
@require_POST
def delegation_create(request):
    _require_leader(request.user)
    form = _delegation_form(request.user, request.POST)
    error = None
    if form.is_valid():
        try:
            account_services.delegation_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The delegation was recorded."))
            return redirect("accounts:profile")
    context = _delegations_context(request.user, form=form, error=error)
    return render(request, "outgoing/delegations.html", context, status=400)


@login_required
@require_POST
def delegation_revoke(request, pk):
    delegation = Delegation.objects.filter(Q(delegator=request.user) | Q(deputy=request.user), pk=pk).first()
    if delegation is None:
        raise Http404
    account_services.delegation_revoke(actor=request.user, delegation=delegation)
    messages.success(request, _("The delegation was revoked."))
    return redirect("accounts:profile")
