"""Portal pages of incoming documents (văn bản đến): the same selectors and services as documents.api_incoming.

Each page shows a DomainError's translated message in an alert and keeps what the user typed; PermissionDenied
becomes 403 and a document the user may not see is the same 404 as one that does not exist.
"""
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iooffice.audit.services import audit_record
from iooffice.errors import DomainError
from iooffice.sessions import passive_session
from jobs.views import start_and_follow
from workflow import services as workflow_services
from workflow.models import Assignment

from . import policies, previews, registers, selectors
from .downloads import file_version_response
from .forms import CommentForm, DelegateForm, DirectionForm, FileUploadForm, IncomingRegisterForm, NoteForm, ReasonForm
from .models import Document, FileVersion
from .services import extraction, quarantine
from .services.files import Upload, file_version_add, result_file_attach
from .services.incoming import DuplicateDocument, incoming_register

PAGE_SIZE = 50
REGISTER_PAGE_SIZE = 100
POLL_STALE_AFTER = timedelta(minutes=10)

QUEUE_LABELS = {
    "all": gettext_lazy("All"),
    "quarantined": gettext_lazy("Quarantined"),
    "awaiting_direction": gettext_lazy("Awaiting direction"),
    "lead": gettext_lazy("Lead"),
    "coordinate": gettext_lazy("Coordinate"),
    "inform": gettext_lazy("Inform"),
    "due_soon": gettext_lazy("Due soon"),
    "overdue": gettext_lazy("Overdue"),
    "completed": gettext_lazy("Completed"),
    "returned": gettext_lazy("Returned to sender"),
}

Status = Document.Status
OPEN_STATES = (Status.REGISTERED, Status.IN_PROGRESS)


# Reads the selectors do not offer (yet) -------------------------------------------------------------------


# 1. The list -------------------------------------------------------------------------------------------------


@login_required
@require_GET
def incoming_list(request):
    queue = request.GET.get("queue", "all")
    if queue not in selectors.QUEUES:
        queue = "all"
    documents = selectors.incoming_queue(request.user, queue)
    query = request.GET.get("q", "").strip()[:200]
    if query:
        match = Q(summary__icontains=query) | Q(symbol__icontains=query) | Q(issuer_name__icontains=query)
        match |= Q(issuer__code__icontains=query)
        if query.isdigit() and len(query) <= 9:  # an arrival number; longer digits would overflow the column
            match |= Q(arrival_number=int(query))
        documents = documents.filter(match)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.incoming_queue_counts(request.user)
    context = {
        "page": page,
        "queue": queue,
        "query": query,
        "tabs": [{"name": name, "label": QUEUE_LABELS[name], "count": counts[name]} for name in selectors.QUEUES],
        "can_register": policies.registering_agency(request.user) is not None,
        "can_see_register": policies.can_see_register_book(request.user),
        "exchange_pending": selectors.exchange_pending_for(request.user),
    }
    return render(request, "documents/incoming_list.html", context)


# 2. Registering ----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def incoming_new(request):
    if policies.registering_agency(request.user) is None:
        raise PermissionDenied
    form = IncomingRegisterForm(request.POST or None, request.FILES or None)
    context = {"form": form, "error": None, "duplicates": [],
               "show_duplicate_reason": bool(request.POST.get("duplicate_reason"))}
    status = 200
    if request.method == "POST" and form.is_valid():
        uploads = [Upload(fileobj=f, name=f.name) for f in form.cleaned_data["files"]]
        try:
            document = incoming_register(actor=request.user, fields=form.register_fields(), uploads=uploads,
                                         duplicate_reason=form.cleaned_data["duplicate_reason"])
        except DuplicateDocument as exc:
            context.update(error=exc.message, duplicates=exc.details.get("existing", []), show_duplicate_reason=True)
            status = exc.status
        except DomainError as exc:
            context["error"], status = exc.message, exc.status
        except ValidationError as exc:
            _add_model_errors(form, exc)
            status = 400
        else:
            messages.success(request, _("Registered: arrival number %(number)s/%(year)s.") % {
                "number": document.arrival_number, "year": document.arrival_year})
            return redirect("documents:detail", pk=document.pk)
    elif request.method == "POST":
        status = 400
    context["files_lost"] = bool(request.FILES)  # a browser never re-fills a file input: say so
    return render(request, "documents/incoming_form.html", context, status=status)


def _add_model_errors(form, exc: ValidationError) -> None:
    """The model's full_clean speaks in model field names, which the form shares."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# 3. The detail page and its actions ----------------------------------------------------------------------


@login_required
@require_GET
def incoming_detail(request, pk):
    document = selectors.incoming_detail_for_user(request.user, pk)
    audit_record(actor=request.user, action="document.view", obj=document)
    return render(request, "documents/incoming_detail.html", _detail_context(request, document))


def _allowed(user, document: Document) -> dict[str, bool]:
    return {
        "direct": document.status in OPEN_STATES and policies.document_can_direct(user, document),
        "comment": document.status in OPEN_STATES and policies.document_can_handle(user, document),
        "complete": document.status == Status.IN_PROGRESS and policies.document_can_complete(user, document),
        "return": document.status in OPEN_STATES and policies.document_can_correct(user, document),
        "attach": document.status == Status.IN_PROGRESS and policies.document_can_handle(user, document),
        "correct_files": document.status != Status.PURGED and policies.document_can_correct(user, document),
        "quarantine": document.status == Status.QUARANTINED and policies.document_can_manage_quarantine(user, document),
    }


def _has_lead(document: Document) -> bool:
    """Whether a further direction must not name another lead (uses the prefetched assignments when there)."""
    return any(a.role == Assignment.Role.LEAD and a.parent_id is None and a.status != Assignment.Status.WITHDRAWN
               for a in document.assignments.all())


def _confirm_form(data=None) -> ReasonForm:
    return ReasonForm(data, prefix="confirm", label=_("Why it is not secret"))


def _purge_form(data=None) -> ReasonForm:
    return ReasonForm(data, prefix="purge", label=_("Reason for purging"))


def _direction_form(document: Document, data=None) -> DirectionForm:
    return DirectionForm(data, units=selectors.agency_departments(document.agency), people=selectors.agency_people(document.agency),
                         has_lead=_has_lead(document))


def _assignment_tree(user, document: Document, bound: dict) -> list[Assignment]:
    """Top-level assignments, each with `.subs` (delegated ones) and the forms this user may use on it."""
    assignments = list(document.assignments.all())
    handling = document.status == Status.IN_PROGRESS
    for a in assignments:
        a.subs = []
        is_open = handling and a.status == Assignment.Status.OPEN
        mine = a.user_id == user.pk if a.user_id else policies.is_head_of(user, a.unit_id)
        a.done_form = None
        a.delegate_form = None
        if is_open and mine and a.role != Assignment.Role.INFORM:
            a.done_form = bound.get(f"done-{a.pk}") or NoteForm(prefix=f"done-{a.pk}")
        if is_open and a.unit_id and policies.is_head_of(user, a.unit_id):
            a.delegate_form = bound.get(f"delegate-{a.pk}") or DelegateForm(
                prefix=f"delegate-{a.pk}", people=selectors.unit_people(a.unit_id, exclude=user))
    by_id = {a.pk: a for a in assignments}
    top = []
    for a in assignments:
        parent = by_id.get(a.parent_id)
        (parent.subs if parent else top).append(a)
    return top


def _detail_context(request, document: Document, *, bound: dict | None = None, error=None, error_for: str = ""):
    user = request.user
    bound = bound or {}
    allowed = _allowed(user, document)
    forms = {}
    if allowed["direct"]:
        forms["direct"] = bound.get("direct") or _direction_form(document)
    if allowed["comment"]:
        forms["comment"] = bound.get("comment") or CommentForm()
    if allowed["attach"]:
        forms["attach"] = bound.get("attach") or FileUploadForm(prefix="attach")
    if allowed["correct_files"]:
        forms["new_version"] = bound.get("new_version") or FileUploadForm(prefix="version")
    if allowed["complete"]:
        forms["complete"] = bound.get("complete") or NoteForm()
    if allowed["return"]:
        forms["return"] = bound.get("return") or ReasonForm(prefix="return")
    if allowed["quarantine"]:
        forms["confirm"] = bound.get("confirm") or _confirm_form()
        forms["purge"] = bound.get("purge") or _purge_form()
    can_retry = policies.file_version_can_retry(user, document)
    files = list(document.files.all())
    for file in files:
        file.version_list = [_version_status_context(v, can_retry) for v in file.versions.all()]
    return {
        "document": document,
        "files": files,
        "assignments": _assignment_tree(user, document, bound),
        "forms": forms,
        "has_lead": _has_lead(document),
        "has_side": any(name in forms for name in ("confirm", "complete", "return")),
        "error": error,
        "error_for": error_for,
        "today": timezone.localdate(),
    }


def _document_action(request, document: Document, *, name: str, form, perform, success: str, may=None):
    """Check the policy, validate, call the service; on a refusal show the page again with the message and the
    input kept. The service checks again under its lock: `may` only spares a stranger the form's errors."""
    if may is not None and not may(request.user, document):
        raise PermissionDenied
    error, status = None, 400
    if form.is_valid():
        try:
            perform(document, form.cleaned_data)
        except DomainError as exc:
            error, status = exc.message, exc.status
        else:
            messages.success(request, success)
            return redirect("documents:detail", pk=document.pk)
    detail = selectors.incoming_detail_for_user(request.user, document.pk)
    context = _detail_context(request, detail, bound={name: form}, error=error, error_for=name)
    return render(request, "documents/incoming_detail.html", context, status=status)


@login_required
@require_POST
def incoming_direct(request, pk):
    document = selectors.incoming_get_for_user(request.user, pk)
    form = _direction_form(document, request.POST)

    def perform(document, data):
        specs = [workflow_services.AssignmentSpec(**row.spec_kwargs()) for row in form.filled_rows()]
        workflow_services.direction_give(actor=request.user, document=document, text=data["text"], assignments=specs)

    return _document_action(request, document, name="direct", form=form, perform=perform,
                            success=_("The direction was recorded."), may=policies.document_can_direct)


@login_required
@require_POST
def incoming_comment(request, pk):
    def perform(document, data):
        workflow_services.comment_add(actor=request.user, document=document, text=data["text"])

    return _document_action(request, selectors.incoming_get_for_user(request.user, pk), name="comment",
                            form=CommentForm(request.POST), perform=perform,
                            success=_("Your comment was added."), may=policies.document_can_handle)


@login_required
@require_POST
def incoming_complete(request, pk):
    def perform(document, data):
        workflow_services.document_complete(actor=request.user, document=document, note=data["note"])

    return _document_action(request, selectors.incoming_get_for_user(request.user, pk), name="complete",
                            form=NoteForm(request.POST), perform=perform,
                            success=_("The document was marked as completed."), may=policies.document_can_complete)


@login_required
@require_POST
def incoming_return(request, pk):
    def perform(document, data):
        workflow_services.document_return_to_sender(actor=request.user, document=document, reason=data["reason"])

    return _document_action(request, selectors.incoming_get_for_user(request.user, pk), name="return",
                            form=ReasonForm(request.POST, prefix="return"), perform=perform,
                            success=_("The document was returned to the sender."), may=policies.document_can_correct)


@login_required
@require_POST
def incoming_quarantine_confirm(request, pk):
    def perform(document, data):
        quarantine.quarantine_confirm_not_secret(actor=request.user, document=document, reason=data["reason"])

    return _document_action(request, selectors.incoming_get_for_user(request.user, pk), name="confirm",
                            form=_confirm_form(request.POST), perform=perform,
                            success=_("Confirmed as not secret: handling resumes."),
                            may=policies.document_can_manage_quarantine)


@login_required
@require_POST
def incoming_quarantine_purge(request, pk):
    def perform(document, data):
        quarantine.quarantine_purge(actor=request.user, document=document, reason=data["reason"])

    return _document_action(request, selectors.incoming_get_for_user(request.user, pk), name="purge",
                            form=_purge_form(request.POST), perform=perform,
                            success=_("The files and text of the document were purged; the register keeps its entry."),
                            may=policies.document_can_manage_quarantine)


@login_required
@require_POST
def assignment_done(request, pk):
    assignment = selectors.assignment_for_user(request.user, pk)
    document = selectors.incoming_get_for_user(request.user, assignment.document_id)
    form = NoteForm(request.POST, prefix=f"done-{assignment.pk}")

    def perform(document, data):
        workflow_services.assignment_mark_done(actor=request.user, assignment=assignment, note=data["note"])

    return _document_action(request, document, name=f"done-{assignment.pk}", form=form, perform=perform,
                            success=_("Your part was reported as done."))


@login_required
@require_POST
def assignment_delegate(request, pk):
    assignment = selectors.assignment_for_user(request.user, pk)
    document = selectors.incoming_get_for_user(request.user, assignment.document_id)
    if not assignment.unit_id or not policies.is_head_of(request.user, assignment.unit_id):
        raise PermissionDenied
    form = DelegateForm(request.POST, prefix=f"delegate-{assignment.pk}",
                        people=selectors.unit_people(assignment.unit_id, exclude=request.user))

    def perform(document, data):
        workflow_services.assignment_delegate(actor=request.user, assignment=assignment, user=data["user"],
                                              role=data["role"] or None, deadline=data["deadline"])

    return _document_action(request, document, name=f"delegate-{assignment.pk}", form=form, perform=perform,
                            success=_("The assignment was passed on."))


# Files: downloads and the live text-extraction status ---------------------------------------------------


@login_required
@require_GET
def version_download(request, pk):
    version = selectors.file_version_for_user(request.user, pk)
    return file_version_response(request, version, derived=request.GET.get("derived") == "1")


def _version_status_context(version: FileVersion, can_retry: bool) -> FileVersion:
    unfinished = version.extraction_status in FileVersion.UNFINISHED
    # Each poll renews the session: stop when nothing has moved for a while, so an open page left waiting on a
    # stalled queue does not defeat the idle logout. Reloading the page polls again.
    version.polling = unfinished and timezone.now() - version.extraction_updated_at < POLL_STALE_AFTER
    version.stalled = unfinished and not version.polling
    version.can_retry = can_retry and version.extraction_status == FileVersion.Extraction.FAILED
    version.can_read = previews.preview_source(version) is not None
    return version


@require_GET
@passive_session
def version_status(request, pk):
    if not request.user.is_authenticated:
        # htmx would follow the login redirect and paste the login page into the badge; 286 stops the polling.
        status = 286 if request.headers.get("HX-Request") else 403
        return HttpResponse(_("Session expired: reload the page."), status=status)
    version = selectors.file_version_for_user(request.user, pk)
    context = {"version": _version_status_context(version, policies.file_version_can_retry(request.user, version.file.document))}
    return render(request, "documents/_version_status.html", context)


@login_required
@require_POST
def version_retry(request, pk):
    version = selectors.file_version_for_user(request.user, pk)
    document = version.file.document
    if not policies.file_version_can_retry(request.user, document):
        raise PermissionDenied
    try:
        extraction.extraction_retry(actor=request.user, version=version)
    except DomainError as exc:  # not failed (any more): show where it stands
        if not request.headers.get("HX-Request"):
            messages.error(request, exc.message)
    else:
        if not request.headers.get("HX-Request"):
            messages.success(request, _("Text extraction was queued again."))
    if request.headers.get("HX-Request"):
        version.refresh_from_db()
        return render(request, "documents/_version_status.html", {"version": _version_status_context(version, True)})
    return redirect("documents:detail", pk=document.pk)


# 4. The register book ------------------------------------------------------------------------------------


@login_required
@require_GET
def register_book(request):
    if not policies.can_see_register_book(request.user):
        raise PermissionDenied
    agency = policies.user_agency(request.user)
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year") or this_year)
    except ValueError:
        year = this_year
    if not 1990 <= year <= this_year + 1:
        year = this_year
    rows = selectors.incoming_register_rows(request.user, year=year)
    page = Paginator(rows, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "agency": agency,
        "year": year,
        "years": list(range(this_year, this_year - 6, -1)),
        "page": page,
        "entries": registers.incoming_register_entries(page.object_list),
        "columns": registers.incoming_register_columns(),
    }
    return render(request, "documents/register_book.html", context)


@login_required
@require_POST
def register_export(request):
    """Start exporting the register (documents.job_kinds) and show the job's page with its progress bar."""
    return start_and_follow(request, "documents.incoming_register", {"year": request.POST.get("year"), "format": request.POST.get("format")},
                            back="documents:register_book")


@login_required
@require_GET
def version_read(request, pk):
    """Read a document in the browser: its pages as server-rendered images (no document script ever runs)."""
    version = selectors.file_version_for_user(request.user, pk)
    pages = previews.preview_page_count(version)
    if not pages:
        raise Http404
    audit_record(actor=request.user, action="document.view", obj=version.file.document, details={"version": version.pk, "read": True})
    context = {"version": version, "document": version.file.document, "pages": range(1, pages + 1)}
    return render(request, "documents/version_read.html", context)


@login_required
@require_GET
def version_page(request, pk, page):
    return previews.page_png_response(selectors.file_version_for_user(request.user, pk), page)


@login_required
@require_POST
def incoming_attach_result(request, pk):
    def perform(document, data):
        upload = Upload(fileobj=data["file"], name=data["file"].name)
        result_file_attach(actor=request.user, document=document, upload=upload, note=data["note"])

    return _document_action(request, selectors.incoming_get_for_user(request.user, pk), name="attach",
                            form=FileUploadForm(request.POST, request.FILES, prefix="attach"), perform=perform,
                            success=_("The result file was attached."), may=policies.document_can_handle)


@login_required
@require_POST
def file_new_version(request, pk, file_pk):
    document = selectors.incoming_get_for_user(request.user, pk)
    file = get_object_or_404(document.files, pk=file_pk)

    def perform(document, data):
        file_version_add(actor=request.user, file=file, upload=Upload(fileobj=data["file"], name=data["file"].name), note=data["note"])

    return _document_action(request, document, name="new_version",
                            form=FileUploadForm(request.POST, request.FILES, prefix="version"), perform=perform,
                            success=_("The new version was stored; earlier versions are kept."), may=policies.document_can_correct)
