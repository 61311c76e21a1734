import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from documents.models import CommitteeTerm

from .accounts.factories import PASSWORD
from .accounts.test_login_security import current_code


@pytest.mark.django_db
class TestSchemaAndDocs:
    def test_openapi_schema_and_swagger_ui_are_served_without_a_cdn(self, client):
        schema = client.get("/api/schema/")
        assert schema.status_code == 200
        assert b"/api/v1/org-units/" in schema.content
        docs = client.get("/api/docs/")
        assert docs.status_code == 200
        html = docs.content.decode()
        assert "cdn" not in html.lower() and "/static/drf_spectacular_sidecar/" in html


@pytest.mark.django_db
class TestErrorFormat:
    def test_errors_have_one_shape_and_a_translated_message(self, api):
        vi = api.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="vi").json()
        en = api.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en").json()
        assert vi["code"] == en["code"] == "not_authenticated"
        assert vi["message"] == "Bạn chưa đăng nhập." and en["message"] != vi["message"]

    def test_not_found_uses_the_same_shape(self, api, make_user):
        api.force_authenticate(make_user(Role.Code.STAFF))
        body = api.get("/api/v1/org-units/999999/").json()
        assert body == {"code": "not_found", "message": "Không tìm thấy.", "details": {}}

    def test_validation_errors_list_fields_in_details(self, admin_api):
        body = admin_api.post("/api/v1/committee-terms/", {"name": "2030–2035", "start_date": "not-a-date"}, format="json").json()
        assert body["code"] == "validation_error" and "start_date" in body["details"]


@pytest.mark.django_db
class TestPagination:
    def test_lists_are_paginated_with_count_and_links(self, admin_api, roles):
        for year in range(2000, 2030, 5):
            CommitteeTerm.objects.create(name=f"{year}–{year + 5}", start_date=f"{year}-10-01")
        body = admin_api.get("/api/v1/committee-terms/", {"page_size": 2}).json()
        assert body["count"] == 6 and len(body["results"]) == 2 and body["next"]


@pytest.mark.django_db
class TestTokenAuthentication:
    def test_staff_exchange_password_for_a_token_and_use_it(self, api, make_user):
        make_user(Role.Code.STAFF, username="cv_api")
        token = api.post("/api/v1/auth/token/", {"username": "cv_api", "password": PASSWORD}, format="json").json()["token"]
        api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert api.get("/api/v1/me/").json()["username"] == "cv_api"

    def test_wrong_password_gets_a_stable_code(self, api, make_user):
        make_user(Role.Code.STAFF, username="cv_api")
        body = api.post("/api/v1/auth/token/", {"username": "cv_api", "password": "sai"}, format="json").json()
        assert body["code"] == "invalid_credentials"

    def test_admin_token_needs_the_totp_code(self, api, admin_user):
        device = TOTPDevice.objects.create(user=admin_user, name="default", confirmed=True)
        without = api.post("/api/v1/auth/token/", {"username": "quantri", "password": PASSWORD}, format="json")
        assert without.status_code == 403 and without.json()["code"] == "two_factor_required"
        ok = api.post("/api/v1/auth/token/", {"username": "quantri", "password": PASSWORD, "otp_token": current_code(device)}, format="json")
        assert ok.status_code == 200 and ok.json()["token"]

    def test_admin_without_a_device_cannot_get_a_token(self, api, admin_user):
        body = api.post("/api/v1/auth/token/", {"username": "quantri", "password": PASSWORD}, format="json").json()
        assert body["code"] == "two_factor_setup_required"

    def test_locked_account_gets_account_locked(self, api, make_user):
        make_user(Role.Code.STAFF, username="cv_api")
        for _ in range(5):
            api.post("/api/v1/auth/token/", {"username": "cv_api", "password": "sai"}, format="json")
        body = api.post("/api/v1/auth/token/", {"username": "cv_api", "password": PASSWORD}, format="json").json()
        assert body["code"] == "account_locked"


@pytest.mark.django_db
class TestReferenceData:
    def test_everyone_reads_reference_data_only_admins_write(self, api, make_user):
        api.force_authenticate(make_user(Role.Code.CLERK))
        for url in ("/api/v1/document-types/", "/api/v1/issuers/", "/api/v1/committee-terms/", "/api/v1/roles/"):
            assert api.get(url).status_code == 200
        assert api.post("/api/v1/document-types/", {"abbreviation": "CV", "name": "Công văn"}, format="json").status_code == 403

    def test_only_one_current_term(self, admin_api):
        first = CommitteeTerm.objects.create(name="2020–2025", start_date="2020-10-15", is_current=True)
        second = CommitteeTerm.objects.create(name="2025–2030", start_date="2025-10-15")
        assert admin_api.post(f"/api/v1/committee-terms/{second.pk}/make-current/").json()["is_current"] is True
        first.refresh_from_db()
        assert first.is_current is False
        assert list(CommitteeTerm.objects.filter(is_current=True)) == [second]

    def test_issuer_validity_periods_of_one_code_may_not_overlap(self, admin_api):
        ok = admin_api.post("/api/v1/issuers/", {"code": "BTGTU", "name": "Ban Tuyên giáo", "valid_from": "2015-01-01", "valid_to": "2025-01-31"}, format="json")
        assert ok.status_code == 201
        overlap = admin_api.post("/api/v1/issuers/", {"code": "BTGTU", "name": "Ban Tuyên giáo mới", "valid_from": "2024-06-01"}, format="json")
        assert overlap.status_code == 400 and overlap.json()["code"] == "validation_error"
        later = admin_api.post("/api/v1/issuers/", {"code": "BTGTU", "name": "Ban Tuyên giáo và Dân vận", "valid_from": "2025-02-01"}, format="json")
        assert later.status_code == 201
