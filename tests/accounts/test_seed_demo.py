"""`manage.py seed_demo` on an empty database: the demo province and its documents, created through the real
services, in every state a first-time user should see; once only; none secret; `--no-documents` skips them."""
import io
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import OrgUnit, User
from documents.extraction import find_secrecy_mark
from documents.extraction.pdf import read_pdf_pages
from documents.models import Document, DocumentFile, FileVersion, OutgoingRecipient
from documents.policies import document_visibility_q
from documents.selectors import exchange_pending_for
from iooffice.audit.models import AuditEvent
from workflow.calendar import working_days_between
from workflow.models import Assignment, ChainRun, Comment, Direction
from workflow.selectors import DUE_SOON, OVERDUE, deadline_rows_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture
def seeded() -> str:
    return seed()


def states(**filters) -> Counter:
    return Counter(Document.objects.filter(**filters).values_list("agency__code", "status"))


def test_seed_demo_loads_incoming_documents_in_every_state_of_their_handling(seeded):
    assert "Demo documents loaded: 16 incoming, 4 outgoing" in seeded
    assert states(kind=Document.Kind.INCOMING) == {
        ("VPTU", "registered"): 2, ("VPTU", "in_progress"): 5, ("VPTU", "completed"): 2,
        ("BTCTU", "registered"): 1, ("BTCTU", "in_progress"): 4, ("BTCTU", "completed"): 2,
    }
    directed = Document.objects.filter(kind=Document.Kind.INCOMING).exclude(status=Document.Status.REGISTERED)
    assert Direction.objects.filter(document__in=directed).count() == directed.count() == 13
    passed_on = Assignment.objects.filter(parent__isnull=False)
    assert passed_on.count() == 10 and not passed_on.exclude(user__username__startswith="chuyenvien").exists()
    assert set(Assignment.objects.values_list("role", flat=True)) == {"lead", "coordinate", "inform"}
    for document in Document.objects.filter(status=Document.Status.COMPLETED):
        assert document.completed_at and not document.assignments.exclude(role="inform").exclude(status="done").exists()
    assert Comment.objects.filter(document__status=Document.Status.IN_PROGRESS).exists()


def test_arrival_numbers_follow_arrival_times_in_each_register(seeded):
    for agency in ("VPTU", "BTCTU"):
        rows = list(Document.objects.filter(agency__code=agency, kind=Document.Kind.INCOMING)
                    .order_by("arrival_number").values_list("arrival_number", "arrival_at"))
        assert [n for n, _ in rows] == list(range(1, len(rows) + 1))
        assert [at for _, at in rows] == sorted(at for _, at in rows)
        assert rows[-1][1] <= timezone.now()


def test_outgoing_documents_wait_at_each_stage_and_the_issued_one_waits_in_the_recipients_exchange_queue(seeded):
    assert states(kind=Document.Kind.OUTGOING) == {
        ("VPTU", "draft"): 1, ("VPTU", "in_review"): 2, ("VPTU", "issued"): 1}
    runs = ChainRun.objects.filter(status=ChainRun.Status.ACTIVE).select_related("document")
    assert sorted(run.current_order for run in runs) == [1, 2]  # one with the department head, one with the leader
    issued = Document.objects.get(kind=Document.Kind.OUTGOING, status=Document.Status.ISSUED)
    assert issued.symbol == "01-CV/VPTU" and issued.number == 1 and issued.approved_version_id
    assert set(issued.recipients.values_list("agency__code", "state")) == {
        ("BTCTU", OutgoingRecipient.State.PENDING), ("BTGDVTU", OutgoingRecipient.State.PENDING)}
    for clerk in ("vanthu_btctu", "vanthu_btgdvtu"):
        assert [r.document for r in exchange_pending_for(User.objects.get(username=clerk))] == [issued]
    draft = Document.objects.get(kind=Document.Kind.OUTGOING, status=Document.Status.DRAFT)
    assert draft.in_reply_to.symbol == "425-CV/VPTW"


def test_some_assignments_are_overdue_and_some_due_soon_on_the_deadline_overview(seeded):
    today = timezone.localdate()
    open_with_deadline = Assignment.objects.filter(status=Assignment.Status.OPEN, deadline__isnull=False,
                                                   document__status=Document.Status.IN_PROGRESS)
    overdue = open_with_deadline.filter(deadline__lt=today)
    due_soon = [a for a in open_with_deadline.filter(deadline__gte=today)
                if working_days_between(today, a.deadline) <= 2]
    assert overdue.count() >= 4 and len(due_soon) >= 3
    assert {a.document.agency.code for a in overdue} == {a.document.agency.code for a in due_soon} == {"VPTU", "BTCTU"}
    # The history was moved back with them: nothing was directed after its deadline or before it arrived.
    for assignment in Assignment.objects.select_related("document"):
        assert assignment.document.arrival_at <= assignment.created_at <= timezone.now()
        if assignment.deadline:
            assert assignment.created_at.date() <= assignment.deadline
    for leader in ("lanhdao_vptu", "lanhdao_btctu"):
        rows = deadline_rows_for(User.objects.get(username=leader), today=today)
        assert {OVERDUE, DUE_SOON} <= {row.state for row in rows}


def test_every_document_is_visible_to_its_agencys_clerk_and_none_is_secret(seeded):
    documents = Document.objects.all()
    assert documents.count() == 20
    assert not documents.exclude(secrecy=Document.Secrecy.ORDINARY).exists()
    for agency in OrgUnit.objects.filter(code__in=["VPTU", "BTCTU"]):
        clerk = User.objects.get(username=f"vanthu_{agency.code.lower()}")
        mine = documents.filter(agency=agency)
        assert mine.exists() and mine.filter(document_visibility_q(clerk)).count() == mine.count()


def test_every_document_has_a_pdf_whose_text_layer_holds_its_body_and_no_secrecy_stamp(seeded):
    from documents.demo_documents.data import INCOMING

    bodies = {spec.symbol: spec.body for spec in INCOMING}
    for document in Document.objects.all():
        main = document.files.get(role=DocumentFile.Role.MAIN)
        version = main.versions.get()
        assert version.mime_type == "application/pdf" and version.extraction_status == FileVersion.Extraction.QUEUED
        text = "\n".join(page.text for page in read_pdf_pages(Path(version.blob.path)))
        assert find_secrecy_mark(text) is None
        if document.kind == Document.Kind.INCOMING:
            first_words = " ".join(bodies[document.symbol][0].split()[:6])
            assert first_words in " ".join(text.split()), document.symbol
            assert document.page_count == version.page_count == 1


def test_a_second_run_changes_nothing(seeded):
    def counts():
        return [model.objects.count() for model in (Document, FileVersion, Assignment, Direction, User, AuditEvent)]

    before = counts()
    output = seed()

    assert "nothing to do" in output
    assert counts() == before


def test_no_documents_loads_the_province_without_documents():
    output = seed("--no-documents")

    assert "Demo province loaded." in output and "Demo documents" not in output
    assert User.objects.count() == 70 and not Document.objects.exists()
