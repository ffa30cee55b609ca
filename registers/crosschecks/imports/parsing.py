"""What one row of a file becomes: typed values, the row's errors in PSD's words ("'twelve' is
not a number"), and its ``row_key``.

The row key is a SHA-256 digest of the row's meaningful values after normalisation (dates as
ISO dates, amounts to the penny, organisation names as ``normalise_org`` gives them, free text
without case or surrounding spaces), so the same row in a re-saved copy of a file (a date
written 01/04/2025 instead of 2025-04-01, "£1,200" instead of "1200.00") has the same key and
is recognised as already held. Nothing here reads the database: the service looks up people,
tenders and keys already held for all rows at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from registers.crosschecks.imports.fields import PROCUREMENT_NEEDS, Field, fields_for
from registers.crosschecks.matching import normalise_company_number, normalise_org
from registers.crosschecks.models import ImportKind

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y")
MAX_MONEY = Decimal("999999999999.99")
RECORD_TYPES = {"contract": "contract", "award": "contract", "tender": "tender", "bid": "bid"}


@dataclass
class ParsedRow:
    line: int
    values: dict[str, object] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field label, message)
    key: str = ""
    supplier_key: str = ""
    held: bool = False

    def error(self, label: str, message: str) -> None:
        self.errors.append((label.lower(), message))


def digest(*parts: object) -> str:
    text = "\x1f".join("" if part is None else str(part) for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()


def _shown(value: object) -> str:
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{_shown(value)} is not a date (write it as 27/03/2025 or 2025-03-27)")


def _money(value: object) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"{_shown(value)} is not a number")
    text = str(value).strip().replace("£", "").replace(",", "").replace(" ", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{_shown(value)} is not a number") from None
    if not amount.is_finite():
        raise ValueError(f"{_shown(value)} is not a number")
    if amount < 0:
        raise ValueError(f"{_shown(value)} must not be negative")
    if amount > MAX_MONEY:
        raise ValueError(f"{_shown(value)} is too large")
    return amount.quantize(Decimal("0.01"))


def _convert(spec: Field, value: object) -> object:
    if spec.kind == "date":
        return _date(value)
    if spec.kind == "money":
        return _money(value)
    text = str(value).strip()
    if spec.kind == "record_type":
        if text.casefold() not in RECORD_TYPES:
            raise ValueError(f"{_shown(value)} must be contract, tender or bid")
        return RECORD_TYPES[text.casefold()]
    if spec.kind == "company_number":
        number = normalise_company_number(text)
        if not number:
            raise ValueError(
                f"{_shown(value)} is not a Companies House number (8 characters, as 01234567 "
                "or SC123456)"
            )
        return number
    if len(text) > spec.max_length:
        raise ValueError(f"is longer than {spec.max_length} characters")
    return text


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_row(kind: str, line: int, raw: list, mapping: dict[str, int | None]) -> ParsedRow:
    """The row's typed values and errors; a missing required value is an error only where the
    row needs it (a tender has no supplier)."""
    row = ParsedRow(line=line)
    specs = fields_for(kind)
    values: dict[str, object] = {}
    for spec in specs:
        index = mapping.get(spec.name)
        value = raw[index] if index is not None and index < len(raw) else None
        if _empty(value):
            values[spec.name] = None
            continue
        try:
            values[spec.name] = _convert(spec, value)
        except ValueError as problem:
            values[spec.name] = None
            row.error(spec.label, str(problem))
    failed = {label for label, _ in row.errors}
    if kind == ImportKind.PROCUREMENT:
        needed = PROCUREMENT_NEEDS.get(values.get("record_type") or "", ("record_type",))
        if values.get("record_type") is None and "record type" in failed:
            needed = ()
    else:
        needed = tuple(spec.name for spec in specs if spec.required)
    for spec in specs:
        if (
            spec.name in needed
            and values.get(spec.name) is None
            and spec.label.lower() not in failed
        ):
            row.error(spec.label, "is missing")
    row.values = values
    if not row.errors:
        _keys(kind, row)
    return row


def supplier_key(name: str, company_number: str | None) -> str:
    """One supplier however often it is named: by its company number where known."""
    if company_number:
        return digest("supplier", "number", company_number)
    return digest("supplier", "name", normalise_org(name))


def _text_key(value: object) -> str:
    return " ".join(str(value or "").casefold().split())


def _keys(kind: str, row: ParsedRow) -> None:
    v = row.values
    if kind == ImportKind.PROCUREMENT:
        reference = str(v["reference"]).upper()
        if v.get("supplier_name"):
            row.supplier_key = supplier_key(v["supplier_name"], v.get("company_number"))
        if v["record_type"] == "bid":
            row.key = digest("bid", reference, row.supplier_key, v["date"], v.get("value"))
        else:
            row.key = digest(
                v["record_type"], reference, _text_key(v["title"]), row.supplier_key,
                v["date"], v.get("end_date"), v.get("value"),
            )  # fmt: skip
    elif kind == ImportKind.DIARY:
        row.key = digest(
            "diary", v["staff_number"], v["date"], normalise_org(v["organisation"]),
            _text_key(v["event_type"]),
        )  # fmt: skip
    else:
        row.key = digest(
            "expense", v["staff_number"], v["date"], v["amount"], normalise_org(v["payee"]),
            _text_key(v["purpose"]), _text_key(v.get("category")),
        )  # fmt: skip
