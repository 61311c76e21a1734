import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role

from ..accounts.factories import PASSWORD
from ..accounts.test_login_security import current_code

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def test_clerk_logs_in_sees_unit_and_role_in_vietnamese_and_switches_to_english(page, make_user, screenshot):
    make_user(Role.Code.CLERK, username="vanthu", full_name="Trần Thị Văn Thư", position_title="Văn thư")
    page.goto("/accounts/login/")
    assert page.locator("h1").inner_text() == "Đăng nhập"
    screenshot("login-vi")
    log_in(page, "vanthu")
    assert "Xin chào, Trần Thị Văn Thư" in page.locator("h1").inner_text()
    assert page.get_by_test_id("roles").inner_text().strip() == "Văn thư"
    assert page.get_by_test_id("org-unit").inner_text() == "Phòng Tổng hợp"
    screenshot("home-clerk-vi")

    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert "Hello, Trần Thị Văn Thư" in page.locator("h1").inner_text()
    screenshot("home-clerk-en")


def test_wrong_password_shows_a_vietnamese_error(page, make_user):
    make_user(Role.Code.STAFF, username="chuyenvien")
    page.goto("/accounts/login/")
    page.fill("#id_username", "chuyenvien")
    page.fill("#id_password", "sai-mat-khau")
    page.click("main button[type=submit]")
    assert "mật khẩu chính xác" in page.get_by_test_id("login-error").inner_text()


def test_org_chart_shows_the_tree(page, make_user, screenshot):
    make_user(Role.Code.STAFF, username="chuyenvien")
    log_in(page, "chuyenvien")
    page.click("text=Tổ chức")
    tree = page.get_by_test_id("org-tree").inner_text()
    assert "Tỉnh ủy Nghệ An" in tree and "Văn phòng Tỉnh ủy" in tree and "Phòng Tổng hợp" in tree
    screenshot("organisation-vi")


def test_admin_must_enrol_two_factor_before_reaching_the_admin_panel(page, make_user, screenshot):
    admin = make_user(Role.Code.ADMIN, username="quantri", full_name="Lý Minh Tâm")
    log_in(page, "quantri")
    assert "/accounts/2fa/setup/" in page.url, page.url
    assert page.locator(".io-qr svg").count() == 1
    screenshot("2fa-setup-vi")
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    page.fill("#id_token", current_code(device))
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.endswith("/"), page.url
    page.goto("/admin/")
    assert "Quản trị" in page.content()
    page.goto("/admin/accounts/user/")
    assert "Lý Minh Tâm" in page.content()
    screenshot("admin-users-vi")
