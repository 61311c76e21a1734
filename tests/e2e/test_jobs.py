"""In the browser: a clerk exports the incoming register; the job page's progress bar waits, then a real worker
runs the export, the bar reaches done without a reload, and the file downloads."""
import io

import pytest
from openpyxl import load_workbook

from ..documents.builders import register
from ..documents.conftest import _media_in_tmp, clerk  # noqa: F401
from ..integration.test_ocr_worker import worker_env  # noqa: F401
from ..processes import start_worker, stop
from .test_outgoing import log_in

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_a_register_export_shows_its_progress_and_downloads(page, clerk, worker_env, screenshot, tmp_path):  # noqa: F811
    for number in range(1, 6):
        register(clerk, symbol=f"{number}-CV/TU", summary=f"Về việc triển khai nhiệm vụ số {number}")
    log_in(page, "vanthu")
    page.goto("/incoming/register/")
    with page.expect_navigation():
        page.get_by_test_id("export-xlsx").click()
    assert "/jobs/" in page.url
    status = page.get_by_test_id("job-status")
    assert status.get_attribute("data-status") == "queued"
    assert page.get_by_test_id("job-progress").is_visible()
    screenshot("job-queued-vi")

    worker = start_worker("e2e-jobs", env=worker_env)
    try:
        page.wait_for_selector('[data-testid="job-status"][data-status="done"]', timeout=90_000)
    finally:
        stop(worker)
    assert page.get_by_test_id("job-progress").get_attribute("aria-valuenow") == "100"
    screenshot("job-done-vi")
    with page.expect_download() as info:
        page.get_by_test_id("job-download").click()
    download = info.value
    assert download.suggested_filename.startswith("so-van-ban-den-") and download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    sheet = load_workbook(io.BytesIO(path.read_bytes())).active
    assert [sheet.cell(row=r, column=2).value for r in range(3, 8)] == [1, 2, 3, 4, 5]
