"""Who sees a job, in the portal and the API: the owner only; anyone else the same 404 as for a job that does not
exist; anonymous callers the login page (portal), a stopped poll, or 403 (API). Plus the API's shapes and codes."""
from datetime import timedelta

import pytest
from django.utils import timezone

from iooffice.audit.models import AuditEvent
from jobs import services
from jobs.models import Job

from .helpers import content_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def done_job(owner):
    job = services.job_start(actor=owner, kind="tests.echo", params={"rows": 3})
    services.job_run(job_id=job.pk)
    return Job.objects.get(pk=job.pk)


PORTAL = ["/jobs/{id}/", "/jobs/{id}/progress/", "/jobs/{id}/download/"]
API = ["/api/v1/jobs/{id}/", "/api/v1/jobs/{id}/download/"]


@pytest.mark.parametrize("url", PORTAL + API)
@pytest.mark.parametrize("who, status", [("owner", 200), ("stranger", 404)])
def test_only_the_owner_sees_a_job(client, request, done_job, url, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url.format(id=done_job.pk)).status_code == status


@pytest.mark.parametrize("url, status", [
    ("/jobs/", 302), ("/jobs/{id}/", 302), ("/jobs/{id}/download/", 302), ("/jobs/{id}/progress/", 403),
    ("/api/v1/jobs/", 403), ("/api/v1/jobs/{id}/", 403), ("/api/v1/jobs/{id}/download/", 403),
])
def test_anonymous_callers_are_sent_to_log_in_or_refused(client, done_job, url, status):
    response = client.get(url.format(id=done_job.pk))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")


def test_an_anonymous_poll_stops_htmx_polling(client, done_job):
    assert client.get(f"/jobs/{done_job.pk}/progress/", HTTP_HX_REQUEST="true").status_code == 286


def test_a_missing_job_is_the_same_404(client, owner):
    client.force_login(owner)
    assert client.get("/jobs/999999/").status_code == 404
    assert client.get("/api/v1/jobs/999999/").json()["code"] == "not_found"


def test_the_list_shows_only_my_jobs(client, owner, stranger, done_job):
    services.job_start(actor=stranger, kind="tests.echo", params={})
    client.force_login(owner)
    page = client.get("/jobs/").content.decode()
    assert page.count('data-testid="job-row"') == 1 and "echo.txt" in page
    body = client.get("/api/v1/jobs/").json()
    assert [j["id"] for j in body["results"]] == [done_job.pk]


def test_the_api_list_does_not_grow_in_queries_with_the_page(client, owner, django_assert_max_num_queries):
    client.force_login(owner)
    for _ in range(3):
        services.job_start(actor=owner, kind="tests.echo", params={})
    with django_assert_max_num_queries(12) as few:
        client.get("/api/v1/jobs/")
    for _ in range(20):
        services.job_start(actor=owner, kind="tests.echo", params={})
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/api/v1/jobs/")


class TestPortal:
    def test_a_queued_job_polls_and_a_done_one_stops_with_a_download(self, client, owner):
        job = services.job_start(actor=owner, kind="tests.echo", params={"rows": 2})
        client.force_login(owner)
        page = client.get(f"/jobs/{job.pk}/").content.decode()
        assert f'hx-get="/jobs/{job.pk}/progress/"' in page and 'data-status="queued"' in page
        services.job_run(job_id=job.pk)
        poll = client.get(f"/jobs/{job.pk}/progress/", HTTP_HX_REQUEST="true").content.decode()
        assert "hx-get" not in poll and 'data-status="done"' in poll and 'data-testid="job-download"' in poll

    def test_polling_neither_renews_nor_writes_the_session(self, client, owner):
        job = services.job_start(actor=owner, kind="tests.echo", params={})
        client.force_login(owner)
        response = client.get(f"/jobs/{job.pk}/progress/", HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and "sessionid" not in response.cookies

    def test_download_is_an_audited_attachment_with_the_stored_type(self, client, owner, done_job):
        client.force_login(owner)
        response = client.get(f"/jobs/{done_job.pk}/download/")
        assert content_of(response) == b"3 rows for chuyenvien"
        assert response["Content-Type"] == "text/plain" and 'attachment; filename="echo.txt"' == response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
        event = AuditEvent.objects.get(action="job.download")
        assert event.actor == owner and event.object_id == str(done_job.pk)

    def test_a_failed_job_shows_the_reason(self, client, owner):
        job = services.job_start(actor=owner, kind="tests.refused", params={})
        services.job_run(job_id=job.pk)
        client.force_login(owner)
        page = client.get(f"/jobs/{job.pk}/").content.decode()
        assert 'data-testid="job-error"' in page and "Năm 1999 không có sổ." in page and 'data-testid="row-errors"' in page
        assert client.get(f"/jobs/{job.pk}/download/").status_code == 409

    def test_an_expired_result_is_gone(self, client, owner, done_job):
        Job.objects.filter(pk=done_job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
        client.force_login(owner)
        assert client.get(f"/jobs/{done_job.pk}/download/").status_code == 410
        assert 'data-testid="job-expired"' in client.get(f"/jobs/{done_job.pk}/").content.decode()


class TestApi:
    def test_start_returns_202_and_the_job(self, client, owner):
        client.force_login(owner)
        response = client.post("/api/v1/jobs/", {"kind": "tests.echo", "params": {"rows": 2}}, content_type="application/json")
        assert response.status_code == 202
        body = response.json()
        assert body["status"] == "queued" and body["kind"] == "tests.echo" and body["result"] is None
        assert response["Location"] == f"/api/v1/jobs/{body['id']}/"
        services.job_run(job_id=body["id"])
        body = client.get(f"/api/v1/jobs/{body['id']}/").json()
        assert body["status"] == "done" and body["progress"] == {"done": 2, "total": 2, "percent": 100}
        assert body["result"]["download_url"] == f"/api/v1/jobs/{body['id']}/download/" and body["result"]["filename"] == "echo.txt"
        assert content_of(client.get(body["result"]["download_url"])) == b"2 rows for chuyenvien"

    @pytest.mark.parametrize("payload, status, code", [
        ({"kind": "tests.nothing"}, 400, "unknown_job_kind"),
        ({"kind": "tests.echo", "params": {"rows": "many"}}, 400, "invalid_job_params"),
        ({"kind": "tests.echo", "colour": "red"}, 400, "unknown_field"),
        ({"params": {}}, 400, "validation_error"),
        ({"kind": "accounts.user_import"}, 403, "permission_denied"),
        ({"kind": "tests.staff_only"}, 201, None),
    ])
    def test_start_errors_have_stable_codes(self, client, make_user, payload, status, code):
        client.force_login(make_user("clerk", username="vanthu"))
        response = client.post("/api/v1/jobs/", payload, content_type="application/json")
        if code is None:  # a clerk is not staff
            assert response.status_code == 403
            return
        assert response.status_code == status and response.json()["code"] == code

    def test_a_kind_with_a_file_cannot_start_from_the_api(self, admin_api):
        response = admin_api.post("/api/v1/jobs/", {"kind": "accounts.user_import"}, format="json")
        assert response.status_code == 400 and response.json()["code"] == "job_needs_file"

    def test_download_before_the_end_is_409(self, client, owner):
        job = services.job_start(actor=owner, kind="tests.echo", params={})
        client.force_login(owner)
        response = client.get(f"/api/v1/jobs/{job.pk}/download/")
        assert response.status_code == 409 and response.json()["code"] == "job_not_finished"

    def test_expired_download_is_410(self, client, owner, done_job):
        Job.objects.filter(pk=done_job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
        client.force_login(owner)
        response = client.get(f"/api/v1/jobs/{done_job.pk}/download/")
        assert response.status_code == 410 and response.json()["code"] == "job_result_expired"

    def test_kinds_lists_what_i_may_start(self, client, owner, admin_api):
        client.force_login(owner)
        codes = {k["code"] for k in client.get("/api/v1/jobs/kinds/").json()}
        assert "tests.echo" in codes and "accounts.user_import" not in codes
        admin_codes = {k["code"] for k in admin_api.get("/api/v1/jobs/kinds/").json()}
        assert "accounts.user_import" in admin_codes

    def test_the_schema_documents_the_jobs_api(self, client, owner):
        client.force_login(owner)
        schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
        paths = schema["paths"]
        assert {"/api/v1/jobs/", "/api/v1/jobs/{id}/", "/api/v1/jobs/{id}/download/", "/api/v1/jobs/kinds/"} <= set(paths)
        assert "202" in paths["/api/v1/jobs/"]["post"]["responses"] and "403" in paths["/api/v1/jobs/"]["post"]["responses"]
        assert "410" in paths["/api/v1/jobs/{id}/download/"]["get"]["responses"]
