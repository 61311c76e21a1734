import pytest
from django.db import DatabaseError, connection, transaction

from accounts.models import Role
from documents.models import DocumentType
from iooffice.audit.models import AuditEvent
from iooffice.audit.services import audit_record


@pytest.fixture
def event(db):
    return audit_record(actor=None, action="test.event", details={"a": 1})


@pytest.mark.django_db
class TestDatabaseRefusesChanges:
    def test_orm_update_is_refused(self, event):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
        event.refresh_from_db()
        assert event.action == "test.event"

    def test_orm_delete_is_refused(self, event):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).delete()
        assert AuditEvent.objects.filter(pk=event.pk).exists()

    def test_raw_sql_update_and_delete_are_refused(self, event):
        for sql in ("UPDATE audit_auditevent SET details = '{}' WHERE id = %s", "DELETE FROM audit_auditevent WHERE id = %s"):
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [event.pk])
        assert AuditEvent.objects.get(pk=event.pk).details == {"a": 1}


@pytest.mark.django_db
class TestAdminPanelAudit:
    def test_an_admin_change_writes_an_audit_event_with_the_diff(self, admin_client, admin_user):
        doc_type = DocumentType.objects.create(abbreviation="CV", name="Công văn", sort_order=1)
        response = admin_client.post(
            f"/admin/documents/documenttype/{doc_type.pk}/change/",
            {"abbreviation": "CV", "name": "Công văn (sửa)", "sort_order": 2, "is_active": "on"},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        event = AuditEvent.objects.get(action="documents.documenttype.update")
        assert event.actor == admin_user
        assert event.details["changes"] == {"name": ["Công văn", "Công văn (sửa)"], "sort_order": [1, 2]}

    def test_an_admin_deletion_and_a_role_assignment_are_audited(self, admin_client, make_user, roles):
        doc_type = DocumentType.objects.create(abbreviation="TB", name="Thông báo")
        admin_client.post(f"/admin/documents/documenttype/{doc_type.pk}/delete/", {"post": "yes"})
        assert AuditEvent.objects.filter(action="documents.documenttype.delete", object_id=str(doc_type.pk)).exists()

        user = make_user(Role.Code.STAFF)
        form = {
            "username": user.username, "full_name": user.full_name, "email": user.email, "org_unit": user.org_unit_id,
            "groups": [roles[Role.Code.STAFF].pk, roles[Role.Code.CLERK].pk], "is_active": "on",
            "last_login_0": "", "last_login_1": "", "date_joined_0": "01/01/2026", "date_joined_1": "08:00:00",
        }
        response = admin_client.post(f"/admin/accounts/user/{user.pk}/change/", form)
        assert response.status_code == 302, response.content.decode()[:3000]
        event = AuditEvent.objects.get(action="accounts.user.groups_change", object_id=str(user.pk))
        assert event.details["added"] == [roles[Role.Code.CLERK].name]

    def test_audit_events_can_be_browsed_but_never_edited_in_the_admin(self, admin_client, event):
        assert admin_client.get("/admin/audit/auditevent/?action=test.event").status_code == 200
        assert admin_client.get(f"/admin/audit/auditevent/{event.pk}/change/").status_code == 200  # read-only view
        admin_client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"action": "x"})
        assert admin_client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
        assert AuditEvent.objects.get(pk=event.pk).action == "test.event"

    def test_users_have_no_delete_button_in_the_admin(self, admin_client, make_user):
        user = make_user(Role.Code.STAFF)
        assert admin_client.post(f"/admin/accounts/user/{user.pk}/delete/", {"post": "yes"}).status_code == 403


@pytest.mark.django_db
class TestAuditApi:
    def test_admin_filters_events_by_action_and_actor(self, admin_api, admin_user, event):
        audit_record(actor=admin_user, action="test.other")
        body = admin_api.get("/api/v1/audit-events/", {"action": "test.other"}).json()
        assert body["count"] == 1 and body["results"][0]["actor"] == admin_user.pk
        assert admin_api.get("/api/v1/audit-events/", {"action_prefix": "test."}).json()["count"] == 2

    def test_audit_api_is_read_only(self, admin_api, event):
        assert admin_api.delete(f"/api/v1/audit-events/{event.pk}/").status_code == 405
        assert admin_api.patch(f"/api/v1/audit-events/{event.pk}/", {"action": "x"}, format="json").status_code == 405

    @pytest.mark.parametrize("role", [Role.Code.CLERK, Role.Code.STAFF, Role.Code.DEPARTMENT_HEAD, Role.Code.AGENCY_LEADER])
    def test_non_admins_cannot_read_the_audit_trail(self, api, make_user, event, role):
        api.force_authenticate(make_user(role))
        assert api.get("/api/v1/audit-events/").status_code == 403
        assert api.get(f"/api/v1/audit-events/{event.pk}/").status_code == 403
