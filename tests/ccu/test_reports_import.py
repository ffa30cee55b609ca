"""The historic 5x5x5 import: the head of the CCU only, files checked by content, a preview of
every row, all or nothing, and a second import of the same data writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from ccu.models import Grading, GradingScheme, IntelligenceReport, ReportSource
from ccu.services import imports

pytestmark = pytest.mark.django_db

HEADERS = imports.COLUMNS
ROWS = [
    (
        "2019-03-27",
        "line_manager",
        "disclosure;systems-misuse",
        "An officer searched a relative on force systems.",
        "DC Brown said PC Green looked up his cousin.",
        "DC Brown",
        "B",
        "2",
        "4",
    ),
    (
        "14/11/2020",
        "Vetting",
        "association",
        "A member of staff associates with a known offender.",
        "Vetting interview notes, page 3.",
        "Vetting unit",
        "C",
        "3",
        "1",
    ),
]


def _csv(rows=ROWS) -> bytes:
    return tablib.Dataset(*rows, headers=HEADERS).export("csv").encode()


def _xlsx(rows=ROWS) -> bytes:
    return tablib.Dataset(*rows, headers=HEADERS).export("xlsx")


def _import(data: bytes, user):
    return imports.reports_import(data=data, acting_user=user, today=dt.date.today())


@pytest.mark.parametrize("make", [_csv, _xlsx])
def test_the_head_imports_historic_reports_with_their_5x5x5_grades(ccu_head, make):
    preview = _import(make(), ccu_head)
    assert len(preview.new_rows) == 2
    first = IntelligenceReport.objects.get(received_on=dt.date(2019, 3, 27))
    assert first.grade == "B24"
    assert first.operation is None and first.owner == ccu_head
    assert sorted(first.categories.values_list("code", flat=True)) == [
        "disclosure",
        "systems-misuse",
    ]
    grading = Grading.objects.get(report=first)
    assert grading.scheme == GradingScheme.HISTORIC
    assert (grading.source_evaluation, grading.intelligence_assessment, grading.handling_code) == (
        "B",
        "2",
        "4",
    )
    assert ReportSource.objects.get(report=first).original_text.startswith("DC Brown said")
    second = IntelligenceReport.objects.get(received_on=dt.date(2020, 11, 14))
    assert second.route == "vetting" and second.grade == "C31"
    reason = first.history.first().history_change_reason
    assert reason == f"Imported from historic file {preview.digest}"


def test_importing_the_same_data_again_writes_nothing(ccu_head):
    _import(_csv(), ccu_head)
    counts = (IntelligenceReport.objects.count(), Grading.objects.count())
    history = IntelligenceReport.history.count()
    # The same file, and the same rows saved again as a workbook (different bytes).
    for data in (_csv(), _xlsx()):
        preview = _import(data, ccu_head)
        assert preview.new_rows == [] and len(preview.skipped) == 2
    assert (IntelligenceReport.objects.count(), Grading.objects.count()) == counts
    assert IntelligenceReport.history.count() == history
    # One new row among the old ones: only it is imported.
    extra = (*ROWS, ("2021-01-05", "complaint", "other", "New.", "Orig.", "", "A", "1", "1"))
    preview = _import(_csv(extra), ccu_head)
    assert len(preview.new_rows) == 1
    assert IntelligenceReport.objects.count() == counts[0] + 1


def test_one_bad_row_and_nothing_is_imported_with_a_row_by_row_report(ccu_head):
    bad = (
        ROWS[0],
        ("2019-02-30", "carrier pigeon", "nonsense", "", "x", "", "F", "6", "0"),
    )
    with pytest.raises(ValidationError):
        _import(_csv(bad), ccu_head)
    assert not IntelligenceReport.objects.exists()
    preview = imports.import_preview(data=_csv(bad), acting_user=ccu_head, today=dt.date.today())
    row = preview.errors[0]
    assert row.line == 3
    words = "; ".join(row.errors)
    for expected in (
        "received_on must be a date",
        "route must be one of",
        "unknown codes: nonsense",
        "sanitised_text is empty",
        "source_eval must be A, B, C, D or E",
        "intel must be 1, 2, 3, 4 or 5",
        "handling must be 1, 2, 3, 4 or 5",
    ):
        assert expected in words


def test_a_file_is_judged_by_its_content(ccu_head):
    for data in (b"MZ\x90\x00\x03\x00program", b"PK\x03\x04not really a workbook", b""):
        with pytest.raises(ValidationError) as error:
            _import(data, ccu_head)
        assert "file" in error.value.message_dict
    missing = b"received_on,route\n2019-01-01,vetting\n"
    with pytest.raises(ValidationError) as error:
        _import(missing, ccu_head)
    assert "missing categories" in error.value.message_dict["file"][0]


def test_only_the_head_may_import(ccu_analyst, client_for):
    with pytest.raises(Http404):
        _import(_csv(), ccu_analyst)
    assert client_for(ccu_analyst).get(reverse("ccu:report_import")).status_code == 404


def test_the_import_page_previews_then_imports(client_for, ccu_head):
    client = client_for(ccu_head)
    url = reverse("ccu:report_import")
    upload = SimpleUploadedFile("history.csv", _csv(), content_type="text/csv")
    preview = client.post(url, {"preview": "1", "file": upload})
    body = preview.content.decode()
    assert "2 rows read: 2 to import, 0 already imported" in body
    assert not IntelligenceReport.objects.exists()  # nothing until confirmed
    digest = preview.context["preview"].digest
    response = client.post(url, {"confirm": "1", "digest": digest})
    assert response["Location"] == reverse("ccu:report_list")
    assert IntelligenceReport.objects.count() == 2
    # The same file again: nothing to import, no button to press.
    upload = SimpleUploadedFile("history.csv", _csv(), content_type="text/csv")
    again = client.post(url, {"preview": "1", "file": upload}).content.decode()
    assert "0 to import, 2 already imported" in again
    assert "Import 0" not in again


def test_the_import_page_shows_each_rows_errors(client_for, ccu_head):
    bad = (ROWS[0], ("2019-01-01", "vetting", "other", "text", "orig", "", "Z", "1", "1"))
    upload = SimpleUploadedFile("history.csv", _csv(bad), content_type="text/csv")
    body = client_for(ccu_head).post(reverse("ccu:report_import"), {"preview": "1", "file": upload})
    text = body.content.decode()
    assert "source_eval must be A, B, C, D or E" in text
    assert "Nothing is imported until every row can be" in text
    assert 'name="confirm"' not in text
