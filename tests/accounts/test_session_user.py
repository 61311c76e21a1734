"""The user of each signed-in request comes with what nearly every page asks for: their unit and its agency."""
import pytest

from accounts.backends import UserBackend
from accounts.models import Role
from documents.policies import user_agency

from .factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_the_session_user_carries_their_unit_and_its_agency(roles, department, django_assert_num_queries):
    user = UserFactory(org_unit=department, roles=[Role.Code.STAFF])
    with django_assert_num_queries(1):
        loaded = UserBackend().get_user(user.pk)
        assert user_agency(loaded) == department.parent
        assert loaded.org_unit == department


@pytest.mark.django_db
def test_an_inactive_or_unknown_user_is_nobody(department):
    user = UserFactory(org_unit=department, is_active=False)
    assert UserBackend().get_user(user.pk) is None
    assert UserBackend().get_user(10**9) is None


@pytest.mark.django_db
def test_signing_in_with_a_password_uses_this_backend(client, roles, department):
    user = UserFactory(org_unit=department, roles=[Role.Code.STAFF])
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == "accounts.backends.UserBackend"
    assert client.get("/").wsgi_request.user == user
