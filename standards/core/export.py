"""Files out of the service: one helper that turns a tablib dataset into a CSV or XLSX download.

A spreadsheet opens a cell that starts with =, +, -, @, a tab or a carriage return as a formula;
a declarant's free text or a donor's name could carry one (CSV injection). Every text cell that
starts so is written with a leading apostrophe, so it opens as text. Numbers and empty cells are
written as they are, so a spreadsheet can still add them up.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Literal

import tablib
from django.http import HttpResponse
from django.utils.http import content_disposition_header

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Format = Literal["csv", "xlsx"]

CONTENT_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def safe_cell(value: object) -> object:
    """``value`` as it may go into a spreadsheet: formulas neutralised, numbers left as numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        # Spreadsheets have no time zones: an aware time goes out as text that keeps its offset.
        return value.isoformat()
    if isinstance(value, int | float | Decimal | dt.date):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def safe_filename(stem: str, extension: str) -> str:
    """A file name that no browser or file system misreads: letters, digits, dot, dash and
    underscore only, never empty and never hidden."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-_") or "export"
    return f"{cleaned[:100]}.{extension}"


def dataset_response(
    dataset: tablib.Dataset, *, filename: str, file_format: Format = "csv"
) -> HttpResponse:
    """A download of ``dataset``: every cell guarded, named ``filename`` plus the extension."""
    if file_format not in CONTENT_TYPES:
        raise ValueError(f"Unknown export format {file_format!r}")
    guarded = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        guarded.append([safe_cell(cell) for cell in row])
    body = guarded.export(file_format)
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=safe_filename(filename, file_format)
    )
    return response
