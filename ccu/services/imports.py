"""The historic intelligence import: reports graded on the old 5x5x5 scheme, brought in as they
were graded (``Grading(scheme=5x5x5)``), never converted to 3x5x2.

A file (CSV or XLSX, recognised by its content, not its name) is read in full and checked row by
row first: ``import_preview`` says what each row would become and what is wrong with any. The
import itself is all or nothing: one bad row and nothing is written.

Importing the same data twice writes nothing the second time. Each row has a natural key - the
date received, the route, the sanitised text and the 5x5x5 grade - and a row whose key matches an
imported report is skipped (so a re-saved spreadsheet, whose bytes differ, is still recognised).
The file's SHA-256 goes into every imported report's history reason, so the origin of each
report can be traced back to the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from ccu.models import (
    CorruptionCategory,
    Grading,
    GradingScheme,
    IntelligenceReport,
    ReportSource,
    Route,
)
from ccu.services.common import save_with_history
from standards.access import policy
from standards.access.roles import Role
from standards.core.validators import no_markup

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
COLUMNS = (
    "received_on",
    "route",
    "categories",
    "sanitised_text",
    "original_text",
    "source",
    "source_eval",
    "intel",
    "handling",
)
SOURCE_GRADES = "ABCDE"
ONE_TO_FIVE = "12345"
_ROUTES = {value: value for value in Route.values} | {
    label.lower(): value for value, label in Route.choices
}


@dataclass
class ImportRow:
    line: int
    received_on: dt.date | None = None
    route: str = ""
    category_codes: list[str] = field(default_factory=list)
    sanitised_text: str = ""
    original_text: str = ""
    source_details: str = ""
    source_eval: str = ""
    intel: str = ""
    handling: str = ""
    errors: list[str] = field(default_factory=list)
    already_imported: bool = False

    @property
    def grade(self) -> str:
        return f"{self.source_eval}{self.intel}{self.handling}"

    @property
    def key(self) -> tuple:
        return (self.received_on, self.route, self.sanitised_text, self.grade)


@dataclass
class ImportPreview:
    digest: str
    rows: list[ImportRow]

    @property
    def errors(self) -> list[ImportRow]:
        return [row for row in self.rows if row.errors]

    @property
    def new_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.errors and not row.already_imported]

    @property
    def skipped(self) -> list[ImportRow]:
        return [row for row in self.rows if row.already_imported]


def may_import(user) -> bool:
    """Only the head of the CCU brings in historic intelligence."""
    return policy.holds(user, Role.CCU_HEAD)


def require_may_import(user) -> None:
    """The import, or 404: to anyone but the head of the CCU the page does not exist."""
    if not may_import(user):
        raise Http404


def _read_table(data: bytes) -> list[dict]:
    """The file's rows as dictionaries, by content: an XLSX workbook (a zip holding the
    spreadsheet parts) or UTF-8 CSV text; anything else is refused."""
    if not data:
        raise ValidationError({"file": "The selected file is empty"})
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": "The selected file must be smaller than 5 MB"})
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "xl/workbook.xml" not in archive.namelist():
                    raise zipfile.BadZipFile
            import tablib

            dataset = tablib.Dataset().load(io.BytesIO(data), format="xlsx")
        except Exception:  # noqa: BLE001 - any failure to read it means it is not a workbook
            raise ValidationError(
                {"file": "The selected file must be a CSV or XLSX file"}
            ) from None
        headers = [str(h or "").strip().lower() for h in dataset.headers or []]
        rows = [dict(zip(headers, row, strict=False)) for row in dataset]
    else:
        if b"\x00" in data:
            raise ValidationError({"file": "The selected file must be a CSV or XLSX file"})
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                {"file": "The selected file must be a CSV or XLSX file"}
            ) from None
        reader = csv.DictReader(io.StringIO(text))
        headers = [h.strip().lower() for h in reader.fieldnames or []]
        reader.fieldnames = headers
        rows = list(reader)
    missing = [column for column in COLUMNS if column not in headers]
    if missing:
        raise ValidationError(
            {
                "file": f"The file must have the columns {', '.join(COLUMNS)} "
                f"(missing {', '.join(missing)})"
            }
        )
    if not rows:
        raise ValidationError({"file": "The selected file has no rows to import"})
    if len(rows) > MAX_ROWS:
        raise ValidationError({"file": f"The file must have {MAX_ROWS:,} rows or fewer"})
    return rows


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _parse_row(line: int, raw: dict, categories: set[str], today: dt.date) -> ImportRow:
    row = ImportRow(line=line)
    row.received_on = _date(raw.get("received_on"))
    if row.received_on is None:
        row.errors.append("received_on must be a date, as 2019-03-27 or 27/03/2019")
    elif row.received_on > today:
        row.errors.append("received_on must be today or in the past")
    row.route = _ROUTES.get(_text(raw.get("route")).lower(), "")
    if not row.route:
        row.errors.append(f"route must be one of {', '.join(Route.values)}")
    codes = [c.strip() for c in _text(raw.get("categories")).replace(",", ";").split(";")]
    row.category_codes = [c for c in codes if c]
    unknown = [c for c in row.category_codes if c not in categories]
    if not row.category_codes:
        row.errors.append("categories must name at least one national category code")
    elif unknown:
        row.errors.append(f"categories has unknown codes: {', '.join(unknown)}")
    for name, attribute in (
        ("sanitised_text", "sanitised_text"),
        ("original_text", "original_text"),
        ("source", "source_details"),
    ):
        value = _text(raw.get(name))
        try:
            no_markup(value)
        except ValidationError:
            row.errors.append(f"{name} must not contain HTML or script")
        setattr(row, attribute, value)
    if not row.sanitised_text:
        row.errors.append("sanitised_text is empty")
    if not row.original_text:
        row.errors.append("original_text is empty")
    row.source_eval = _text(raw.get("source_eval")).upper()
    if len(row.source_eval) != 1 or row.source_eval not in SOURCE_GRADES:
        row.errors.append("source_eval must be A, B, C, D or E")
    for name in ("intel", "handling"):
        value = _text(raw.get(name))
        if value.endswith(".0"):  # a spreadsheet's number
            value = value[:-2]
        setattr(row, name, value)
        if len(value) != 1 or value not in ONE_TO_FIVE:
            row.errors.append(f"{name} must be 1, 2, 3, 4 or 5")
    return row


def _already_imported(row: ImportRow) -> bool:
    return IntelligenceReport.objects.filter(
        received_on=row.received_on,
        route=row.route,
        sanitised_text=row.sanitised_text,
        grade=row.grade,
        gradings__scheme=GradingScheme.HISTORIC,
    ).exists()


def import_preview(*, data: bytes, acting_user, today: dt.date) -> ImportPreview:
    """Every row of the file checked, and whether it was imported before; nothing is written."""
    require_may_import(acting_user)
    raw_rows = _read_table(data)
    categories = set(CorruptionCategory.objects.values_list("code", flat=True))
    rows = []
    seen: dict[tuple, int] = {}
    for line, raw in enumerate(raw_rows, start=2):  # line 1 is the header
        row = _parse_row(line, raw, categories, today)
        if not row.errors:
            if row.key in seen:
                row.errors.append(f"repeats row {seen[row.key]}")
            else:
                seen[row.key] = line
                row.already_imported = _already_imported(row)
        rows.append(row)
    return ImportPreview(digest=hashlib.sha256(data).hexdigest(), rows=rows)


@transaction.atomic
def reports_import(*, data: bytes, acting_user, today: dt.date) -> ImportPreview:
    """Import every new row, or none: a row with an error refuses the whole file. Rows imported
    before are skipped. The imported reports go to the general intake, owned by the head."""
    preview = import_preview(data=data, acting_user=acting_user, today=today)
    if preview.errors:
        raise ValidationError(
            {"file": f"{len(preview.errors)} row(s) have errors: nothing was imported"}
        )
    by_code = {c.code: c for c in CorruptionCategory.objects.all()}
    reason = f"Imported from historic file {preview.digest}"
    for row in preview.new_rows:
        report = IntelligenceReport(
            received_on=row.received_on,
            route=row.route,
            operation=None,
            owner=acting_user,
            sanitised_text=row.sanitised_text,
            grade=row.grade,
        )
        save_with_history(report, reason, acting_user)
        report.categories.set([by_code[code] for code in row.category_codes])
        save_with_history(
            ReportSource(
                report=report, original_text=row.original_text, source_details=row.source_details
            ),
            reason,
            acting_user,
        )
        save_with_history(
            Grading(
                report=report,
                scheme=GradingScheme.HISTORIC,
                source_evaluation=row.source_eval,
                intelligence_assessment=row.intel,
                handling_code=row.handling,
                rationale="Historic 5x5x5 grade, imported as given",
                graded_by=acting_user,
            ),
            reason,
            acting_user,
        )
    return preview
