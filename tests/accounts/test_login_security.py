from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from iooffice.audit.models import AuditEvent

from .factories import PASSWORD

LOGIN = "/accounts/login/"


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def post_login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.mark.django_db
class TestLockout:
    def test_five_failures_lock_the_account_even_for_the_right_password(self, client, staff_user):
        for _ in range(4):
            assert post_login(client, "chuyenvien", "sai-mat-khau").status_code == 200
        locked = post_login(client, "chuyenvien", "sai-mat-khau")
        assert locked.status_code == 429
        assert "tạm thời bị khóa" in locked.content.decode()
        assert post_login(client, "chuyenvien", PASSWORD).status_code == 429
        assert "_auth_user_id" not in client.session

    def test_account_unlocks_after_the_cool_off(self, client, staff_user, settings):
        for _ in range(5):
            post_login(client, "chuyenvien", "sai-mat-khau")
        assert post_login(client, "chuyenvien", PASSWORD).status_code == 429
        with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(seconds=5)):
            response = post_login(client, "chuyenvien", PASSWORD)
        assert response.status_code == 302
        assert response.url == reverse("home")

    def test_a_success_before_the_limit_resets_the_count(self, client, staff_user):
        for _ in range(4):
            post_login(client, "chuyenvien", "sai-mat-khau")
        assert post_login(client, "chuyenvien", PASSWORD).status_code == 302
        client.logout()
        for _ in range(4):
            assert post_login(client, "chuyenvien", "sai-mat-khau").status_code == 200

    def test_wrong_credentials_show_a_vietnamese_error(self, client, staff_user):
        response = post_login(client, "chuyenvien", "sai-mat-khau")
        assert response.status_code == 200
        assert "mật khẩu chính xác" in response.content.decode()


@pytest.mark.django_db
class TestSession:
    def test_session_expires_after_fifteen_idle_minutes(self, client, staff_user):
        assert post_login(client, "chuyenvien", PASSWORD).status_code == 302
        assert client.get("/").status_code == 200
        with time_machine.travel(timezone.now() + timedelta(minutes=14)):
            assert client.get("/").status_code == 200  # activity renews the idle window
        with time_machine.travel(timezone.now() + timedelta(minutes=14 + 16)):
            response = client.get("/")
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)

    def test_login_rotates_the_session_key(self, client, staff_user):
        session = client.session
        session["probe"] = "before login"
        session.save()
        before = client.cookies["sessionid"].value
        post_login(client, "chuyenvien", PASSWORD)
        assert client.cookies["sessionid"].value != before

    def test_logout_needs_post_and_ends_the_session(self, client, staff_user):
        post_login(client, "chuyenvien", PASSWORD)
        assert client.get("/accounts/logout/").status_code == 405
        client.post("/accounts/logout/")
        assert client.get("/").status_code == 302


@pytest.mark.django_db
class TestAuditOfLogins:
    def test_login_failed_login_and_logout_are_audited_with_ip_and_agent(self, client, staff_user):
        client.post(LOGIN, {"username": "chuyenvien", "password": "sai"}, HTTP_USER_AGENT="Thử/1.0")
        client.post(LOGIN, {"username": "chuyenvien", "password": PASSWORD}, HTTP_USER_AGENT="Thử/1.0")
        client.post("/accounts/logout/", HTTP_USER_AGENT="Thử/1.0")
        events = list(AuditEvent.objects.filter(action__startswith="auth.").order_by("id"))
        assert [e.action for e in events] == ["auth.login_failed", "auth.login", "auth.logout"]
        failed, login, logout = events
        assert failed.actor is None and failed.actor_label == "chuyenvien"
        assert login.actor == staff_user and logout.actor == staff_user
        assert all(e.ip_address == "127.0.0.1" and e.user_agent == "Thử/1.0" for e in events)


@pytest.mark.django_db
class TestTwoFactor:
    def test_admin_without_a_device_is_held_at_setup_until_enrolled(self, client, admin_user):
        post_login(client, "quantri", PASSWORD)
        response = client.get("/admin/")
        assert response.status_code == 302 and response.url.startswith("/accounts/2fa/setup/")
        assert client.get("/api/v1/me/").json()["code"] == "two_factor_required"

        assert client.get("/accounts/2fa/setup/").status_code == 200
        device = TOTPDevice.objects.get(user=admin_user, confirmed=False)
        wrong = client.post("/accounts/2fa/setup/", {"token": "000000" if current_code(device) != "000000" else "111111"})
        assert wrong.status_code == 200 and not TOTPDevice.objects.filter(user=admin_user, confirmed=True).exists()

        with time_machine.travel(timezone.now() + timedelta(seconds=3)):  # past django-otp's failure throttle
            response = client.post("/accounts/2fa/setup/?next=/admin/", {"token": current_code(device), "next": "/admin/"})
        assert response.status_code == 302 and response.url == "/admin/"
        assert client.get("/admin/").status_code == 200
        assert AuditEvent.objects.filter(action="auth.2fa_enabled", actor=admin_user).exists()

    def test_user_with_a_device_must_enter_the_code_after_the_password(self, client, staff_user):
        device = TOTPDevice.objects.create(user=staff_user, name="default", confirmed=True)
        post_login(client, "chuyenvien", PASSWORD)
        response = client.get("/")
        assert response.status_code == 302 and response.url.startswith("/accounts/2fa/verify/")
        assert client.post("/accounts/2fa/verify/", {"token": "12345"}).status_code == 200  # malformed
        response = client.post("/accounts/2fa/verify/", {"token": current_code(device), "next": "/"})
        assert response.status_code == 302
        assert client.get("/").status_code == 200

    def test_unverified_user_cannot_turn_two_factor_off(self, client, staff_user):
        TOTPDevice.objects.create(user=staff_user, name="default", confirmed=True)
        post_login(client, "chuyenvien", PASSWORD)
        client.post("/accounts/2fa/disable/")
        assert TOTPDevice.objects.filter(user=staff_user).exists()

    def test_staff_may_go_without_two_factor(self, client, staff_user):
        post_login(client, "chuyenvien", PASSWORD)
        assert client.get("/").status_code == 200

    def test_admins_cannot_turn_two_factor_off(self, admin_client, admin_user):
        admin_client.post("/accounts/2fa/disable/")
        assert TOTPDevice.objects.filter(user=admin_user, confirmed=True).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.Code.CLERK, Role.Code.STAFF, Role.Code.DEPARTMENT_HEAD, Role.Code.AGENCY_LEADER])
def test_non_admin_roles_get_403_on_admin_pages(client, make_user, role):
    user = make_user(role)
    client.force_login(user)
    assert client.get("/admin/").status_code == 403
    assert client.get("/admin/accounts/user/").status_code == 403
    assert client.get("/admin/audit/auditevent/").status_code == 403


def test_anonymous_admin_visit_goes_to_the_portal_login(client, db):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert response.status_code == 200


@pytest.mark.django_db
def test_background_polls_neither_renew_nor_overwrite_the_session(client, staff_user):
    """GIVEN a signed-in user WHEN only the bell polls for 16 minutes THEN the session still expires, and a poll
    answered after a session change does not write its stale copy back."""
    post_login(client, "chuyenvien", PASSWORD)
    session_key = client.cookies["sessionid"].value
    from django.contrib.sessions.models import Session

    expiry = Session.objects.get(session_key=session_key).expire_date
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert client.get("/notifications/count/").status_code == 200
    assert Session.objects.get(session_key=session_key).expire_date == expiry
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert client.get("/").status_code == 302
