"""The one export helper: a tablib dataset out as CSV or XLSX, formulas neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
import tablib

from standards.core.export import dataset_response, safe_cell, safe_filename


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(evil)", "'=HYPERLINK(evil)"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Plain text = fine", "Plain text = fine"),
        (None, ""),
        ("", ""),
        (-5, -5),
        (Decimal("-12.50"), Decimal("-12.50")),
        (2.5, 2.5),
        (dt.date(2026, 12, 31), dt.date(2026, 12, 31)),
    ],
)
def test_a_cell_is_guarded_against_formulas_and_numbers_stay_numbers(value, expected):
    assert safe_cell(value) == expected


def test_an_aware_time_keeps_its_offset_as_text():
    value = dt.datetime(2026, 6, 1, 9, 30, tzinfo=dt.UTC)
    assert safe_cell(value) == "2026-06-01T09:30:00+00:00"


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("access-log-20261231-120000", "access-log-20261231-120000.csv"),
        ('bad"name\r\n; filename=evil.exe', "bad-name-filename-evil.exe.csv"),
        ("../../etc/passwd", "etc-passwd.csv"),
        ("", "export.csv"),
    ],
)
def test_the_filename_is_safe(stem, expected):
    assert safe_filename(stem, "csv") == expected


def _dataset() -> tablib.Dataset:
    dataset = tablib.Dataset(headers=["Name", "Value", "Note"], title="Register")
    dataset.append(["=cmd|' /C calc'!A0", 12, None])
    dataset.append(["Ordinary", Decimal("3.50"), "-minus"])
    return dataset


def test_the_csv_response_is_a_guarded_attachment():
    response = dataset_response(_dataset(), filename='register "2026"')

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="register-2026.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["Name", "Value", "Note"],
        ["'=cmd|' /C calc'!A0", "12", ""],
        ["Ordinary", "3.50", "'-minus"],
    ]


def test_the_xlsx_response_is_guarded_and_keeps_numbers():
    response = dataset_response(_dataset(), filename="register", file_format="xlsx")

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="register.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "'=cmd|' /C calc'!A0"
    assert sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 12
    assert sheet["C3"].value == "'-minus"


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="Unknown export format"):
        dataset_response(_dataset(), filename="register", file_format="pdf")
