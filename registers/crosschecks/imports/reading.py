"""A file's headings and rows, recognised by its content and never by its name.

An XLSX workbook is a zip holding ``xl/workbook.xml``; anything else with a recognisable binary
signature (a PNG renamed ``.csv``, a PDF, a program) is refused; what is left must be text without
NUL bytes, read as UTF-8 (with or without Excel's byte-order mark) or, failing that, Windows-1252,
which is how Excel saves "CSV" on a force laptop. The upload is kept outside the web root
(``CROSSCHECK_IMPORT_ROOT``) under a random name until it is imported, so a large file can be read
again by the background importer.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
NOT_A_TABLE = "The selected file must be a CSV or XLSX file"
_XLSX = "xlsx"
_CSV = "csv"


def file_format(data: bytes) -> str:
    """ "csv" or "xlsx", from the content; a ValidationError for anything else."""
    if not data:
        raise ValidationError({"file": "The selected file is empty"})
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": "The selected file must be smaller than 20 MB"})
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "xl/workbook.xml" in archive.namelist():
                    return _XLSX
        except zipfile.BadZipFile:
            pass
        raise ValidationError({"file": NOT_A_TABLE})
    if filetype.guess(data[:8192]) is not None or b"\x00" in data:
        raise ValidationError({"file": NOT_A_TABLE})
    return _CSV


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _cell(value) -> object:
    """Cells as the parser expects them: strings stripped, whole-number floats (a staff or
    company number typed into Excel) as integers, dates kept as dates."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    return value


def _raw_rows(data: bytes, fmt: str) -> Iterator[list]:
    if fmt == _XLSX:
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - any failure to read it means it is not a workbook
            raise ValidationError({"file": NOT_A_TABLE}) from None
        try:
            sheet = workbook.worksheets[0]
            for row in sheet.iter_rows(values_only=True):
                yield [_cell(value) for value in row]
        finally:
            workbook.close()
    else:
        for row in csv.reader(io.StringIO(_text(data))):
            yield [_cell(value) for value in row]


def _blank(row: list) -> bool:
    return all(value is None or value == "" for value in row)


def headings(data: bytes, fmt: str) -> list[str]:
    """The first non-blank row, as the column headings PSD map to fields."""
    for row in _raw_rows(data, fmt):
        if not _blank(row):
            while row and (row[-1] is None or row[-1] == ""):
                row.pop()
            return [str(value or "").strip() for value in row]
    raise ValidationError({"file": "The selected file has no column headings"})


def rows(data: bytes, fmt: str) -> Iterator[tuple[int, list]]:
    """(row number as the spreadsheet shows it, values) for every non-blank row under the
    headings."""
    seen_headings = False
    for number, row in enumerate(_raw_rows(data, fmt), start=1):
        if _blank(row):
            continue
        if not seen_headings:
            seen_headings = True
            continue
        yield number, row


def count_rows(data: bytes, fmt: str) -> int:
    total = sum(1 for _ in rows(data, fmt))
    if total == 0:
        raise ValidationError({"file": "The selected file has no rows under its headings"})
    if total > MAX_ROWS:
        raise ValidationError({"file": f"The file must have {MAX_ROWS:,} rows or fewer"})
    return total


def _root() -> Path:
    return Path(settings.CROSSCHECK_IMPORT_ROOT)


def store(data: bytes, fmt: str) -> str:
    """Keep the file under a random name outside the web root; its name there."""
    name = f"{uuid.uuid4().hex}.{fmt}"
    root = _root()
    root.mkdir(parents=True, exist_ok=True)
    (root / name).write_bytes(data)
    return name


def load(stored_name: str) -> bytes:
    path = _root() / Path(stored_name).name
    if not stored_name or not path.exists():
        raise ValidationError("The uploaded file is no longer held: upload it again")
    return path.read_bytes()


def discard(stored_name: str) -> None:
    if stored_name:
        (_root() / Path(stored_name).name).unlink(missing_ok=True)
