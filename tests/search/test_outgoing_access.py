"""Outgoing drafts: the drafter, the drafting unit's head and whoever must approve now find them; nobody else."""
from documents import policies
from documents.models import Document
from documents.services import outgoing
from search.tasks import index_document

from ..documents.outgoing_setup import chain, cong_van, draft, term  # noqa: F401
from .conftest import found


def test_a_submitted_draft_is_found_by_exactly_the_people_the_policy_lets_see_it(
    chain, cong_van, staff, head, leader, clerk, foreign_clerk, make_user, other_department, agency  # noqa: F811
):
    from accounts.models import Role

    outsider = make_user(Role.Code.STAFF, org_unit=other_department, username="ngoai")
    other_head = make_user(Role.Code.DEPARTMENT_HEAD, org_unit=other_department, username="tp_khac")
    document = draft(staff, cong_van)
    outgoing.draft_submit(actor=staff, document=document)
    index_document(document.pk)  # outgoing services do not call search.hooks yet: the worker's task, by hand
    keys = policies.document_access_keys(Document.objects.get(pk=document.pk))
    for user in (staff, head, leader, clerk, foreign_clerk, outsider, other_head):
        may = policies.document_can_view(user, document)
        assert policies.access_keys_allow(keys, policies.user_access_keys(user), document.pk) == may, user.username
        assert (found(user, "bao cao cong tac thang 11") == [document.pk]) == may, user.username
