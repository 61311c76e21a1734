import pytest
from django.core.cache import cache
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp import DEVICE_ID_SESSION_KEY
from rest_framework.test import APIClient

from accounts.management.commands.seed_demo import ensure_roles
from accounts.models import Role

from .accounts.factories import AgencyFactory, DepartmentFactory, UserFactory


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def roles(db) -> dict[str, Role]:
    return ensure_roles()


@pytest.fixture
def agency(db):
    return AgencyFactory(name="Văn phòng Tỉnh ủy", code="VPTU")


@pytest.fixture
def department(agency):
    return DepartmentFactory(name="Phòng Tổng hợp", code="VPTU-TH", parent=agency)


@pytest.fixture
def make_user(roles, department):
    def make(*role_codes: str, **fields):
        fields.setdefault("org_unit", department)
        return UserFactory(roles=list(role_codes), **fields)

    return make


@pytest.fixture
def staff_user(make_user):
    return make_user(Role.Code.STAFF, username="chuyenvien")


@pytest.fixture
def admin_user(make_user):
    return make_user(Role.Code.ADMIN, username="quantri")


def verify_two_factor(client, user) -> TOTPDevice:
    """Sign `client` in as `user` with a confirmed TOTP device, as after entering a valid code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="default", confirmed=True
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def admin_client(client, admin_user):
    verify_two_factor(client, admin_user)
    return client


@pytest.fixture
def api(db) -> APIClient:
    return APIClient()


@pytest.fixture
def admin_api(api, admin_user) -> APIClient:
    verify_two_factor(api, admin_user)
    return api
