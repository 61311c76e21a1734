"""Fixtures for outgoing documents: a chain (department head → agency leader), a current term, issuer codes."""
import io
from datetime import date

import pytest

from accounts.models import Role
from documents.models import CommitteeTerm, DocumentType, Issuer
from documents.services import outgoing
from documents.services.files import Upload
from workflow.models import ChainStep, ChainTemplate

from ..accounts.factories import AgencyFactory, UserFactory
from .builders import pdf_bytes


@pytest.fixture
def term(db):
    return CommitteeTerm.objects.create(name="2025–2030", start_date=date(2025, 10, 15), is_current=True)


@pytest.fixture
def cong_van(db):
    return DocumentType.objects.create(abbreviation="CV", name="Công văn")


@pytest.fixture
def chain(agency, roles, term):
    template = ChainTemplate.objects.create(agency=agency, name="Trưởng phòng → Lãnh đạo cơ quan")
    ChainStep.objects.create(template=template, order=1, name="Trưởng phòng xem xét",
                             actor_kind=ChainStep.ActorKind.DEPARTMENT_ROLE, role=roles[Role.Code.DEPARTMENT_HEAD])
    ChainStep.objects.create(template=template, order=2, name="Lãnh đạo ký duyệt",
                             actor_kind=ChainStep.ActorKind.AGENCY_ROLE, role=roles[Role.Code.AGENCY_LEADER])
    Issuer.objects.create(code="VPTU", name="Văn phòng Tỉnh ủy", org_unit=agency, valid_from=date(2020, 1, 1))
    return template


@pytest.fixture
def recipient_agencies(roles):
    first = AgencyFactory(name="Ban Tuyên giáo và Dân vận Tỉnh ủy", code="BTGDVTU")
    second = AgencyFactory(name="Ban Nội chính Tỉnh ủy", code="BNCTU")
    clerks = [UserFactory(org_unit=a, roles=[Role.Code.CLERK], username=f"vanthu_{a.code.lower()}") for a in (first, second)]
    return [first, second], clerks


def upload() -> Upload:
    return Upload(fileobj=io.BytesIO(pdf_bytes()), name="du-thao.pdf")


def draft(staff, cong_van, recipients=()):
    return outgoing.draft_create(actor=staff, fields={"doc_type": cong_van, "summary": "V/v báo cáo công tác tháng 11"},
                                 recipients=list(recipients), uploads=[upload()])
