"""Each user chooses which events come by e-mail (immediately, daily digest, never) and the digest's hour."""
import pytest
from django.urls import reverse

from iooffice.audit.models import AuditEvent
from notifications.models import Notification, NotificationPreference
from notifications.services import notify

Kind = Notification.Kind
API = "/api/v1/notifications/preferences/"
PAGE = reverse("notifications:preferences")


@pytest.mark.django_db
class TestApi:
    def test_defaults_are_shown_for_every_kind_before_any_choice(self, api, staff):
        api.force_authenticate(staff)
        body = api.get(API).json()
        assert set(body["email"]) == set(Kind.values) and body["digest_hour"] == 7
        assert body["email"][Kind.ASSIGNED] == "immediately"

    def test_a_choice_is_saved_audited_and_then_respected(self, api, staff, make_user):
        api.force_authenticate(staff)
        response = api.put(API, {"email": {Kind.ASSIGNED: "never", Kind.RECALLED: "digest"}, "digest_hour": 16},
                           format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["email"][Kind.ASSIGNED] == "never" and response.json()["digest_hour"] == 16
        assert AuditEvent.objects.filter(action="notifications.preferences_change", actor=staff).exists()
        [sent] = notify(recipients=[staff], kind=Kind.ASSIGNED)
        [digest] = notify(recipients=[staff], kind=Kind.RECALLED)
        assert (sent.email_state, digest.email_state) == ("not_needed", "digest")

    @pytest.mark.parametrize("body, field", [
        ({"email": {"no_such_event": "never"}, "digest_hour": 7}, "email"),
        ({"email": {Kind.ASSIGNED: "sometimes"}, "digest_hour": 7}, "email"),
        ({"email": {}, "digest_hour": 24}, "digest_hour"),
        ({"email": {}, "digest_hour": 7, "language": "vi"}, "language"),
    ])
    def test_bad_input_is_a_400_with_a_stable_code_and_changes_nothing(self, api, staff, body, field):
        api.force_authenticate(staff)
        response = api.put(API, body, format="json")
        assert response.status_code == 400
        assert response.json()["code"] in ("validation_error", "unknown_field")
        assert field in response.json()["details"]
        assert not NotificationPreference.objects.filter(user=staff).exists()

    def test_anonymous_gets_401_or_403(self, api, db):
        assert api.get(API).status_code in (401, 403)


@pytest.mark.django_db
class TestPage:
    def test_the_page_saves_the_choices_of_its_own_user_only(self, client, staff, head):
        client.force_login(staff)
        page = client.get(PAGE)
        assert page.status_code == 200 and f'name="email_{Kind.ASSIGNED}"' in page.content.decode()
        form = {f"email_{kind}": "digest" for kind in Kind.values} | {"digest_hour": "6"}
        response = client.post(PAGE, form)
        assert response.status_code == 302
        mine = NotificationPreference.objects.get(user=staff)
        assert mine.digest_hour == 6 and mine.delivery_for(Kind.ASSIGNED) == "digest"
        assert not NotificationPreference.objects.filter(user=head).exists()

    def test_a_bad_value_shows_the_form_again_and_saves_nothing(self, client, staff):
        client.force_login(staff)
        response = client.post(PAGE, {f"email_{Kind.ASSIGNED}": "sometimes", "digest_hour": "99"})
        assert response.status_code == 200 and 'class="text-danger' in response.content.decode()
        assert not NotificationPreference.objects.filter(user=staff).exists()

    def test_anonymous_is_sent_to_log_in(self, client, db):
        assert client.get(PAGE).status_code == 302
