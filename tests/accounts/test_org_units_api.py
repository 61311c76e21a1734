import pytest

from accounts.models import OrgUnit, Role
from iooffice.audit.models import AuditEvent

from .factories import DepartmentFactory

URL = "/api/v1/org-units/"


@pytest.mark.django_db
class TestOrgUnitRules:
    def test_admin_creates_a_department_under_an_agency_and_it_is_audited(self, admin_api, agency):
        response = admin_api.post(URL, {"name": "Phòng Mới", "code": "VPTU-MOI", "kind": "department", "parent": agency.pk}, format="json")
        assert response.status_code == 201, response.json()
        unit = OrgUnit.objects.get(code="VPTU-MOI")
        assert AuditEvent.objects.filter(action="accounts.orgunit.create", object_id=str(unit.pk)).exists()

    def test_moving_a_unit_under_its_own_child_is_refused_and_nothing_changes(self, admin_api, agency, department):
        sub = DepartmentFactory(parent=department, code="VPTU-TH-1")
        response = admin_api.patch(f"{URL}{department.pk}/", {"parent": sub.pk}, format="json", HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 400
        body = response.json()
        assert body["code"] == "validation_error"
        assert "cấp dưới" in body["details"]["parent"][0]
        department.refresh_from_db()
        assert department.parent_id == agency.pk

    def test_a_unit_cannot_be_its_own_parent(self, admin_api, department):
        response = admin_api.patch(f"{URL}{department.pk}/", {"parent": department.pk}, format="json")
        assert response.status_code == 400

    def test_a_department_cannot_sit_directly_under_the_committee(self, admin_api, agency, department):
        response = admin_api.patch(f"{URL}{department.pk}/", {"parent": agency.parent_id}, format="json")
        assert response.status_code == 400 and "parent" in response.json()["details"]

    def test_deleting_a_unit_with_users_is_refused_with_a_translated_reason(self, admin_api, make_user, agency):
        department = DepartmentFactory(parent=agency)
        make_user(Role.Code.STAFF, org_unit=department)
        response = admin_api.delete(f"{URL}{department.pk}/", HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 409
        body = response.json()
        assert body["code"] == "unit_in_use" and body["details"]["users"] == 1
        assert "người dùng" in body["message"]
        assert OrgUnit.objects.filter(pk=department.pk).exists()
        assert not AuditEvent.objects.filter(action="accounts.orgunit.delete").exists()

    def test_an_empty_unit_can_be_deleted(self, admin_api, agency):
        empty = DepartmentFactory(parent=agency)
        assert admin_api.delete(f"{URL}{empty.pk}/").status_code == 204
        assert AuditEvent.objects.filter(action="accounts.orgunit.delete", object_id=str(empty.pk)).exists()

    def test_over_long_name_and_unknown_field_are_refused(self, admin_api, agency):
        long_name = admin_api.post(URL, {"name": "x" * 300, "code": "X1", "kind": "department", "parent": agency.pk}, format="json")
        assert long_name.status_code == 400 and "name" in long_name.json()["details"]
        unknown = admin_api.post(URL, {"name": "A", "code": "X2", "kind": "department", "parent": agency.pk, "colour": "đỏ"}, format="json")
        assert unknown.status_code == 400 and unknown.json()["code"] == "unknown_field"
        assert not OrgUnit.objects.filter(code__in=["X1", "X2"]).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.Code.CLERK, Role.Code.STAFF, Role.Code.DEPARTMENT_HEAD, Role.Code.AGENCY_LEADER])
def test_every_signed_in_role_reads_the_tree_but_only_admins_change_it(api, make_user, department, role):
    api.force_authenticate(make_user(role))
    assert api.get(URL).status_code == 200
    assert api.get(f"{URL}{department.pk}/").status_code == 200
    assert api.patch(f"{URL}{department.pk}/", {"name": "Đổi tên"}, format="json").status_code == 403
    assert api.delete(f"{URL}{department.pk}/").status_code == 403
    assert api.post(URL, {"name": "B", "code": "B", "kind": "department", "parent": department.parent_id}, format="json").status_code == 403


def test_anonymous_cannot_read_the_tree(api, department):
    response = api.get(URL)
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"


def test_org_unit_list_query_count_does_not_grow_with_page_size(admin_api, agency, django_assert_max_num_queries):
    for _ in range(30):
        DepartmentFactory(parent=agency)
    with django_assert_max_num_queries(12):
        admin_api.get(URL, {"page_size": 5})
    with django_assert_max_num_queries(12):
        assert len(admin_api.get(URL, {"page_size": 30}).json()["results"]) == 30
