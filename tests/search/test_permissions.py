"""Nothing leaks: results, totals and facet counts cover only what documents.policies lets the user see."""
import pytest

from accounts.models import Role
from documents import policies
from documents.models import Document
from documents.services.quarantine import document_quarantine_if_marked
from search.services import search_for_user
from workflow.services import AssignmentSpec, direction_give

from ..accounts.factories import UserFactory
from .conftest import found


@pytest.fixture
def secret_word_docs(make_document, indexed):
    documents = [make_document(f"Đề án xylophon số {n}", text="xylophon trong nội dung") for n in range(3)]
    indexed()
    return documents


@pytest.fixture
def situations(make_document, make_user, leader, department, other_department):
    """Documents in every access situation (owned, assigned to a unit, to a person, quarantined) and the users
    the tests add to the standard roles: a staff member of another department, its head, an administrator."""
    plain = make_document("Một xylophon")
    to_unit = make_document("Hai xylophon")
    to_person = make_document("Ba xylophon")
    quarantined = make_document("Bốn xylophon")
    outsider = make_user(Role.Code.STAFF, org_unit=other_department, username="ngoai")
    outsiders_head = make_user(Role.Code.DEPARTMENT_HEAD, org_unit=other_department, username="tp_ngoai")
    admin = make_user(Role.Code.ADMIN, username="quantri")
    direction_give(actor=leader, document=to_unit, text="x", assignments=[AssignmentSpec(role="lead", unit=department)])
    direction_give(actor=leader, document=to_person, text="x", assignments=[AssignmentSpec(role="lead", user=outsider)])
    document_quarantine_if_marked(document_id=quarantined.pk, text="TỐI MẬT")
    documents = [plain, to_unit, to_person, quarantined]
    return [d.pk for d in documents], (outsider, outsiders_head, admin)


def test_a_foreign_agencys_user_gets_no_result_and_no_count_for_a_word_only_in_documents_they_cannot_see(
    secret_word_docs, clerk, foreign_clerk, foreign_leader
):
    assert len(found(clerk, "xylophon")) == 3
    for user in (foreign_clerk, foreign_leader):
        page = search_for_user(user, "xylophon")
        assert page.results == [] and page.total == 0
        assert all(values == [] for values in page.facets.values()), page.facets
        empty = search_for_user(user, "")  # browsing everything shows nothing of theirs either
        assert empty.total == 0


def test_staff_see_only_what_is_assigned_to_their_unit_or_to_them(make_document, indexed, leader, staff, department, head):
    assigned = make_document("Chuẩn bị hội nghị tổng kết xylophon")
    other = make_document("Tài liệu xylophon không giao")
    direction_give(actor=leader, document=assigned, text="Phòng Tổng hợp chủ trì", assignments=[AssignmentSpec(role="lead", unit=department)])
    indexed()
    page = search_for_user(staff, "xylophon")
    assert [r.document.pk for r in page.results] == [assigned.pk] and page.total == 1
    assert {v.value: v.count for v in page.facets["status"]} == {"in_progress": 1}
    assert found(leader, "xylophon") != [] and other.pk in found(leader, "xylophon")


def test_a_quarantined_document_is_found_only_by_its_clerk_and_the_agency_leaders(make_document, indexed, clerk, leader, make_user, agency):
    document = make_document("Văn bản nghi mật xylophon")
    other_clerk = make_user(Role.Code.CLERK, org_unit=agency, username="vanthu2")
    admin = make_user(Role.Code.ADMIN, username="quantri")
    document_quarantine_if_marked(document_id=document.pk, text="MẬT\nxylophon")
    indexed()
    assert found(clerk, "xylophon") == [document.pk]
    assert found(leader, "xylophon") == [document.pk]
    assert found(other_clerk, "xylophon") == [] and found(admin, "xylophon") == []
    assert search_for_user(other_clerk, "xylophon").total == 0


def test_index_access_keys_agree_with_the_policy_for_every_role(
    situations, clerk, leader, head, staff, agency, foreign_clerk, foreign_leader, make_user
):
    """GIVEN documents in every access situation and users of every role
    WHEN the index's access rule (access_keys_allow) is evaluated
    THEN it answers exactly as document_visibility_q does."""
    ids, (outsider, outsiders_head, admin) = situations
    inactive = make_user(Role.Code.AGENCY_LEADER, org_unit=agency, username="nghi", is_active=False)
    users = [clerk, leader, head, staff, outsider, outsiders_head, admin, inactive, foreign_clerk, foreign_leader]
    for document in Document.objects.filter(pk__in=ids):
        keys = policies.document_access_keys(document)
        for user in users:
            assert policies.access_keys_allow(keys, policies.user_access_keys(user)) == policies.document_can_view(user, document), (
                document.summary, user.username)


def test_an_inactive_user_finds_nothing(make_document, indexed, make_user, agency):
    make_document("xylophon")
    indexed()
    gone = UserFactory(org_unit=agency, roles=[Role.Code.AGENCY_LEADER], is_active=False)
    assert search_for_user(gone, "xylophon").total == 0


def test_the_index_query_returns_exactly_what_the_policy_lets_each_role_see(
    situations, indexed, clerk, leader, head, staff, foreign_clerk, foreign_leader
):
    """GIVEN documents in every access situation (owned, assigned to a unit, to a person, quarantined)
    WHEN each role searches a word they all share, and browses with no words
    THEN the index answers exactly as document_can_view does: the administrator's clause excludes what
    administrators may not see and the quarantine clause excludes what is withheld, rather than listing matches."""
    ids, (outsider, outsiders_head, admin) = situations
    indexed()
    documents = list(Document.objects.filter(pk__in=ids))
    for user in (clerk, leader, head, staff, outsider, outsiders_head, admin, foreign_clerk, foreign_leader):
        allowed = sorted(d.pk for d in documents if policies.document_can_view(user, d))
        for text in ("xylophon", ""):
            page = search_for_user(user, text)
            assert sorted(r.document.pk for r in page.results) == allowed and page.total == len(allowed), (user.username, text)
            assert sum(v.count for v in page.facets["kind"]) == len(allowed), (user.username, text)


def test_the_page_re_check_narrowed_to_the_page_equals_the_plain_policy(
    situations, make_document, clerk, leader, head, staff, foreign_clerk
):
    """GIVEN documents in every access situation WHEN the visibility filter is built for a page of ids, with the
    awaiting drafts already read THEN it admits exactly what the plain filter admits among those ids."""
    page, (outsider, _, admin) = situations
    make_document("Năm, không thuộc trang")
    for user in (clerk, leader, head, staff, outsider, foreign_clerk, admin):
        keys = policies.user_access_keys(user)
        narrowed = Document.objects.filter(policies.document_visibility_q(user, awaiting_ids=keys.document_ids, among=page))
        plain_rule = Document.objects.filter(policies.document_visibility_q(user), pk__in=page)
        assert sorted(narrowed.values_list("pk", flat=True)) == sorted(plain_rule.values_list("pk", flat=True)), user.username


def test_a_head_finds_what_a_leader_gave_one_of_the_departments_people_directly(
        make_document, indexed, leader, staff, head, make_user, other_department):
    document = make_document("Giao trực tiếp xylophon")
    direction_give(actor=leader, document=document, text="Đồng chí chuyên viên chủ trì",
                   assignments=[AssignmentSpec(role="lead", user=staff)])
    other_head = make_user(Role.Code.DEPARTMENT_HEAD, org_unit=other_department, username="tp_khac")
    indexed()
    assert policies.document_can_view(head, document) and found(head, "xylophon") == [document.pk]
    assert not policies.document_can_view(other_head, document) and found(other_head, "xylophon") == []
