from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.models import Role
from documents import policies
from documents.models import Document, FileVersion
from documents.services import quarantine
from iooffice.audit.models import AuditEvent
from iooffice.errors import InvalidTransition

from .builders import register

STAMPED = "TỈNH ỦY NGHỆ AN\nTỐI MẬT\nSố 12-CV/TU\nV/v triển khai nhiệm vụ"


@pytest.fixture
def quarantined(clerk):
    document = register(clerk)
    with transaction.atomic():
        assert quarantine.document_quarantine_if_marked(document_id=document.pk, text=STAMPED)
    document.refresh_from_db()
    return document


@pytest.mark.django_db
class TestQuarantine:
    def test_a_stamp_in_the_header_quarantines_the_document(self, quarantined):
        assert quarantined.status == Document.Status.QUARANTINED and quarantined.quarantine_mark == "toi_mat"
        assert AuditEvent.objects.filter(action="document.quarantine", object_id=str(quarantined.pk)).exists()

    def test_running_text_about_confidentiality_does_not(self, clerk):
        document = register(clerk)
        text = "TỈNH ỦY NGHỆ AN\nSố 13-CV/TU\nV/v bảo mật thông tin và giữ bí mật mật khẩu hệ thống"
        with transaction.atomic():
            assert not quarantine.document_quarantine_if_marked(document_id=document.pk, text=text)

    def test_only_the_registering_clerk_and_the_leaders_see_it(self, quarantined, clerk, leader, make_user, agency, admin_user):
        other_clerk = make_user(Role.Code.CLERK, org_unit=agency, username="vanthu2")
        assert policies.document_can_view(clerk, quarantined) and policies.document_can_view(leader, quarantined)
        assert not policies.document_can_view(other_clerk, quarantined)
        assert not policies.document_can_view(admin_user, quarantined)

    def test_confirming_not_secret_needs_a_reason_and_resumes_handling(self, quarantined, leader, make_user, agency):
        with pytest.raises(quarantine.ReasonRequired):
            quarantine.quarantine_confirm_not_secret(actor=leader, document=quarantined, reason="")
        quarantine.quarantine_confirm_not_secret(actor=leader, document=quarantined, reason="Chữ MẬT trong tên đề án")
        quarantined.refresh_from_db()
        assert quarantined.status == Document.Status.REGISTERED and quarantined.secrecy_confirmed_by == leader
        with pytest.raises(InvalidTransition):
            quarantine.quarantine_confirm_not_secret(actor=leader, document=quarantined, reason="lần hai")
        with transaction.atomic():  # confirmed once: a later extraction does not quarantine it again
            assert not quarantine.document_quarantine_if_marked(document_id=quarantined.pk, text=STAMPED)

    def test_purge_deletes_files_and_text_and_keeps_a_register_row(self, quarantined, clerk, django_capture_on_commit_callbacks):
        version = FileVersion.objects.get(file__document=quarantined)
        path = Path(version.blob.path)
        assert path.exists()
        with django_capture_on_commit_callbacks(execute=True):
            quarantine.quarantine_purge(actor=clerk, document=quarantined, reason="Văn bản mật gửi nhầm")
        quarantined.refresh_from_db()
        version.refresh_from_db()
        assert not path.exists() and not version.blob and version.text == ""
        assert quarantined.status == Document.Status.PURGED and quarantined.arrival_number == 1
        assert "Về việc" not in quarantined.summary
        event = AuditEvent.objects.get(action="document.purge")
        assert event.actor == clerk and event.details["reason"] == "Văn bản mật gửi nhầm"

    def test_another_clerk_cannot_purge(self, quarantined, make_user, agency):
        other_clerk = make_user(Role.Code.CLERK, org_unit=agency, username="vanthu2")
        with pytest.raises(PermissionDenied):
            quarantine.quarantine_purge(actor=other_clerk, document=quarantined, reason="x")

    @pytest.mark.parametrize("who,expected", [("clerk", 200), ("leader", 200), ("staff", 404), ("foreign_leader", 404)])
    def test_purge_endpoint_permissions(self, request, api, quarantined, who, expected):
        api.force_authenticate(request.getfixturevalue(who))
        response = api.post(f"/api/v1/incoming/{quarantined.pk}/quarantine/purge/", {"reason": "Mật"}, format="json")
        assert response.status_code == expected

    def test_viewing_a_document_is_audited(self, api, clerk):
        document = register(clerk)
        api.force_authenticate(clerk)
        api.get(f"/api/v1/incoming/{document.pk}/")
        assert AuditEvent.objects.filter(action="document.view", actor=clerk, object_id=str(document.pk)).exists()
