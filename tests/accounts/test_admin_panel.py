import pytest

from accounts.models import OrgUnit, Role

from .factories import DepartmentFactory


@pytest.mark.django_db
class TestAdminPanel:
    def test_admin_index_is_in_vietnamese_and_names_third_party_sections(self, admin_client):
        html = admin_client.get("/admin/").content.decode()
        assert "Tổ chức và người dùng" in html and "Đăng nhập sai và khóa tài khoản" in html

    def test_users_filter_by_role(self, admin_client, make_user):
        make_user(Role.Code.CLERK, full_name="Lê Thị Văn Thư")
        make_user(Role.Code.STAFF, full_name="Hồ Văn Chuyên")
        html = admin_client.get("/admin/accounts/user/?role=clerk").content.decode()
        assert "Lê Thị Văn Thư" in html and "Hồ Văn Chuyên" not in html

    def test_moving_a_unit_under_its_child_is_refused_in_the_form(self, admin_client, agency, department):
        child = DepartmentFactory(parent=department)
        form = {"name": department.name, "code": department.code, "kind": "department", "parent": child.pk, "sort_order": 0, "is_active": "on"}
        response = admin_client.post(f"/admin/accounts/orgunit/{department.pk}/change/", form)
        assert response.status_code == 200 and "cấp dưới" in response.content.decode()
        department.refresh_from_db()
        assert department.parent_id == agency.pk

    def test_deleting_a_unit_with_users_shows_what_blocks_it_and_deletes_nothing(self, admin_client, make_user, agency):
        unit = DepartmentFactory(parent=agency)
        make_user(Role.Code.STAFF, org_unit=unit, full_name="Phan Văn Ở Lại")
        page = admin_client.get(f"/admin/accounts/orgunit/{unit.pk}/delete/").content.decode()
        assert "Không thể xóa" in page and "người dùng" in page
        admin_client.post(f"/admin/accounts/orgunit/{unit.pk}/delete/", {"post": "yes"})
        assert OrgUnit.objects.filter(pk=unit.pk).exists()
