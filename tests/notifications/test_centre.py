import pytest

from notifications.models import Notification
from notifications.services import notify

from ..documents.builders import register

Kind = Notification.Kind


@pytest.fixture
def document(clerk):
    return register(clerk)


@pytest.fixture
def two(document, clerk, leader):
    mine = notify(recipients=[clerk], kind=Kind.EXTRACTION_FAILED, document=document)[0]
    theirs = notify(recipients=[leader], kind=Kind.EXTRACTION_FAILED, document=document)[0]
    return mine, theirs


@pytest.mark.django_db
class TestApi:
    def test_a_user_lists_only_their_own(self, api, clerk, two):
        api.force_authenticate(clerk)
        body = api.get("/api/v1/notifications/").json()
        assert [row["id"] for row in body["results"]] == [two[0].pk]
        assert body["results"][0]["url"] == f"/incoming/{two[0].document_id}/"
        assert api.get("/api/v1/notifications/unread-count/").json() == {"unread": 1}

    def test_marking_another_users_notification_is_a_404(self, api, clerk, two):
        api.force_authenticate(clerk)
        assert api.post(f"/api/v1/notifications/{two[1].pk}/read/").status_code == 404
        assert api.get(f"/api/v1/notifications/{two[1].pk}/").status_code == 404
        two[1].refresh_from_db()
        assert two[1].read_at is None

    def test_mark_read_and_mark_all_read(self, api, clerk, document, two):
        notify(recipients=[clerk], kind=Kind.DIRECTION_WRITTEN, document=document)
        api.force_authenticate(clerk)
        assert api.post(f"/api/v1/notifications/{two[0].pk}/read/").json()["is_read"] is True
        assert api.get("/api/v1/notifications/unread-count/").json() == {"unread": 1}
        assert api.post("/api/v1/notifications/read-all/").json() == {"marked": 1}
        assert api.get("/api/v1/notifications/unread-count/").json() == {"unread": 0}
        two[1].refresh_from_db()
        assert two[1].read_at is None  # the other user's stays unread


@pytest.mark.django_db
class TestPortal:
    def test_the_bell_shows_the_unread_count_and_keeps_polling(self, client, clerk, two):
        client.force_login(clerk)
        response = client.get("/notifications/count/")
        assert response.status_code == 200
        html = response.content.decode()
        assert 'data-testid="notification-count"' in html and ">1</span>" in html and 'hx-trigger="every 30s"' in html

    def test_the_bell_stops_polling_when_the_session_has_expired(self, client):
        assert client.get("/notifications/count/").status_code == 286

    def test_every_page_carries_the_bell(self, client, clerk):
        client.force_login(clerk)
        assert 'hx-get="/notifications/count/"' in client.get("/notifications/").content.decode()

    def test_the_list_links_to_the_document_and_marks_read(self, client, clerk, leader, two):
        client.force_login(clerk)
        html = client.get("/notifications/").content.decode()
        assert f'href="/incoming/{two[0].document_id}/"' in html and 'data-testid="notification-day"' in html
        assert client.post(f"/notifications/{two[1].pk}/read/").status_code == 404
        assert client.post(f"/notifications/{two[0].pk}/read/").status_code == 302
        two[0].refresh_from_db()
        assert two[0].read_at is not None
        notify(recipients=[clerk], kind=Kind.DIRECTION_WRITTEN, document=two[0].document)
        client.post("/notifications/read-all/")
        assert not Notification.objects.filter(recipient=clerk, read_at__isnull=True).exists()


@pytest.mark.django_db
def test_the_list_query_count_does_not_grow_with_the_page(api, clerk, document, django_assert_max_num_queries):
    for index in range(30):
        notify(recipients=[clerk], kind=Kind.DEADLINE_PASSED, document=document, dedupe_key=f"k{index}")
    api.force_authenticate(clerk)
    with django_assert_max_num_queries(12):
        assert len(api.get("/api/v1/notifications/?page_size=30").json()["results"]) == 30
