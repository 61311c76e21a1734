"""runs_awaiting answers in one query what step_actor decides run by run: the two must agree for every kind of step."""
from datetime import date

import pytest
from django.contrib.auth.models import Group

from accounts import services as account_services
from accounts.models import Role
from documents.services import outgoing
from workflow.models import ChainRun, ChainStep, ChainTemplate
from workflow.policies import awaiting_run_ids, runs_awaiting, step_actor

from ..accounts.factories import UserFactory
from ..documents.outgoing_setup import cong_van, draft, term, upload  # noqa: F401  (fixtures)

Kind = ChainStep.ActorKind


@pytest.fixture
def mixed_chain(agency, roles, head):
    template = ChainTemplate.objects.create(agency=agency, name="Mọi loại bước")
    group = Group.objects.create(name="Tổ thư ký")
    steps = [
        dict(actor_kind=Kind.PERSON, person=head),
        dict(actor_kind=Kind.GROUP, group=group),
        dict(actor_kind=Kind.DEPARTMENT_ROLE, role=roles[Role.Code.DEPARTMENT_HEAD]),
        dict(actor_kind=Kind.AGENCY_ROLE, role=roles[Role.Code.AGENCY_LEADER]),
        dict(actor_kind=Kind.AGENCY_ROLE, role=None),
    ]
    for order, fields in enumerate(steps, start=1):
        ChainStep.objects.create(template=template, order=order, name=f"Bước {order}", **fields)
    return template, group


def run_at(template, document, order, status=ChainRun.Status.ACTIVE):
    return ChainRun.objects.create(document=document, template=template, version=document.files.first().versions.first(),
                                   current_order=order, status=status, started_by=document.registered_by)


@pytest.mark.django_db
def test_runs_awaiting_agrees_with_step_actor_for_every_kind_of_step(
        agency, department, staff, head, leader, clerk, cong_van, mixed_chain, foreign_agency, foreign_leader, roles):
    template, group = mixed_chain
    member = UserFactory(org_unit=department, roles=[Role.Code.STAFF], username="thuky")
    member.groups.add(group)
    deputy = UserFactory(org_unit=agency, roles=[Role.Code.STAFF], username="capho")
    account_services.delegation_create(actor=leader, deputy=deputy, start_date=date.today(), end_date=date.today())
    no_unit = UserFactory(org_unit=None, roles=[Role.Code.DEPARTMENT_HEAD], username="khongdonvi")
    no_role = UserFactory(org_unit=department, roles=[], username="khongvaitro")
    runs = {order: run_at(template, draft(staff, cong_van), order) for order in range(1, 6)}
    by_head = run_at(template, draft(head, cong_van), 3)  # a drafter never approves their own draft
    run_at(template, draft(staff, cong_van), 4, status=ChainRun.Status.RETURNED)
    foreign_template = ChainTemplate.objects.create(agency=foreign_agency, name="Lãnh đạo Ban")
    ChainStep.objects.create(template=foreign_template, order=1, name="Ký", actor_kind=Kind.AGENCY_ROLE,
                             role=roles[Role.Code.AGENCY_LEADER])
    foreign_staff = UserFactory(org_unit=foreign_agency, roles=[Role.Code.STAFF], username="chuyenvien_btc")
    foreign = run_at(foreign_template, outgoing.draft_create(
        actor=foreign_staff, fields={"doc_type": cong_van, "summary": "Báo cáo"}, recipients=[],
        uploads=[upload()]), 1)

    active = list(ChainRun.objects.filter(status=ChainRun.Status.ACTIVE))
    users = [staff, head, leader, clerk, member, deputy, no_unit, no_role, foreign_leader, foreign_staff]
    for user in users:
        expected = {run.pk for run in active if step_actor(user, run)[0]}
        assert {run.pk for run in runs_awaiting(user)} == expected, user.username
        assert {run for run, _ in awaiting_run_ids(user)} == expected, user.username
    # and the agreement is not vacuous: each kind of step finds its actor, and only them
    assert {r.pk for r in runs_awaiting(head)} == {runs[1].pk, runs[3].pk}
    assert {r.pk for r in runs_awaiting(member)} == {runs[2].pk}
    assert {r.pk for r in runs_awaiting(leader)} == {runs[4].pk}
    assert {r.pk for r in runs_awaiting(deputy)} == {runs[4].pk}  # on the leader's behalf
    assert {r.pk for r in runs_awaiting(foreign_leader)} == {foreign.pk}
    assert runs_awaiting(no_unit) == runs_awaiting(no_role) == runs_awaiting(staff) == runs_awaiting(clerk) == []
    assert by_head.pk not in {r.pk for r in runs_awaiting(head)}


@pytest.mark.django_db
def test_runs_awaiting_is_one_query_however_many_runs(django_assert_max_num_queries, staff, head, cong_van, mixed_chain):
    template, _ = mixed_chain
    for _ in range(6):
        run_at(template, draft(staff, cong_van), 3)
    head.refresh_from_db()
    with django_assert_max_num_queries(5):  # delegations, memberships, org unit, its agency, the run ids
        assert len(awaiting_run_ids(head)) == 6
