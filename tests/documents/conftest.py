import pytest

from accounts.models import Role

from ..accounts.factories import AgencyFactory, DepartmentFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


@pytest.fixture
def clerk(make_user, agency):
    return make_user(Role.Code.CLERK, org_unit=agency, username="vanthu")


@pytest.fixture
def leader(make_user, agency):
    return make_user(Role.Code.AGENCY_LEADER, org_unit=agency, username="lanhdao")


@pytest.fixture
def head(make_user, department):
    return make_user(Role.Code.DEPARTMENT_HEAD, username="truongphong")


@pytest.fixture
def staff(make_user, department):
    return make_user(Role.Code.STAFF, username="chuyenvien")


@pytest.fixture
def other_department(agency):
    return DepartmentFactory(parent=agency, name="Phòng Hành chính", code="VPTU-HC")


@pytest.fixture
def foreign_agency(roles):
    return AgencyFactory(name="Ban Tổ chức Tỉnh ủy", code="BTCTU")


@pytest.fixture
def foreign_clerk(foreign_agency):
    return UserFactory(org_unit=foreign_agency, roles=[Role.Code.CLERK], username="vanthu_btc")


@pytest.fixture
def foreign_leader(foreign_agency):
    return UserFactory(org_unit=foreign_agency, roles=[Role.Code.AGENCY_LEADER], username="lanhdao_btc")
