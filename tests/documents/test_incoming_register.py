import hashlib
import io
import unicodedata
import zipfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from accounts.models import Role
from documents.models import ArrivalCounter, Document, FileVersion
from documents.services.incoming import DuplicateDocument, SecretDocumentRefused
from iooffice.audit.models import AuditEvent

from .builders import pdf_bytes, pdf_upload, register, register_fields

URL = "/api/v1/incoming/"


def post(api, files=None, **overrides):
    data = register_fields(**overrides)
    data["files"] = files if files is not None else [pdf_upload()]
    return api.post(URL, data, format="multipart", HTTP_ACCEPT_LANGUAGE="vi")


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.django_db
class TestRegisterThroughTheApi:
    def test_clerk_registers_a_pdf_and_gets_arrival_number_one_then_two(self, api, clerk):
        api.force_authenticate(clerk)
        first = post(api)
        assert first.status_code == 201, first.json()
        assert first.json()["arrival_number"] == 1 and first.json()["status"] == "registered"
        assert post(api).json()["arrival_number"] == 2
        version = FileVersion.objects.get(file__document_id=first.json()["id"])
        assert version.extraction_status == "queued" and version.mime_type == "application/pdf"
        assert AuditEvent.objects.filter(action="document.incoming.register", object_id=str(first.json()["id"])).exists()

    def test_file_is_stored_under_a_generated_name_with_its_hash(self, api, clerk):
        api.force_authenticate(clerk)
        content = pdf_bytes()
        body = post(api, files=[pdf_upload("../../etc/Công văn\u202eFDP.exe.pdf", content)]).json()
        version = FileVersion.objects.select_related("file").get(file__document_id=body["id"])
        assert version.sha256 == hashlib.sha256(content).hexdigest() and version.size == len(content)
        assert "Công văn" not in version.blob.name and ".." not in version.blob.name
        assert "/" not in version.file.display_name and "\u202e" not in version.file.display_name
        assert Path(version.blob.path).read_bytes() == content

    @pytest.mark.parametrize("level", ["secret", "top_secret", "absolute_secret"])
    def test_secret_documents_are_refused_and_nothing_is_stored(self, api, clerk, level):
        api.force_authenticate(clerk)
        response = post(api, secrecy=level)
        assert response.status_code == 400
        assert response.json()["code"] == "secret_document_refused"
        assert "ngoài hệ thống" in response.json()["message"]
        assert not Document.objects.exists() and not stored_files()

    def test_an_archive_is_refused_and_the_number_is_not_used(self, api, clerk):
        api.force_authenticate(clerk)
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as z:
            z.writestr("a.txt", "xin chào")
        response = post(api, files=[pdf_upload("scan.pdf", archive.getvalue())])
        assert response.status_code == 400 and response.json()["code"] == "archive_not_allowed"
        assert not Document.objects.exists() and not stored_files()
        assert post(api).json()["arrival_number"] == 1

    def test_one_bad_file_among_good_ones_refuses_all(self, api, clerk):
        api.force_authenticate(clerk)
        response = post(api, files=[pdf_upload(), pdf_upload("rong.pdf", b"")])
        assert response.status_code == 400 and response.json()["code"] == "empty_file", response.content
        assert not Document.objects.exists() and not stored_files()

    def test_no_file_is_refused(self, api, clerk):
        api.force_authenticate(clerk)
        assert post(api, files=[]).json()["code"] == "no_files"

    def test_missing_summary_is_a_validation_error(self, api, clerk):
        api.force_authenticate(clerk)
        response = post(api, summary="")
        assert response.json()["code"] == "validation_error" and "summary" in response.json()["details"]

    @pytest.mark.parametrize("role", [Role.Code.STAFF, Role.Code.DEPARTMENT_HEAD, Role.Code.AGENCY_LEADER])
    def test_only_clerks_register(self, api, make_user, role):
        api.force_authenticate(make_user(role))
        assert post(api).status_code == 403
        assert not Document.objects.exists()

    def test_nfd_text_is_stored_as_nfc(self, api, clerk):
        api.force_authenticate(clerk)
        nfd = unicodedata.normalize("NFD", "Về việc cải cách hành chính")
        body = post(api, summary=nfd).json()
        assert Document.objects.get(pk=body["id"]).summary == unicodedata.normalize("NFC", nfd)


@pytest.mark.django_db
class TestDuplicates:
    def test_same_issuer_symbol_and_date_is_reported_then_accepted_with_a_reason(self, api, clerk):
        api.force_authenticate(clerk)
        first = post(api, symbol="45-CV/BTCTU").json()
        again = post(api, symbol="45-cv / btctu")
        assert again.status_code == 409 and again.json()["code"] == "duplicate_document"
        assert again.json()["details"]["existing"][0]["id"] == first["id"]
        copy = api.post(URL, {**register_fields(symbol="45-CV/BTCTU"), "files": [pdf_upload()],
                              "duplicate_reason": "Bản thứ hai gửi kèm phụ lục"}, format="multipart")
        assert copy.status_code == 201
        assert Document.objects.get(pk=copy.json()["id"]).duplicate_of_id == first["id"]

    def test_the_same_file_is_a_duplicate_even_with_other_metadata(self, clerk):
        content = pdf_bytes("same")
        register(clerk, content=content)
        with pytest.raises(DuplicateDocument):
            register(clerk, content=content, symbol="99-BC/TU")

    def test_another_agency_may_register_the_same_document(self, clerk, foreign_clerk):
        content = pdf_bytes("shared")
        register(clerk, content=content, symbol="7-TB/TU")
        assert register(foreign_clerk, content=content, symbol="7-TB/TU").arrival_number == 1


@pytest.mark.django_db
class TestArrivalNumbers:
    def test_numbers_run_per_agency(self, clerk, foreign_clerk):
        assert [register(clerk).arrival_number for _ in range(3)] == [1, 2, 3]
        assert register(foreign_clerk).arrival_number == 1

    def test_numbers_restart_each_calendar_year_in_vietnam_time(self, clerk):
        hcm = ZoneInfo("Asia/Ho_Chi_Minh")
        late = register(clerk, arrival_at=datetime(2026, 12, 31, 23, 30, tzinfo=hcm))
        assert (late.arrival_year, late.arrival_number) == (2026, 1)
        new_year = register(clerk, arrival_at=datetime(2027, 1, 1, 0, 10, tzinfo=hcm))
        assert (new_year.arrival_year, new_year.arrival_number) == (2027, 1)
        assert register(clerk, arrival_at=datetime(2026, 12, 31, 8, 0, tzinfo=hcm)).arrival_number == 2

    def test_the_database_refuses_a_second_secret_document(self, clerk):
        from django.db import IntegrityError, transaction

        document = register(clerk)
        with pytest.raises(IntegrityError), transaction.atomic():
            Document.objects.filter(pk=document.pk).update(secrecy="secret")

    def test_service_refuses_secrecy_before_anything(self, clerk):
        with pytest.raises(SecretDocumentRefused):
            register(clerk, secrecy="top_secret")
        assert not ArrivalCounter.objects.exists()
