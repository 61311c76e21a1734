"""Create the demo documents through the real services, as the clerks, leaders, heads and staff of the demo
province would: register, direct, pass on, comment, complete; draft, submit, approve, number and issue."""
import io
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import F
from django.utils import timezone

from accounts.models import OrgUnit, User
from workflow.approval import step_decide
from workflow.calendar import add_working_days, is_working_day, load_calendar_exceptions
from workflow.models import Assignment, Comment, Direction, StepDecision
from workflow.services import (AssignmentSpec, assignment_delegate, assignment_mark_done, comment_add, direction_give,
                               document_complete)

from ..models import Document, DocumentType, Issuer
from ..services.files import Upload
from ..services.incoming import incoming_register
from ..services.outgoing import draft_create, draft_submit, outgoing_issue
from .data import INCOMING, LETTERHEADS, OUTGOING, Handling, IncomingDemo, OutgoingDemo
from .pdf import Letter, letter_pdf

STAGES = ("draft", "at_head", "at_leader", "issued")
ALREADY_LOADED = "the database holds documents already"


@dataclass(frozen=True)
class DemoDocumentsResult:
    incoming: int = 0
    outgoing: int = 0
    skipped: str = ""  # why nothing was loaded: ALREADY_LOADED, or the demo users that are missing


def demo_documents_loaded() -> bool:
    """True once the database holds any document: the demo documents are loaded, or it is in real use."""
    return Document.objects.exists()


def demo_documents_load() -> DemoDocumentsResult:
    """Register, direct and hand out the incoming demo documents and draft the outgoing ones, once.

    Does nothing when the database already holds a document (a second run, or a database in use). Run inside the
    caller's transaction: text extraction, indexing and e-mails are queued after its commit, and a broker that is
    down then only delays them (iooffice.queue). Raises whatever a service raises, so the caller's transaction
    rolls back whole.
    """
    if demo_documents_loaded():
        return DemoDocumentsResult(skipped=ALREADY_LOADED)
    province = _Province()
    missing = sorted(province.needed() - set(province.users))
    if missing:
        return DemoDocumentsResult(skipped=f"demo users missing: {', '.join(missing)}")
    clock = _Clock()
    registered = {}
    earlier_that_day = Counter()
    for order, spec in enumerate(sorted(INCOMING, key=lambda s: -s.age)):
        # Registered in order of arrival, so arrival numbers and times agree in the register book.
        arrival_at = min(clock.at(clock.working_days_before(clock.today, spec.age), 7, 35)
                         + timedelta(minutes=50 * earlier_that_day[spec.age] + 7 * (order % 3)),
                         clock.now - timedelta(minutes=len(INCOMING) - order))
        earlier_that_day[spec.age] += 1
        document = _register(province, clock, spec, arrival_at, order)
        registered[spec.symbol] = document
        if spec.handling is not None:
            _handle(province, clock, spec, document)
    for spec in OUTGOING:
        _draft(province, spec, registered)
    return DemoDocumentsResult(incoming=len(INCOMING), outgoing=len(OUTGOING))


class _Province:
    """The demo province's people, units, types and issuers, read once; usernames follow seed_demo."""

    def __init__(self):
        self.users = {u.username: u for u in User.objects.filter(is_active=True).select_related("org_unit")}
        self.units = {u.code: u for u in OrgUnit.objects.all()}
        self.types = {t.name: t for t in DocumentType.objects.all()}
        self.issuers = {i.code: i for i in Issuer.objects.filter(valid_to__isnull=True)}

    def needed(self) -> set[str]:
        names = set()
        for spec in INCOMING:
            key = spec.agency.lower()
            names |= {f"vanthu_{key}", f"lanhdao_{key}"}
            if spec.signer.startswith("@"):
                names.add(spec.signer[1:])
            if spec.handling:
                handling = spec.handling
                names |= {head_username(spec.agency, d) for d in (handling.lead, *handling.coordinate)}
                names |= {handling.passed_on_to} - {""}
        for spec in OUTGOING:
            _, agency, department = spec.drafter.split("_")
            names |= {spec.drafter, f"vanthu_{agency}", f"lanhdao_{agency}", head_username(agency, department)}
        return names

    def user(self, username: str) -> User:
        return self.users[username]

    def unit(self, agency: str, department: str) -> OrgUnit:
        return self.units[f"{agency}-{department}"]

    def head(self, agency: str, department: str) -> User:
        return self.users[head_username(agency, department)]

    def signer(self, name: str) -> str:
        return self.users[name[1:]].full_name if name.startswith("@") else name


def head_username(agency: str, department: str) -> str:
    return f"truongphong_{agency.lower()}_{department.lower()}"


class _Clock:
    """Days counted back from today in working days, and times of day on them, never later than now."""

    def __init__(self):
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.exceptions = load_calendar_exceptions(since=self.today - timedelta(days=90))

    def working_days_before(self, day: date, n: int) -> date:
        counted = 0
        while counted < n:
            day -= timedelta(days=1)
            counted += is_working_day(day, exceptions=self.exceptions)
        return day

    def after(self, day: date, n: int) -> date:
        return add_working_days(day, n, exceptions=self.exceptions)

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        return min(timezone.make_aware(datetime.combine(day, time(hour, minute))), self.now)


def _register(province: _Province, clock: _Clock, spec: IncomingDemo, arrival_at: datetime, order: int) -> Document:
    issued = clock.working_days_before(timezone.localdate(arrival_at), 1 + order % 3)
    letterhead = LETTERHEADS[spec.issuer]
    content, pages = letter_pdf(Letter(
        letterhead=letterhead.lines, state=letterhead.state, symbol=spec.symbol, place=letterhead.place, issued=issued,
        type_name=spec.doc_type, summary=spec.summary, addressee=spec.addressee, body=spec.body,
        signer_title=spec.signer_title, signer=province.signer(spec.signer),
    ))
    issuer = province.issuers.get(spec.issuer)
    fields = {
        "arrival_at": arrival_at, "issuer": issuer, "issuer_name": issuer.name if issuer else letterhead.name,
        "symbol": spec.symbol, "issued_date": issued, "doc_type": province.types[spec.doc_type],
        "summary": spec.summary, "signer": province.signer(spec.signer), "urgency": spec.urgency, "page_count": pages,
    }
    upload = Upload(fileobj=io.BytesIO(content), name=_file_name(spec.symbol))
    return incoming_register(actor=province.user(f"vanthu_{spec.agency.lower()}"), fields=fields, uploads=[upload])


def _handle(province: _Province, clock: _Clock, spec: IncomingDemo, document: Document) -> None:
    handling: Handling = spec.handling
    agency = spec.agency
    role = Assignment.Role
    days = handling.deadline_days
    assignments = [AssignmentSpec(role=role.LEAD, unit=province.unit(agency, handling.lead), deadline_days=days)]
    assignments += [AssignmentSpec(role=role.COORDINATE, unit=province.unit(agency, d), deadline_days=days)
                    for d in handling.coordinate]
    assignments += [AssignmentSpec(role=role.INFORM, unit=province.unit(agency, d)) for d in handling.inform]
    direction_give(actor=province.user(f"lanhdao_{agency.lower()}"), document=document, text=handling.direction,
                   assignments=assignments)
    lead = document.assignments.get(role=role.LEAD, parent=None)
    handler = province.head(agency, handling.lead)
    if handling.passed_on_to:
        handler = province.user(handling.passed_on_to)
        assignment_delegate(actor=province.head(agency, handling.lead), assignment=lead, user=handler)
    if handling.comment:
        comment_add(actor=handler, document=document, text=handling.comment)
    if handling.completed:
        # Each part reported done by whoever holds it (people before their unit), then the lead closes it.
        parts = document.assignments.exclude(role=role.INFORM).select_related("user", "unit")
        for part in parts.order_by(F("parent_id").asc(nulls_last=True), "pk"):
            holder = part.user or province.head(agency, part.unit.code.split("-", 1)[1])
            note = handling.completed if part.role == role.LEAD else "Đã phối hợp thực hiện."
            assignment_mark_done(actor=holder, assignment=part, note=note)
        document_complete(actor=handler, document=document, note=handling.completed)
    _as_if_time_had_passed(clock, spec, document)


def _as_if_time_had_passed(clock: _Clock, spec: IncomingDemo, document: Document) -> None:
    """Demo data: as if `spec.age` working days had passed since the document arrived and the leader directed it.

    The services date every step today and refuse deadlines in the past, so after them the history is moved
    back: the direction, the assignments and their deadline (which may now be overdue or due soon), the notes and
    the completion. Demo seeding only; the audit trail keeps the real times of the services' calls.
    """
    handling = spec.handling
    directed_on = timezone.localdate(document.arrival_at)
    directed_at = min(document.arrival_at + timedelta(hours=2), clock.now)
    passed_on_at = min(directed_at + timedelta(hours=1), clock.now)
    Direction.objects.filter(document=document).update(created_at=directed_at)
    Assignment.objects.filter(document=document, parent=None).update(created_at=directed_at)
    Assignment.objects.filter(document=document, parent__isnull=False).update(created_at=passed_on_at)
    Assignment.objects.filter(document=document, deadline__isnull=False).update(
        deadline=clock.after(directed_on, handling.deadline_days))
    noted_at = clock.at(clock.after(directed_on, 1), 10, 15)
    if handling.completed:
        finished_on = clock.after(directed_on, max(1, min(handling.deadline_days - 1, spec.age - 1)))
        noted_at = clock.at(finished_on, 15, 30)
        Assignment.objects.filter(document=document, status=Assignment.Status.DONE).update(done_at=noted_at)
        Document.objects.filter(pk=document.pk).update(completed_at=noted_at)
    Comment.objects.filter(document=document).update(created_at=max(noted_at, passed_on_at))


def _draft(province: _Province, spec: OutgoingDemo, incoming: dict[str, Document]) -> Document:
    if spec.stage not in STAGES:
        raise ValueError(f"unknown stage {spec.stage!r}")
    drafter = province.user(spec.drafter)
    agency = drafter.org_unit.agency
    leader = province.user(f"lanhdao_{agency.code.lower()}")
    head = province.head(agency.code, drafter.org_unit.code.split("-", 1)[1])
    doc_type = province.types[spec.doc_type]
    letterhead = LETTERHEADS[agency.code]
    content, _pages = letter_pdf(Letter(
        letterhead=letterhead.lines, state=False, symbol=f"      -{doc_type.abbreviation}/{agency.code}",
        place=letterhead.place, issued=None, type_name=spec.doc_type, summary=spec.summary, addressee=spec.addressee,
        body=spec.body, signer_title=leader.position_title, signer=leader.full_name, draft=spec.stage != "issued",
    ))
    fields = {"doc_type": doc_type, "summary": spec.summary, "urgency": spec.urgency, "signer": leader.full_name,
              "external_recipients": spec.external_recipients, "in_reply_to": incoming.get(spec.in_reply_to)}
    upload = Upload(fileobj=io.BytesIO(content), name=f"du-thao-{doc_type.abbreviation.lower()}.pdf")
    document = draft_create(actor=drafter, fields=fields, recipients=[province.units[c] for c in spec.recipients],
                            uploads=[upload])
    stage = STAGES.index(spec.stage)
    if stage >= STAGES.index("at_head"):
        run = draft_submit(actor=drafter, document=document)
    if stage >= STAGES.index("at_leader"):
        run = step_decide(actor=head, run=run, decision=StepDecision.Decision.APPROVE,
                          comment="Đồng ý, trình lãnh đạo Văn phòng.")
    if stage >= STAGES.index("issued"):
        step_decide(actor=leader, run=run, decision=StepDecision.Decision.APPROVE, comment="Đồng ý ban hành.")
        outgoing_issue(actor=province.user(f"vanthu_{agency.code.lower()}"), document=document)
    return document


def _file_name(symbol: str) -> str:
    return symbol.replace("/", "-") + ".pdf"
