"""GET /api/v1/search/ and the portal page: stable fields, filters with counts, malformed input never a 500."""
import pytest
from django.urls import reverse

from workflow.services import AssignmentSpec, direction_give

from ..conftest import verify_two_factor

URL = "/api/v1/search/"


@pytest.fixture
def corpus(make_document, indexed, leader, department):
    reform = make_document("Kế hoạch cải cách hành chính", symbol="45-CV/BTCTU", urgency="urgent")
    plain = make_document("Báo cáo cải cách tiền lương", symbol="9-BC/VPTU", text="<script>alert(1)</script> cải cách & đổi mới")
    direction_give(actor=leader, document=reform, text="x", assignments=[AssignmentSpec(role="lead", unit=department)])
    indexed()
    return reform, plain


@pytest.fixture
def as_user(api):
    def login(user):
        api.force_authenticate(user)
        return api

    return login


def test_the_api_returns_ranked_results_with_snippets_and_facet_counts(corpus, as_user, clerk):
    reform, plain = corpus
    body = as_user(clerk).get(URL, {"q": "cai cach"}).json()
    assert body["count"] == 2 and body["page"] == 1 and body["num_pages"] == 1
    assert {r["id"] for r in body["results"]} == {reform.pk, plain.pk}
    hit = next(r for r in body["results"] if r["id"] == plain.pk)
    assert set(hit) == {"id", "kind", "url", "symbol", "summary", "issuer_name", "issued_date", "arrival_number",
                        "arrival_year", "agency", "status", "urgency", "score", "snippet"}
    from search.serializers import FacetsSerializer, SearchHitSerializer, SearchResponseSerializer

    # the shape written directly is the documented one (the OpenAPI schema comes from the declared fields)
    assert set(body) == set(SearchResponseSerializer._declared_fields)
    assert set(hit) == set(SearchHitSerializer._declared_fields) and set(body["facets"]) == set(FacetsSerializer._declared_fields)
    assert "<b>" in hit["snippet"] and "<script>" not in hit["snippet"] and "&lt;script&gt;" in hit["snippet"]
    assert hit["url"] == reverse("api:incoming-detail", args=[plain.pk])
    status_counts = {f["value"]: f["count"] for f in body["facets"]["status"]}
    assert status_counts == {"in_progress": 1, "registered": 1}


def test_a_filter_narrows_results_but_its_own_counts_still_show_the_alternatives(corpus, as_user, clerk):
    reform, _ = corpus
    body = as_user(clerk).get(URL, {"q": "cải cách", "urgency": "urgent"}).json()
    assert [r["id"] for r in body["results"]] == [reform.pk]
    assert {f["value"]: f["count"] for f in body["facets"]["urgency"]} == {"urgent": 1, "normal": 1}
    assert {f["value"]: f["count"] for f in body["facets"]["status"]} == {"in_progress": 1}


def test_the_id_valued_facets_are_labelled_with_the_names_people_know(make_document, indexed, as_user, clerk, agency):
    from datetime import date

    from documents.models import DocumentType, Issuer

    kinds = [DocumentType.objects.create(abbreviation=a, name=n) for a, n in (("CV", "Công văn"), ("BC", "Báo cáo"))]
    issuers = [Issuer.objects.create(code=c, name=n, valid_from=date(2020, 1, 1)) for c, n in (("BTCTU", "Ban Tổ chức Tỉnh ủy"), ("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy"))]
    for kind, issuer in zip(kinds, issuers):
        make_document("Kế hoạch cải cách hành chính", doc_type=kind, issuer=issuer)
    indexed()
    facets = as_user(clerk).get(URL, {"q": "cai cach"}).json()["facets"]
    assert {f["value"]: f["label"] for f in facets["doc_type"]} == {str(k.pk): f"{k.name} ({k.abbreviation})" for k in kinds}
    assert {f["value"]: f["label"] for f in facets["issuer"]} == {str(i.pk): f"{i.code} — {i.name}" for i in issuers}
    assert {f["value"]: f["label"] for f in facets["agency"]} == {str(agency.pk): agency.name}


def test_assigned_to_me_and_the_symbol_filter(corpus, as_user, head, clerk):
    reform, _ = corpus
    assert [r["id"] for r in as_user(head).get(URL, {"assigned_to_me": "true"}).json()["results"]] == [reform.pk]
    assert as_user(clerk).get(URL, {"assigned_to_me": "true"}).json()["count"] == 0
    assert [r["id"] for r in as_user(clerk).get(URL, {"symbol": "45/CV-BTCTU"}).json()["results"]] == [reform.pk]


@pytest.mark.parametrize("query", ['"cải cách', 'cải" cách"', "AND OR NOT", "cải AND (cách", "chữ ký: số", "*", "-", "+-~^:",
                                   "a" * 500, "45-CV/BTCTU)", "((((((", "cải*cách", "-cải"])
def test_malformed_queries_return_results_never_an_error(corpus, as_user, clerk, query):
    response = as_user(clerk).get(URL, {"q": query})
    assert response.status_code == 200, response.content
    assert isinstance(response.json()["results"], list)


def test_ten_kilobytes_of_text_is_a_clear_400(corpus, as_user, clerk):
    response = as_user(clerk).get(URL, {"q": "cải cách hành chính " * 520})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_query"


@pytest.mark.parametrize("params", [{"page": "0"}, {"page": "x"}, {"date_from": "2026-13-01"}, {"kind": "secret"},
                                    {"date_from": "2026-02-01", "date_to": "2026-01-01"}, {"doc_type": "-1"},
                                    {"q": "\x00cải"}])
def test_bad_parameters_are_a_400_validation_error(as_user, clerk, params):
    response = as_user(clerk).get(URL, params)
    assert response.status_code == 400 and response.json()["code"] == "validation_error"


def test_the_number_of_queries_does_not_grow_with_the_page_size(make_document, indexed, as_user, clerk, django_assert_max_num_queries):
    for n in range(12):
        make_document(f"xylophon {n}")
    indexed()
    client = as_user(clerk)
    with django_assert_max_num_queries(16):
        assert client.get(URL, {"q": "xylophon", "page_size": 2}).json()["count"] == 12
    with django_assert_max_num_queries(16):
        assert len(client.get(URL, {"q": "xylophon", "page_size": 12}).json()["results"]) == 12


def test_anonymous_requests_are_refused(api):
    assert api.get(URL, {"q": "x"}).status_code in (401, 403)


def test_the_portal_page_shows_escaped_snippets_facets_and_the_navbar_box(corpus, client, clerk):
    verify_two_factor(client, clerk)
    response = client.get("/search/", {"q": "cải cách đổi mới"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="nav-search"' in html and 'data-testid="search-result"' in html
    assert "<b>" in html and "<script>alert" not in html
    assert 'data-testid="facet-status"' in html


def test_the_portal_page_says_what_is_wrong_with_a_long_query(client, clerk):
    verify_two_factor(client, clerk)
    response = client.get("/search/", {"q": "x" * 600})
    assert response.status_code == 400 and 'data-testid="search-error"' in response.content.decode()
