"""The national and most-similar-forces figures the board compares the force's with: entered one
at a time, corrected, or imported from a file.

A figure is keyed by the force's measure it sits beside (``complaints.cases_logged.per_1000``),
its scope (England and Wales, or the most similar forces) and exactly the period it covers; the
summary shows it only for that period. Recording a figure for a key that exists corrects it, with
the old value kept in the history.

An import reads a CSV or XLSX file by its content, never its name, with the columns measure,
scope, period start, period end, value and source. Every row is checked first and the preview
says what each would become (new, a correction, or already recorded); the import is all or
nothing: one bad row and nothing is written. A row already recorded with the same value and
source is skipped, so importing the same file again writes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from standards.access import policy
from standards.access.roles import Role
from standards.board.figures import board_sections
from standards.board.models import ReferenceFigure, ReferenceScope
from standards.core.records import clean_text, save_with_history

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
NOT_A_TABLE = "The selected file must be a CSV or XLSX file"
COLUMNS = ("measure", "scope", "period start", "period end", "value", "source")
WRITERS = (Role.PSD_DECISION_MAKER, Role.INTEGRITY_BOARD)
_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.per_1000|\.per_100)?$")
_SCOPES = (
    {value: value for value in ReferenceScope.values}
    | {label.lower(): value for value, label in ReferenceScope.choices}
    | {"national": ReferenceScope.NATIONAL, "msf": ReferenceScope.SIMILAR}
)
_LARGEST = Decimal("999999999999.99")


def may_change(user) -> bool:
    """The head of PSD and the board enter and correct the figures; the head of the CCU reads."""
    return policy.holds(user, *WRITERS)


def require_may_change(user) -> None:
    if not may_change(user):
        raise PermissionDenied


# Checking one figure ----------------------------------------------------------------------------


def _measure_key(value: str) -> str:
    key = (value or "").strip()
    if not key:
        raise ValidationError({"measure_key": "Enter the measure"})
    section, _, name = key.partition(".")
    if not name or not _NAME.match(name):
        raise ValidationError(
            {
                "measure_key": "The measure must be a section and a figure in lower case, as "
                "complaints.cases_logged or complaints.cases_logged.per_1000"
            }
        )
    sections = [item.key for item in board_sections()]
    if section not in sections:
        raise ValidationError(
            {
                "measure_key": f"The measure must start with a section of the board ({section} "
                f"is not one): {', '.join(sections)}"
            }
        )
    return key


def _scope(value: str) -> str:
    scope = _SCOPES.get((value or "").strip().lower())
    if scope is None:
        raise ValidationError(
            {"scope": "The scope must be England and Wales (national) or Most similar forces"}
        )
    return scope


def _value(value) -> Decimal:
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise ValidationError({"value": "The value must be a number, as 131.5"}) from None
    if not number.is_finite():
        raise ValidationError({"value": "The value must be a number, as 131.5"})
    if number < 0:
        raise ValidationError({"value": "The value must be 0 or more"})
    if number > _LARGEST:
        raise ValidationError({"value": "The value must be less than a trillion"})
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError({"value": "The value must have 2 decimal places or fewer"})
    return number.quantize(Decimal("0.01"))


def _period(start: dt.date | None, end: dt.date | None) -> None:
    if start is None:
        raise ValidationError({"period_start": "Enter the first day of the period"})
    if end is None:
        raise ValidationError({"period_end": "Enter the last day of the period"})
    if end < start:
        raise ValidationError(
            {"period_end": "The last day of the period must be the same as or after the first"}
        )


def _source(value: str) -> str:
    source = clean_text(value, "source", required="Enter the publication the figure comes from")
    if len(source) > 300:
        raise ValidationError({"source": "The source must be 300 characters or fewer"})
    return source


def _checked(*, measure_key, scope, period_start, period_end, value, source) -> dict:
    """The figure's fields cleaned, or one ValidationError naming every field that is wrong."""
    checks = {
        "measure_key": lambda: _measure_key(measure_key),
        "scope": lambda: _scope(scope),
        "value": lambda: _value(value),
        "source": lambda: _source(source),
    }
    cleaned: dict = {}
    errors: dict[str, list[str]] = {}
    for name, check in checks.items():
        try:
            cleaned[name] = check()
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                errors.setdefault(field_name, []).extend(messages)
    try:
        _period(period_start, period_end)
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            errors.setdefault(field_name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    cleaned["period_start"] = period_start
    cleaned["period_end"] = period_end
    return cleaned


def _write(cleaned: dict, *, acting_user, how: str) -> tuple[ReferenceFigure, str]:
    """Create the figure, correct it, or leave it: ("new" | "correction" | "unchanged")."""
    figure = (
        ReferenceFigure.objects.select_for_update()
        .filter(
            measure_key=cleaned["measure_key"],
            scope=cleaned["scope"],
            period_start=cleaned["period_start"],
            period_end=cleaned["period_end"],
        )
        .first()
    )
    if figure is None:
        figure = ReferenceFigure(**cleaned, recorded_by=acting_user)
        save_with_history(figure, f"Recorded {how}", acting_user)
        return figure, "new"
    if figure.value == cleaned["value"] and figure.source == cleaned["source"]:
        return figure, "unchanged"
    old = figure.value
    figure.value = cleaned["value"]
    figure.source = cleaned["source"]
    figure.recorded_by = acting_user
    save_with_history(figure, f"Corrected {how} (was {old})", acting_user)
    return figure, "correction"


@transaction.atomic
def reference_figure_record(
    *,
    measure_key: str,
    scope: str,
    period_start: dt.date,
    period_end: dt.date,
    value,
    source: str,
    acting_user,
) -> ReferenceFigure:
    """Record a national or most-similar-forces figure, or correct the one recorded for the same
    measure, scope and period (the history keeps the old value)."""
    require_may_change(acting_user)
    cleaned = _checked(
        measure_key=measure_key,
        scope=scope,
        period_start=period_start,
        period_end=period_end,
        value=value,
        source=source,
    )
    figure, _ = _write(cleaned, acting_user=acting_user, how="by hand")
    return figure


# Importing a file -------------------------------------------------------------------------------


@dataclass
class ImportRow:
    line: int
    measure_key: str = ""
    scope: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    value: Decimal | None = None
    source: str = ""
    errors: list[str] = field(default_factory=list)
    status: str = ""  # "new", "correction" or "unchanged" once checked
    previous: Decimal | None = None  # the value a correction replaces

    @property
    def key(self) -> tuple:
        return (self.measure_key, self.scope, self.period_start, self.period_end)

    @property
    def scope_label(self) -> str:
        return ReferenceScope(self.scope).label if self.scope else ""


@dataclass
class ImportResult:
    digest: str
    rows: list[ImportRow]
    written: int = 0

    @property
    def errors(self) -> list[ImportRow]:
        return [row for row in self.rows if row.errors]

    @property
    def new_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.errors and row.status == "new"]

    @property
    def corrections(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.errors and row.status == "correction"]

    @property
    def unchanged(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.errors and row.status == "unchanged"]

    @property
    def to_write(self) -> list[ImportRow]:
        return self.new_rows + self.corrections


def _heading(value) -> str:
    return " ".join(str(value or "").strip().lower().replace("_", " ").split())


def _read_table(data: bytes) -> list[dict]:
    """The file's rows as dictionaries keyed by heading, by content: an XLSX workbook (a zip
    holding ``xl/workbook.xml``) or CSV text (UTF-8, or Windows-1252 as Excel saves it)."""
    if not data:
        raise ValidationError({"file": "The selected file is empty"})
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": "The selected file must be smaller than 2 MB"})
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "xl/workbook.xml" not in archive.namelist():
                    raise zipfile.BadZipFile
            import tablib

            dataset = tablib.Dataset().load(io.BytesIO(data), format="xlsx")
        except Exception:  # noqa: BLE001 - any failure to read it means it is not a workbook
            raise ValidationError({"file": NOT_A_TABLE}) from None
        headings = [_heading(heading) for heading in dataset.headers or []]
        rows = [dict(zip(headings, row, strict=False)) for row in dataset]
    else:
        if b"\x00" in data[:8192] or data[:4] in (b"%PDF", b"\x89PNG", b"\xff\xd8\xff\xe0"):
            raise ValidationError({"file": NOT_A_TABLE})
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
        reader = csv.DictReader(io.StringIO(text))
        headings = [_heading(heading) for heading in reader.fieldnames or []]
        reader.fieldnames = headings
        rows = [
            row
            for row in reader
            if any((cell or "").strip() for cell in row.values() if isinstance(cell, str))
        ]
    missing = [column for column in COLUMNS if column not in headings]
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


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


_COLUMN_OF = {
    "measure_key": "measure",
    "scope": "scope",
    "period_start": "period start",
    "period_end": "period end",
    "value": "value",
    "source": "source",
}


def _parse_row(line: int, raw: dict) -> ImportRow:
    row = ImportRow(line=line)
    start, end = _date(raw.get("period start")), _date(raw.get("period end"))
    try:
        cleaned = _checked(
            measure_key=str(raw.get("measure") or ""),
            scope=str(raw.get("scope") or ""),
            period_start=start,
            period_end=end,
            value=raw.get("value") if raw.get("value") not in (None, "") else "",
            source=str(raw.get("source") or ""),
        )
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            column = _COLUMN_OF.get(field_name, field_name)
            for message in messages:
                if field_name in ("period_start", "period_end") and raw.get(column):
                    message = f"{column} must be a date, as 2025-03-31 or 31/03/2025"
                    if start and end and end < start:
                        message = "period end must be the same as or after period start"
                row.errors.append(message)
        # What could be read is still shown beside the errors.
        row.measure_key = str(raw.get("measure") or "").strip()
        row.scope = _SCOPES.get(str(raw.get("scope") or "").strip().lower(), "")
        row.period_start, row.period_end = start, end
        try:
            row.value = _value(raw.get("value"))
        except ValidationError:
            row.value = None
        return row
    for name, value in cleaned.items():
        setattr(row, name, value)
    return row


def _upload_bytes(upload) -> bytes:
    if isinstance(upload, bytes):
        return upload
    upload.seek(0)
    return upload.read()


def _preview(data: bytes) -> ImportResult:
    raw_rows = _read_table(data)
    rows: list[ImportRow] = []
    seen: dict[tuple, int] = {}
    for line, raw in enumerate(raw_rows, start=2):  # line 1 is the headings
        row = _parse_row(line, raw)
        if not row.errors:
            if row.key in seen:
                row.errors.append(f"repeats row {seen[row.key]}")
            else:
                seen[row.key] = line
        rows.append(row)
    # What is recorded already for the file's measures, in one query.
    keys = {row.measure_key for row in rows if not row.errors}
    recorded = {
        (figure.measure_key, figure.scope, figure.period_start, figure.period_end): figure
        for figure in ReferenceFigure.objects.filter(measure_key__in=keys)
    }
    for row in rows:
        if row.errors:
            continue
        figure = recorded.get(row.key)
        if figure is None:
            row.status = "new"
        elif figure.value == row.value and figure.source == row.source:
            row.status = "unchanged"
        else:
            row.status, row.previous = "correction", figure.value
    return ImportResult(digest=hashlib.sha256(data).hexdigest(), rows=rows)


@transaction.atomic
def reference_figures_import(*, upload, acting_user, commit: bool) -> ImportResult:
    """Check every row of the file (``commit=False``: the preview, nothing written) or import
    them (``commit=True``): every new figure and correction, or none when any row has an error
    (a ValidationError naming how many). Rows recorded already with the same value and source
    are skipped."""
    require_may_change(acting_user)
    data = _upload_bytes(upload)
    result = _preview(data)
    if not commit:
        return result
    if result.errors:
        count = len(result.errors)
        raise ValidationError(
            {
                "file": f"{count} row{'s' if count != 1 else ''} of the file "
                f"{'have' if count != 1 else 'has'} errors: nothing was imported"
            }
        )
    how = f"by import from file {result.digest[:16]}"
    for row in result.to_write:
        cleaned = {name: getattr(row, name) for name in _COLUMN_OF}
        _, status = _write(cleaned, acting_user=acting_user, how=how)
        result.written += status != "unchanged"
    return result
