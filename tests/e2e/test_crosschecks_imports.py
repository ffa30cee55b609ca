"""PSD import a procurement register in the browser: the upload (with its errors), the column
mapping, the preview with a bad row reported, then a corrected file large enough to go to the
background importer, whose progress page waits with its bar and, polling, shows the result when
the import has finished. Every page passes axe."""

from __future__ import annotations

import pytest
import tablib

from registers.crosschecks.imports import tasks
from registers.crosschecks.models import ImportBatch
from registers.crosschecks.services.imports import import_batch_run
from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
]

HEADINGS = [
    "Type",
    "Contract Ref",
    "Description",
    "Vendor",
    "Company Reg No",
    "Award date",
    "Value",
]


def _file(rows) -> dict:
    data = tablib.Dataset(*rows, headers=HEADINGS).export("xlsx")
    return {
        "name": "procurement.xlsx",
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "buffer": data,
    }


def _rows(count: int) -> list[list]:
    return [
        ["contract", f"C-{n:04d}", "Fleet servicing", f"Supplier {n} Ltd", "", "01/04/2025", "100"]
        for n in range(1, count + 1)
    ]


def test_upload_map_preview_and_import_in_the_background(
    browser,
    live_server,
    demo_force,
    screenshot,
    settings,
    tmp_path,
    monkeypatch,
):
    settings.CROSSCHECK_IMPORT_ROOT = tmp_path / "imports"
    settings.CROSSCHECK_IMPORT_INLINE_ROWS = 50
    url = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    sign_in(page, url, demo_force["psd.caseworker"])
    page.wait_for_url(f"{url}/")

    page.goto(f"{url}/registers/crosschecks/imports/")
    assert_accessible(page)
    page.get_by_role("button", name="Import a file").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("There is a problem").wait_for()
    assert page.get_by_text("Select what the file holds").count() >= 1
    screenshot(page, "crosschecks-imports-01-upload-errors")
    assert_accessible(page)

    # A file with a bad value: reported by row and field; nothing can be imported.
    page.get_by_label("Procurement register").check()
    page.set_input_files(
        "#id_file",
        files=[_file([*_rows(3), ["contract", "C-9", "Vans", "Vans Ltd", "", "soon", "5"]])],
    )
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Match the columns").wait_for()
    assert page.get_by_label("Supplier name").input_value() == "3"  # "Vendor", as suggested
    screenshot(page, "crosschecks-imports-02-mapping")
    assert_accessible(page)
    page.get_by_role("button", name="Check the rows").click()
    page.get_by_role("heading", name="Check the rows").wait_for()
    page.get_by_text("Row 5, date: 'soon' is not a date").wait_for()
    assert page.get_by_role("button", name="Import").count() == 0
    screenshot(page, "crosschecks-imports-03-preview-errors")
    assert_accessible(page)

    # The corrected file, too large to import while PSD wait: the background importer takes it.
    page.goto(f"{url}/registers/crosschecks/imports/new/")
    page.get_by_label("Procurement register").check()
    page.set_input_files("#id_file", files=[_file(_rows(1200))])
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Check the rows").click()
    page.get_by_role("button", name="Import 1200 rows").wait_for()
    screenshot(page, "crosschecks-imports-04-preview")
    assert_accessible(page)
    # The task is held back so the progress page can be seen waiting (a real worker runs it in
    # tests/crosschecks/test_imports_worker.py); the importer's work is then done from here.
    queued = []
    monkeypatch.setattr(tasks.import_batch, "delay", lambda batch_id: queued.append(batch_id))
    page.get_by_role("button", name="Import 1200 rows").click()
    page.get_by_label("Progress").wait_for()
    assert page.get_by_role("button", name="Refresh").is_visible()
    screenshot(page, "crosschecks-imports-05-progress")
    assert_accessible(page)
    assert queued == [ImportBatch.objects.latest("pk").pk]
    assert import_batch_run(batch_id=queued[0]) is True
    # The progress page polls and reloads itself when the import has finished.
    page.get_by_text("Imported", exact=True).first.wait_for(timeout=60_000)
    page.get_by_text("The cross-checks compare the imported rows").wait_for()
    screenshot(page, "crosschecks-imports-06-imported")
    assert_accessible(page)
    page.goto(f"{url}/registers/crosschecks/imports/")
    assert page.locator("[data-testid=imports] tbody tr").count() == 2
    screenshot(page, "crosschecks-imports-07-list")
    assert_accessible(page)
    context.close()
