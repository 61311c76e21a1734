from datetime import date

import pytest

from accounts.models import Role
from documents.models import Document

from .builders import pdf_upload
from .outgoing_setup import chain, cong_van, recipient_agencies, term  # noqa: F401

URL = "/api/v1/outgoing/"


def as_user(api, user):
    api.force_authenticate(user)
    return api


@pytest.fixture
def draft_id(api, staff, cong_van, chain, recipient_agencies):
    agencies, _ = recipient_agencies
    response = as_user(api, staff).post(URL, {"doc_type": cong_van.pk, "summary": "V/v tổng kết năm", "recipients": [a.pk for a in agencies],
                                             "files": [pdf_upload("du-thao-v1.pdf")]}, format="multipart")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


@pytest.mark.django_db
class TestOutgoingApiScenario:
    def test_draft_to_issue_to_registration_through_the_api(self, api, draft_id, staff, head, leader, clerk, recipient_agencies):
        agencies, clerks = recipient_agencies
        assert as_user(api, staff).post(f"{URL}{draft_id}/submit/").json()["status"] == "in_review"
        assert as_user(api, head).get(f"{URL}queues/").json()["awaiting_my_approval"] == 1
        assert api.post(f"{URL}{draft_id}/decide/", {"decision": "approve", "step_order": 1}, format="json").status_code == 200
        stale = api.post(f"{URL}{draft_id}/decide/", {"decision": "approve", "step_order": 1}, format="json")
        assert stale.status_code == 409 and stale.json()["code"] == "invalid_transition"
        returned = as_user(api, leader).post(f"{URL}{draft_id}/decide/", {"decision": "return", "comment": "Sửa câu chữ"}, format="json")
        assert returned.json()["status"] == "changes_requested"
        assert as_user(api, staff).get(f"{URL}queues/").json()["returned_to_me"] == 1
        assert api.post(f"{URL}{draft_id}/versions/", {"file": pdf_upload("du-thao-v2.pdf")}, format="multipart").json()["number"] == 2
        api.post(f"{URL}{draft_id}/submit/")
        approved = as_user(api, leader).post(f"{URL}{draft_id}/decide/", {"decision": "approve"}, format="json").json()
        assert approved["status"] == "approved" and approved["approved_version"] == 2
        assert as_user(api, clerk).get(f"{URL}queues/").json()["awaiting_issue"] == 1
        issued = api.post(f"{URL}{draft_id}/issue/").json()
        assert issued["symbol"] == "01-CV/VPTU" and issued["issued_date"] == date.today().isoformat()

        pending = as_user(api, clerks[0]).get("/api/v1/exchange/").json()
        assert [p["symbol"] for p in pending] == ["01-CV/VPTU"]
        registered = api.post(f"/api/v1/exchange/{pending[0]['id']}/register/")
        assert registered.status_code == 201 and registered.json()["arrival_number"] == 1
        receipts = {r["agency"]: r for r in as_user(api, clerk).get(f"{URL}{draft_id}/").json()["recipients"]}
        assert receipts[agencies[0].pk]["state"] == "registered" and receipts[agencies[1].pk]["state"] == "pending"

    def test_reserving_a_number_through_the_api(self, api, clerk, cong_van, chain):
        response = as_user(api, clerk).post("/api/v1/number-reservations/", {"doc_type": cong_van.pk, "reason": "Văn bản Tối mật"}, format="json")
        assert response.status_code == 201 and response.json()["symbol"] == "01-CV/VPTU"

    def test_submitting_without_a_chain_says_so(self, api, staff, cong_van, term):
        draft = as_user(api, staff).post(URL, {"doc_type": cong_van.pk, "summary": "x", "files": [pdf_upload()]}, format="multipart").json()
        response = api.post(f"{URL}{draft['id']}/submit/")
        assert response.status_code == 400 and response.json()["code"] == "no_approval_chain"


@pytest.mark.django_db
class TestOutgoingPermissionMatrix:
    @pytest.mark.parametrize("who,expected", [("staff", 200), ("head", 200), ("leader", 200), ("clerk", 200),
                                              ("foreign_clerk", 404), ("colleague", 404)])
    def test_draft_detail(self, request, api, draft_id, make_user, who, expected):
        user = make_user(Role.Code.STAFF, username="dongnghiep") if who == "colleague" else request.getfixturevalue(who)
        assert as_user(api, user).get(f"{URL}{draft_id}/").status_code == expected

    @pytest.mark.parametrize("who,expected", [("staff", 200), ("head", 403), ("foreign_clerk", 404)])
    def test_submit(self, request, api, draft_id, who, expected):
        assert as_user(api, request.getfixturevalue(who)).post(f"{URL}{draft_id}/submit/").status_code == expected

    @pytest.mark.parametrize("who,expected", [("head", 200), ("leader", 403), ("staff", 403), ("foreign_leader", 404)])
    def test_decide(self, request, api, draft_id, staff, who, expected):
        as_user(api, staff).post(f"{URL}{draft_id}/submit/")
        response = as_user(api, request.getfixturevalue(who)).post(f"{URL}{draft_id}/decide/", {"decision": "approve"}, format="json")
        assert response.status_code == expected

    @pytest.mark.parametrize("who,expected", [("clerk", 200), ("leader", 403), ("foreign_clerk", 404)])
    def test_issue(self, request, api, draft_id, who, expected):
        Document.objects.filter(pk=draft_id).update(status="approved")
        assert as_user(api, request.getfixturevalue(who)).post(f"{URL}{draft_id}/issue/").status_code == expected

    @pytest.mark.parametrize("who,expected", [("leader", 200), ("clerk", 403), ("foreign_leader", 404)])
    def test_recall(self, request, api, draft_id, clerk, who, expected):
        Document.objects.filter(pk=draft_id).update(status="approved")
        as_user(api, clerk).post(f"{URL}{draft_id}/issue/")
        response = as_user(api, request.getfixturevalue(who)).post(f"{URL}{draft_id}/recall/", {"reason": "Sai"}, format="json")
        assert response.status_code == expected

    def test_issued_documents_are_visible_to_recipient_clerks(self, api, draft_id, clerk, recipient_agencies, foreign_clerk):
        _, clerks = recipient_agencies
        Document.objects.filter(pk=draft_id).update(status="approved")
        assert as_user(api, clerks[0]).get(f"{URL}{draft_id}/").status_code == 404  # not before it is issued
        as_user(api, clerk).post(f"{URL}{draft_id}/issue/")
        assert as_user(api, clerks[0]).get(f"{URL}{draft_id}/").status_code == 200
        assert as_user(api, foreign_clerk).get(f"{URL}{draft_id}/").status_code == 404

    def test_exchange_register_of_another_agency_is_404(self, api, draft_id, clerk, recipient_agencies):
        _, clerks = recipient_agencies
        Document.objects.filter(pk=draft_id).update(status="approved")
        as_user(api, clerk).post(f"{URL}{draft_id}/issue/")
        pending = as_user(api, clerks[0]).get("/api/v1/exchange/").json()[0]
        assert as_user(api, clerks[1]).post(f"/api/v1/exchange/{pending['id']}/register/").status_code == 404
