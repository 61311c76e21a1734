from datetime import date

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import demo_data as demo
from accounts import services
from accounts.models import OrgUnit, Role
from documents import services as document_services
from documents.demo_documents import ALREADY_LOADED, demo_documents_load, demo_documents_loaded
from documents.models import CommitteeTerm, DocumentType, Issuer
from iooffice.services import audited_save

ISSUERS_VALID_FROM = date(2020, 1, 1)

ROLE_NAMES = {
    Role.Code.CLERK: ("Văn thư", "Đăng ký văn bản đến, cấp số và phát hành văn bản đi."),
    Role.Code.STAFF: ("Chuyên viên", "Dự thảo và xử lý văn bản."),
    Role.Code.DEPARTMENT_HEAD: ("Lãnh đạo phòng", "Trưởng, phó phòng: phân công và duyệt trong phòng."),
    Role.Code.AGENCY_LEADER: ("Lãnh đạo cơ quan", "Lãnh đạo ban, Chánh/Phó Văn phòng: chỉ đạo, ký duyệt."),
    Role.Code.ADMIN: ("Quản trị hệ thống", "Quản lý tổ chức, người dùng, danh mục và nhật ký."),
}


def ensure_roles() -> dict[str, Role]:
    return {code: services.role_ensure(actor=None, code=code, name=name, description=desc)
            for code, (name, desc) in ROLE_NAMES.items()}


def ensure_demo_chains(roles) -> None:
    """Each demo agency approves drafts in two steps: the drafter's department head, then an agency leader."""
    from workflow.models import ChainStep, ChainTemplate

    for agency in OrgUnit.objects.filter(kind=OrgUnit.Kind.AGENCY):
        if ChainTemplate.objects.filter(agency=agency, is_active=True).exists():
            continue
        template = audited_save(actor=None, instance=ChainTemplate(agency=agency, name="Trưởng phòng → Lãnh đạo cơ quan"))
        for order, name, kind, role in (
            (1, "Lãnh đạo phòng xem xét", ChainStep.ActorKind.DEPARTMENT_ROLE, roles[Role.Code.DEPARTMENT_HEAD]),
            (2, "Lãnh đạo cơ quan ký duyệt", ChainStep.ActorKind.AGENCY_ROLE, roles[Role.Code.AGENCY_LEADER]),
        ):
            audited_save(actor=None, instance=ChainStep(template=template, order=order, name=name, actor_kind=kind, role=role))


class Command(BaseCommand):
    help = ("Load the demo province (agencies, departments, users in every role, issuers, terms, document types) and "
            "demo documents. Runs once: a second run does nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true")
        parser.add_argument("--no-documents", action="store_true",
                            help="Load the province only, without the demo incoming and outgoing documents.")

    @transaction.atomic
    def handle(self, *args, quiet=False, no_documents=False, **options):
        roles = ensure_roles()
        self._password_hash = make_password(demo.DEMO_PASSWORD)  # hashed once: PBKDF2 per user would take 20 s
        province_new = not OrgUnit.objects.filter(code="TU").exists()
        if province_new:
            self._province(roles)
        ensure_demo_chains(roles)
        documents = None
        if not no_documents and not demo_documents_loaded():
            # With the broker down this still completes: queueing after the commit only logs, and the beat sweeps
            # queue the extractions, indexing and e-mails once it is back.
            documents = demo_documents_load()
        if documents is not None and documents.skipped not in ("", ALREADY_LOADED):
            self.stderr.write(self.style.WARNING(f"Demo documents not loaded: {documents.skipped}."))
        if quiet:
            return
        if province_new:
            self.stdout.write(self.style.SUCCESS("Demo province loaded."))
        if documents is not None and not documents.skipped:
            self.stdout.write(self.style.SUCCESS(
                f"Demo documents loaded: {documents.incoming} incoming, {documents.outgoing} outgoing "
                "(the worker extracts their text and indexes them for search)."))
        elif not province_new:
            self.stdout.write("Demo data already loaded; nothing to do.")

    def _province(self, roles) -> None:
        committee = services.org_unit_create(
            actor=None, name=f"Tỉnh ủy {demo.PROVINCE}", short_name="Tỉnh ủy", code="TU", kind=OrgUnit.Kind.COMMITTEE
        )
        self._reference_data(committee)
        person = iter(range(10_000))
        for order, (code, name, leader_title, deputy_title, departments) in enumerate(demo.AGENCIES, start=1):
            agency = services.org_unit_create(
                actor=None, name=name, code=code, kind=OrgUnit.Kind.AGENCY, parent=committee, sort_order=order
            )
            document_services.reference_create(
                actor=None, model=Issuer, code=code, name=name, org_unit=agency, valid_from=ISSUERS_VALID_FROM
            )
            key = code.lower()
            self._user(f"lanhdao_{key}", leader_title, agency, [roles["agency_leader"]], next(person))
            self._user(f"pholanhdao_{key}", deputy_title, agency, [roles["agency_leader"]], next(person))
            self._user(f"vanthu_{key}", "Văn thư", agency, [roles["clerk"]], next(person))
            for dept_order, (suffix, dept_name) in enumerate(departments, start=1):
                dept = services.org_unit_create(
                    actor=None, name=dept_name, code=f"{code}-{suffix}", kind=OrgUnit.Kind.DEPARTMENT,
                    parent=agency, sort_order=dept_order,
                )
                dkey = f"{key}_{suffix.lower()}"
                self._user(f"truongphong_{dkey}", "Trưởng phòng", dept, [roles["department_head"]], next(person))
                self._user(f"chuyenvien_{dkey}", "Chuyên viên", dept, [roles["staff"]], next(person))
                self._user(f"chuyenvien2_{dkey}", "Chuyên viên", dept, [roles["staff"]], next(person))
        it_department = OrgUnit.objects.get(code="VPTU-CYCNTT")
        self._user("quantri", "Quản trị hệ thống", it_department, [roles["admin"]], next(person))

    def _reference_data(self, committee) -> None:
        document_services.reference_create(
            actor=None, model=Issuer, code="TU", name=committee.name, org_unit=committee, valid_from=ISSUERS_VALID_FROM
        )
        for code, name in demo.EXTERNAL_ISSUERS:
            document_services.reference_create(actor=None, model=Issuer, code=code, name=name, valid_from=ISSUERS_VALID_FROM)
        for name, start, end, current in demo.TERMS:
            document_services.reference_create(
                actor=None, model=CommitteeTerm, name=name, start_date=start, end_date=end, is_current=current
            )
        for order, (abbreviation, name) in enumerate(demo.DOCUMENT_TYPES, start=1):
            document_services.reference_create(
                actor=None, model=DocumentType, abbreviation=abbreviation, name=name, sort_order=order
            )

    def _user(self, username, title, unit, roles, index):
        return services.user_create(
            actor=None,
            username=username,
            full_name=demo.vietnamese_name(index),
            email=f"{username.replace('_', '.')}@{demo.PROVINCE.lower().replace(' ', '')}.example",
            password_hash=self._password_hash,
            org_unit=unit,
            position_title=title,
            roles=roles,
        )
