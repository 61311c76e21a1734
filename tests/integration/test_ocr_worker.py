"""Registration through a real Celery worker process: text extraction, OCR, recovery after a killed worker."""
import os
import signal
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from documents.models import FileVersion
from documents.services.extraction import extraction_sweep

from ..documents.builders import register, scan_pdf_bytes
from ..documents.conftest import _media_in_tmp, clerk  # noqa: F401
from ..processes import start_worker, stop, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker_env(settings):
    """The worker must see this test's database and media directory."""
    db = connection.settings_dict
    host = db["HOST"] or "127.0.0.1"
    return {
        "DATABASE_URL": f"postgres://{db['USER']}@{host}:{db['PORT'] or 5432}/{db['NAME']}",
        "IOOFFICE_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "IOOFFICE_SEARCH_INDEX_DIR": str(settings.MEDIA_ROOT) + "-search-index",
    }


def version_of(document) -> FileVersion:
    return FileVersion.objects.get(file__document=document)


def status_of(document) -> str:
    return version_of(document).extraction_status


def test_a_registered_scan_is_ocred_by_the_worker(clerk, worker_env):  # noqa: F811
    worker = start_worker("ocrtest", env=worker_env)
    try:
        document = register(clerk, content=scan_pdf_bytes())
        assert wait_for(lambda: status_of(document) in ("done", "failed"), timeout=180), status_of(document)
        version = version_of(document)
        assert version.extraction_status == "done", version.extraction_error
        assert "Nghệ An" in version.text and "cải cách hành chính" in version.text
        assert version.text_method == "ocr" and version.searchable_pdf
    finally:
        stop(worker)


def test_a_worker_killed_mid_ocr_leaves_the_document_registered_and_the_sweep_finishes_it(clerk, worker_env):  # noqa: F811
    worker = start_worker("killed", env=worker_env)
    document = register(clerk, content=scan_pdf_bytes(pages=4))
    try:
        assert wait_for(lambda: status_of(document) in ("extracting", "ocr"), timeout=120, interval=0.2)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
    assert status_of(document) in ("extracting", "ocr")
    document.refresh_from_db()
    assert document.status == "registered"

    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert extraction_sweep() == [version_of(document).pk]
    assert status_of(document) == "queued"
    survivor = start_worker("survivor", env=worker_env)
    try:
        assert wait_for(lambda: status_of(document) == "done", timeout=240), version_of(document).extraction_error
        assert "Nghệ An" in version_of(document).text
    finally:
        stop(survivor)
