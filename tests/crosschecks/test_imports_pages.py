"""The imports' pages: PSD only; upload, mapping, preview with "Import N rows", the result with
its error report (on the page and as CSV), the progress JSON; the list's queries are pinned."""

from __future__ import annotations

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from registers.crosschecks.models import Contract, ImportBatch, ImportStatus
from registers.crosschecks.services import imports
from tests.crosschecks.factories import ImportBatchFactory

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Type",
    "Contract Ref",
    "Description",
    "Vendor",
    "Company Reg No",
    "Award date",
    "Value",
]
ROWS = [
    [
        "contract",
        "C-100",
        "Fleet servicing",
        "Northline Fleet Services Ltd",
        "",
        "01/04/2025",
        "100",
    ],
    ["contract", "C-101", "Fuel cards", "Fuelcard Co Ltd", "", "02/04/2025", "200"],
]


@pytest.fixture(autouse=True)
def _import_root(settings, tmp_path):
    settings.CROSSCHECK_IMPORT_ROOT = tmp_path / "imports"


def _file(rows=ROWS, name="register.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tablib.Dataset(*rows, headers=HEADINGS).export("csv").encode())


def test_upload_map_preview_and_import(caseworker, client_for, django_capture_on_commit_callbacks):
    client = client_for(caseworker)

    response = client.post(
        reverse("crosschecks:import_new"), {"kind": "procurement", "file": _file()}
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("crosschecks:import_mapping", args=[batch.pk])

    page = client.get(response.url).content.decode()
    # The suggestion is preselected: "Vendor" holds the supplier's name.
    assert '<option value="3" selected>Vendor</option>' in page
    form = {name: "" if index is None else str(index) for name, index in batch.mapping.items()}
    response = client.post(response.url, form)
    assert response.url == reverse("crosschecks:import_preview", args=[batch.pk])

    page = client.get(response.url).content.decode()
    assert "Import 2 rows" in page
    assert "Northline Fleet Services Ltd" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(response.url)
    assert response.url == reverse("crosschecks:import_detail", args=[batch.pk])
    assert Contract.objects.count() == 2
    page = client.get(response.url).content.decode()
    assert "2 rows imported" in page


def test_the_mapping_page_says_what_is_missing(caseworker, client_for):
    client = client_for(caseworker)
    client.post(reverse("crosschecks:import_new"), {"kind": "procurement", "file": _file()})
    batch = ImportBatch.objects.get()

    page = client.post(
        reverse("crosschecks:import_mapping", args=[batch.pk]), {"reference": ""}
    ).content.decode()

    assert "There is a problem" in page
    assert "Select the column that holds the reference" in page


def test_a_png_named_csv_is_refused_on_the_page(caseworker, client_for):
    png = SimpleUploadedFile("register.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)

    page = (
        client_for(caseworker)
        .post(reverse("crosschecks:import_new"), {"kind": "procurement", "file": png})
        .content.decode()
    )

    assert "The selected file must be a CSV or XLSX file" in page
    assert ImportBatch.objects.count() == 0


def test_errors_are_shown_row_by_row_and_download_as_csv(caseworker, client_for):
    client = client_for(caseworker)
    rows = [*ROWS, ["contract", "C-102", "Vans", "Vans Ltd", "", "01/04/2025", "twelve"]]
    client.post(reverse("crosschecks:import_new"), {"kind": "procurement", "file": _file(rows)})
    batch = ImportBatch.objects.get()
    form = {name: "" if index is None else str(index) for name, index in batch.mapping.items()}
    client.post(reverse("crosschecks:import_mapping", args=[batch.pk]), form)

    page = client.get(reverse("crosschecks:import_preview", args=[batch.pk])).content.decode()
    assert "Row 4, value: &#x27;twelve&#x27; is not a number" in page
    assert "Import 2 rows" not in page
    download = client.get(
        reverse("crosschecks:import_detail", args=[batch.pk]) + "?download=errors"
    )
    assert download["Content-Type"] == "text/csv"
    assert "4,value,'twelve' is not a number" in download.content.decode()


def test_the_progress_json_reads_the_importers_running_count(caseworker, client_for):
    from django.core.cache import cache

    batch = ImportBatchFactory(
        status=ImportStatus.IMPORTING, rows_total=4000, uploaded_by=caseworker
    )
    cache.set(imports.progress_key(batch.pk), 1000)
    try:
        data = (
            client_for(caseworker)
            .get(reverse("crosschecks:import_progress", args=[batch.pk]))
            .json()
        )
    finally:
        cache.delete(imports.progress_key(batch.pk))

    assert data == {
        "status": "importing", "status_label": "Importing", "rows_done": 1000,
        "rows_total": 4000, "percent": 25, "finished": False,
    }  # fmt: skip


def test_the_detail_page_of_a_running_import_has_a_progress_bar_and_refresh(caseworker, client_for):
    batch = ImportBatchFactory(status=ImportStatus.QUEUED, rows_total=4000, uploaded_by=caseworker)

    page = (
        client_for(caseworker)
        .get(reverse("crosschecks:import_detail", args=[batch.pk]))
        .content.decode()
    )

    assert '<progress id="import-progress-bar" class="app-progress" max="100" value="0"' in page
    assert "js/import-progress" in page
    assert ">Refresh</button>" in page


def test_the_list_shows_the_history_in_a_fixed_number_of_queries(
    caseworker, client_for, django_assert_max_num_queries
):
    client = client_for(caseworker)
    ImportBatchFactory.create_batch(3)
    client.get(reverse("crosschecks:imports"))
    ImportBatchFactory.create_batch(10)

    with django_assert_max_num_queries(12):
        page = client.get(reverse("crosschecks:imports")).content.decode()

    assert page.count("IMP-") == 13


def test_the_ccu_and_staff_get_a_404(ccu_head, staff_member, client_for):
    batch = ImportBatchFactory()
    for user in (ccu_head, staff_member):
        client = client_for(user)
        assert client.get(reverse("crosschecks:imports")).status_code == 404
        assert client.get(reverse("crosschecks:import_detail", args=[batch.pk])).status_code == 404
        assert (
            client.get(reverse("crosschecks:import_progress", args=[batch.pk])).status_code == 404
        )


def test_the_upload_page_says_everything_missing_at_once(caseworker, client_for):
    page = client_for(caseworker).post(reverse("crosschecks:import_new"), {}).content.decode()

    assert "Select what the file holds" in page
    assert "Select a file to upload" in page
