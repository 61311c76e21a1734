from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from documents.models import Document, FileVersion
from notifications import services, tasks
from notifications.models import Notification, NotificationPreference
from notifications.services import notify

from ..documents.builders import register

Kind = Notification.Kind
SECRET_TEXT = "Nội dung mật của văn bản không được gửi qua thư"


@pytest.fixture
def document(clerk):
    document = register(clerk, summary="Trích yếu riêng tư về nhân sự")
    FileVersion.objects.filter(file__document=document).update(text=SECRET_TEXT)
    return document


def pending_for(user, document, **fields) -> Notification:
    return notify(recipients=[user], kind=Kind.ASSIGNED, document=document, data={"role": "lead"}, **fields)[0]


@pytest.mark.django_db
class TestDelivery:
    def test_the_email_links_to_the_document_and_never_carries_its_text(self, clerk, document):
        notification = pending_for(clerk, document)
        assert notification.email_state == Notification.EmailState.PENDING
        tasks.deliver_email(notification.pk)
        [sent] = mail.outbox
        html = sent.alternatives[0][0] if hasattr(sent.alternatives[0], "__getitem__") else sent.alternatives[0].content
        for body in (sent.body, html):
            assert f"/incoming/{document.pk}/" in body
            assert SECRET_TEXT not in body and document.summary not in body
        assert not sent.attachments and sent.to == [clerk.email]
        assert "Kính gửi" in sent.body and f"văn bản đến số {document.arrival_number}/" in sent.subject.lower()

    def test_delivering_twice_sends_one_email(self, clerk, document):
        notification = pending_for(clerk, document)
        tasks.deliver_email(notification.pk)
        tasks.deliver_email(notification.pk)
        assert len(mail.outbox) == 1
        notification.refresh_from_db()
        assert notification.email_state == Notification.EmailState.SENT and notification.email_sent_at

    def test_a_lost_message_is_sent_once_by_the_sweep(self, clerk, document, run_tasks_inline,
                                                      django_capture_on_commit_callbacks):
        """GIVEN the broker was down when the notification was committed (its message never left)
        WHEN the sweep runs five minutes later, twice THEN the e-mail goes out once."""
        with django_capture_on_commit_callbacks(execute=False):  # the message is lost
            notification = pending_for(clerk, document)
        assert services.email_sweep() == []  # too recent: its message may still be on its way
        with time_machine.travel(timezone.now() + timedelta(minutes=6)):
            with django_capture_on_commit_callbacks(execute=True):
                assert services.email_sweep() == [notification.pk]
            with django_capture_on_commit_callbacks(execute=True):
                assert services.email_sweep() == []
        assert len(mail.outbox) == 1

    def test_a_user_who_chose_never_gets_no_email_unless_the_document_is_urgent(self, clerk, document):
        NotificationPreference.objects.create(user=clerk, email={Kind.ASSIGNED: "never"})
        assert pending_for(clerk, document).email_state == Notification.EmailState.NOT_NEEDED
        Document.objects.filter(pk=document.pk).update(urgency=Document.Urgency.FLASH)
        document.refresh_from_db()
        assert pending_for(clerk, document, dedupe_key="x").email_state == Notification.EmailState.PENDING

    def test_the_daily_digest_goes_once_at_the_chosen_hour(self, clerk, document):
        NotificationPreference.objects.create(user=clerk, email={Kind.ASSIGNED: "digest"}, digest_hour=7)
        pending_for(clerk, document)
        pending_for(clerk, document, dedupe_key="second")
        morning = timezone.localtime().replace(hour=6, minute=0)
        assert services.digest_send_due(now=morning) == []
        assert services.digest_send_due(now=morning.replace(hour=8)) == [clerk.pk]
        assert services.digest_send_due(now=morning.replace(hour=9)) == []
        [sent] = mail.outbox
        assert sent.body.count(f"/incoming/{document.pk}/") == 2 and SECRET_TEXT not in sent.body
