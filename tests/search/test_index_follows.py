"""The index follows the database: each service records the change, the worker's task applies it."""
from documents.services.quarantine import document_quarantine_if_marked, quarantine_confirm_not_secret
from search.models import IndexOutbox
from search.tasks import index_document
from workflow.services import AssignmentSpec, comment_add, direction_give, document_return_to_sender

from .conftest import found


def test_registering_records_the_document_for_indexing(make_document, clerk):
    document = make_document("Đề án xylophon")
    assert IndexOutbox.objects.filter(document_id=document.pk).exists()
    index_document(document.pk)
    assert found(clerk, "xylophon") == [document.pk]
    assert not IndexOutbox.objects.exists()


def test_an_assignment_gives_and_a_return_to_sender_takes_away_access_in_the_index(make_document, indexed, clerk, leader, staff, department):
    document = make_document("Kế hoạch xylophon")
    indexed()
    assert found(staff, "xylophon") == []
    direction_give(actor=leader, document=document, text="Giao phòng", assignments=[AssignmentSpec(role="lead", unit=department)])
    index_document(document.pk)
    assert found(staff, "xylophon") == [document.pk]
    assert found(staff, "giao phong") == [document.pk]  # the direction itself is searchable
    document_return_to_sender(actor=clerk, document=document, reason="Gửi nhầm")
    index_document(document.pk)
    assert found(staff, "xylophon") == []
    assert found(clerk, "xylophon") == [document.pk]


def test_quarantine_hides_and_release_shows_the_document_again(make_document, indexed, clerk, leader, staff, department):
    document = make_document("Báo cáo xylophon")
    direction_give(actor=leader, document=document, text="x", assignments=[AssignmentSpec(role="lead", unit=department)])
    indexed()
    assert found(staff, "xylophon") == [document.pk]
    document_quarantine_if_marked(document_id=document.pk, text="MẬT")
    index_document(document.pk)
    assert found(staff, "xylophon") == []
    quarantine_confirm_not_secret(actor=leader, document=document, reason="Không phải dấu mật")
    index_document(document.pk)
    assert found(staff, "xylophon") == [document.pk]


def test_a_comment_becomes_searchable(make_document, indexed, leader, department, head):
    document = make_document("Tờ trình")
    direction_give(actor=leader, document=document, text="x", assignments=[AssignmentSpec(role="lead", unit=department)])
    comment_add(actor=head, document=document, text="Đã liên hệ xylophon")
    indexed()
    assert found(head, "xylophon") == [document.pk]


def test_running_the_task_twice_or_for_a_missing_document_is_harmless(make_document, indexed, clerk):
    document = make_document("xylophon")
    index_document(document.pk)
    index_document(document.pk)
    index_document(987654321)
    assert found(clerk, "xylophon") == [document.pk]
