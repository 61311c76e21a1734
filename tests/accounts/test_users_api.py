import pytest

from accounts.models import Role, User
from iooffice.audit.models import AuditEvent

from .factories import PASSWORD, UserFactory

URL = "/api/v1/users/"


@pytest.mark.django_db
class TestUserManagement:
    def test_admin_creates_a_user_with_roles(self, admin_api, department):
        response = admin_api.post(URL, {
            "username": "vanthu_moi", "full_name": "Trần Thị Mai", "email": "mai@example.org",
            "org_unit": department.pk, "position_title": "Văn thư", "roles": ["clerk"], "password": "Vănthư@2026!",
        }, format="json")
        assert response.status_code == 201, response.json()
        assert response.json()["roles"] == ["clerk"]
        user = User.objects.get(username="vanthu_moi")
        assert user.check_password("Vănthư@2026!")
        assert AuditEvent.objects.filter(action="user.create", object_id=str(user.pk)).exists()
        assert AuditEvent.objects.get(action="user.roles_change", object_id=str(user.pk)).details["added"] == ["clerk"]

    def test_weak_password_is_refused_and_no_user_is_created(self, admin_api, department):
        response = admin_api.post(URL, {"username": "yeu", "full_name": "A B", "password": "12345678"}, format="json")
        assert response.status_code == 400 and "password" in response.json()["details"]
        assert not User.objects.filter(username="yeu").exists()

    def test_unknown_role_is_refused(self, admin_api):
        response = admin_api.post(URL, {"username": "x1", "full_name": "A B", "roles": ["king"]}, format="json")
        assert response.status_code == 400 and "roles" in response.json()["details"]

    def test_changing_roles_is_audited_as_a_permission_change(self, admin_api, make_user):
        user = make_user(Role.Code.STAFF)
        response = admin_api.patch(f"{URL}{user.pk}/", {"roles": ["department_head"]}, format="json")
        assert response.status_code == 200 and response.json()["roles"] == ["department_head"]
        event = AuditEvent.objects.get(action="user.roles_change", object_id=str(user.pk))
        assert event.details == {"added": ["department_head"], "removed": ["staff"]}

    def test_deactivation_blocks_login_but_keeps_the_user_and_history(self, admin_api, client, make_user):
        user = make_user(Role.Code.STAFF, username="sapnghi")
        client.post("/accounts/login/", {"username": "sapnghi", "password": PASSWORD})
        client.post("/accounts/logout/")
        assert admin_api.post(f"{URL}{user.pk}/deactivate/").status_code == 200
        assert admin_api.post(f"{URL}{user.pk}/deactivate/").status_code == 200  # repeat is harmless
        assert AuditEvent.objects.filter(action="user.deactivate", object_id=str(user.pk)).count() == 1
        assert client.post("/accounts/login/", {"username": "sapnghi", "password": PASSWORD}).status_code == 200
        assert "_auth_user_id" not in client.session
        assert User.objects.filter(pk=user.pk, is_active=False).exists()
        assert AuditEvent.objects.filter(actor=user, action="auth.login").exists()

    def test_users_cannot_be_deleted_through_the_api(self, admin_api, make_user):
        user = make_user(Role.Code.STAFF)
        assert admin_api.delete(f"{URL}{user.pk}/").status_code == 405

    def test_malformed_json_gets_the_standard_error(self, admin_api):
        response = admin_api.generic("POST", URL, "{not json", content_type="application/json")
        assert response.status_code == 400
        assert set(response.json()) == {"code", "message", "details"}
        assert response.json()["code"] == "malformed_request"

    def test_filter_by_role_and_search(self, admin_api, make_user):
        make_user(Role.Code.CLERK, full_name="Lê Văn Thư")
        make_user(Role.Code.STAFF, full_name="Hồ Thị Viên")
        clerks = admin_api.get(URL, {"role": "clerk"}).json()
        assert [u["full_name"] for u in clerks["results"]] == ["Lê Văn Thư"]
        assert admin_api.get(URL, {"search": "Viên"}).json()["count"] == 1

    def test_user_list_query_count_does_not_grow_with_page_size(self, admin_api, department, django_assert_max_num_queries):
        for _ in range(25):
            UserFactory(org_unit=department, roles=[Role.Code.STAFF])
        with django_assert_max_num_queries(14):
            admin_api.get(URL, {"page_size": 3})
        with django_assert_max_num_queries(14):
            assert len(admin_api.get(URL, {"page_size": 25}).json()["results"]) == 25


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.Code.CLERK, Role.Code.STAFF, Role.Code.DEPARTMENT_HEAD, Role.Code.AGENCY_LEADER])
def test_non_admins_cannot_reach_user_management(api, make_user, role):
    me = make_user(role)
    other = make_user(Role.Code.STAFF)
    api.force_authenticate(me)
    assert api.get(URL).status_code == 403
    assert api.get(f"{URL}{other.pk}/").status_code == 403
    assert api.patch(f"{URL}{me.pk}/", {"roles": ["admin"]}, format="json").status_code == 403
    assert api.post(f"{URL}{other.pk}/deactivate/").status_code == 403
    assert set(Role.objects.filter(user=me).values_list("code", flat=True)) == {role}


@pytest.mark.django_db
def test_me_shows_the_users_unit_agency_and_roles(api, make_user, department, agency):
    user = make_user(Role.Code.CLERK, Role.Code.STAFF)
    api.force_authenticate(user)
    body = api.get("/api/v1/me/").json()
    assert body["roles"] == ["clerk", "staff"]
    assert body["org_unit"]["id"] == department.pk
    assert body["agency"]["code"] == agency.code
    assert body["is_admin"] is False
