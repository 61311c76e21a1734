from datetime import date

import pytest
from django.db import transaction

from documents import policies as document_policies
from notifications import selectors
from notifications.models import Notification
from notifications.services import notify
from workflow import services as workflow_services

from ..documents.builders import register

Spec = workflow_services.AssignmentSpec
Kind = Notification.Kind


class Rollback(Exception):
    pass


@pytest.fixture
def document(clerk):
    return register(clerk)


def direct(leader, document, department, staff):
    return workflow_services.direction_give(
        actor=leader, document=document, text="Phòng Tổng hợp chủ trì.",
        assignments=[Spec(role="lead", unit=department), Spec(role="inform", user=staff)],
    )


@pytest.mark.django_db
class TestOutbox:
    def test_a_direction_notifies_unit_heads_assignees_with_their_role_and_the_registering_clerk(
            self, document, leader, department, staff, head, clerk):
        direct(leader, document, department, staff)
        assert Notification.objects.get(recipient=head, kind=Kind.ASSIGNED).data["role"] == "lead"
        assert Notification.objects.get(recipient=staff, kind=Kind.ASSIGNED).data["role"] == "inform"
        assert Notification.objects.filter(recipient=clerk, kind=Kind.DIRECTION_WRITTEN, document=document).exists()
        assert not Notification.objects.filter(recipient=leader).exists()  # never told about one's own action

    def test_a_rolled_back_event_leaves_no_notification(self, document, leader, department, staff, head):
        with pytest.raises(Rollback), transaction.atomic():
            direct(leader, document, department, staff)
            assert Notification.objects.filter(recipient=head).exists()  # written in the event's transaction
            raise Rollback
        assert not Notification.objects.exists()

    def test_email_is_queued_only_after_commit(self, document, leader, department, staff, head,
                                               django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            direct(leader, document, department, staff)
        pending = Notification.objects.filter(email_state=Notification.EmailState.PENDING)
        assert pending.exists()
        queued = [cb for cb in callbacks if getattr(cb, "args", None) and "deliver_email" in repr(cb.args[0])]
        assert len(queued) == pending.count()


@pytest.mark.django_db
class TestVisibility:
    def test_a_user_who_cannot_view_the_document_is_never_notified(self, document, foreign_clerk, staff):
        assert not document_policies.document_can_view(foreign_clerk, document)
        assert notify(recipients=[foreign_clerk, staff], kind=Kind.ASSIGNED, document=document) == []
        assert not Notification.objects.exists()

    def test_notifications_of_a_document_disappear_when_access_is_removed(self, document, leader, department, staff):
        direct(leader, document, department, staff)
        assert selectors.notification_list_visible_to(staff).filter(document=document).exists()
        workflow_services.document_return_to_sender(actor=document.registered_by, document=document, reason="Gửi nhầm")
        document_policies.revoke_view(staff, document)
        assert not selectors.notification_list_visible_to(staff).filter(document=document).exists()

    def test_a_dedupe_key_creates_one_notification_per_recipient(self, document, clerk):
        first = notify(recipients=[clerk], kind=Kind.DEADLINE_APPROACHING, document=document, dedupe_key="k")
        second = notify(recipients=[clerk], kind=Kind.DEADLINE_APPROACHING, document=document, dedupe_key="k")
        assert len(first) == 1 and second == []


@pytest.mark.django_db
def test_a_delegation_tells_the_deputy(leader, make_user, agency):
    from accounts import services as account_services
    from accounts.models import Role

    deputy = make_user(Role.Code.AGENCY_LEADER, org_unit=agency, username="photruong")
    account_services.delegation_create(actor=leader, deputy=deputy, start_date=date.today(), end_date=date.today())
    notification = Notification.objects.get(recipient=deputy)
    assert notification.kind == Kind.DELEGATION_RECEIVED and notification.document is None


@pytest.mark.django_db
def test_a_failed_text_recognition_tells_the_registering_clerk_once(document, clerk):
    from documents.models import FileVersion
    from documents.services.extraction import extraction_fail

    version = FileVersion.objects.get(file__document=document)
    extraction_fail(version_id=version.pk, reason="tesseract crashed")
    extraction_fail(version_id=version.pk, reason="tesseract crashed")
    assert Notification.objects.filter(recipient=clerk, kind=Kind.EXTRACTION_FAILED, document=document).count() == 1


@pytest.mark.django_db
def test_a_text_layer_read_says_nothing_but_finished_ocr_tells_the_uploader(clerk, settings, tmp_path):
    """GIVEN a born-digital PDF and a scan registered by the clerk
    WHEN the extraction service runs on each (real pypdfium2, real OCRmyPDF + Tesseract)
    THEN only the scan, whose OCR took the time, leaves an extraction_done notification for the clerk."""
    from documents.models import FileVersion
    from documents.services.extraction import extraction_run

    from ..documents.builders import register, scan_pdf_bytes
    from ..documents.extraction.samples import born_digital_pdf

    digital = register(clerk, content=born_digital_pdf(tmp_path / "digital.pdf", ["Về việc cải cách hành chính"]).read_bytes())
    scanned = register(clerk, content=scan_pdf_bytes())
    for document in (digital, scanned):
        extraction_run(version_id=FileVersion.objects.get(file__document=document).pk)
    done = Notification.objects.filter(recipient=clerk, kind=Kind.EXTRACTION_DONE)
    assert [n.document_id for n in done] == [scanned.pk]
