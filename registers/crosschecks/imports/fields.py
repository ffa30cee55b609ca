"""The fields each kind of file must or may give, and the suggested mapping of a file's
headings to them.

A heading is matched to a field by similarity (rapidfuzz) with the field's label and the
names finance and procurement systems commonly give it ("Supplier", "Vendor name", "Company
reg no"), so most files need no correction; PSD check and correct the suggestion on the
mapping page, one select per field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from registers.crosschecks.models import ImportKind

# How alike a heading and a field's name must be (0-100) for the heading to be suggested.
SUGGEST_THRESHOLD = 80.0


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str  # text, date, money, record_type, company_number, staff_number
    required: bool = False
    max_length: int = 300
    aliases: tuple[str, ...] = ()
    hint: str = ""


PROCUREMENT: tuple[Field, ...] = (
    Field("record_type", "Record type", "record_type", required=True,
          aliases=("type", "record", "row type", "contract or tender"),
          hint="contract, tender or bid"),
    Field("reference", "Reference", "text", required=True, max_length=50,
          aliases=("contract reference", "tender reference", "contract ref", "ref",
                   "contract number",
                   "tender number", "contract id")),
    Field("title", "Title", "text", required=True,
          aliases=("contract title", "description", "tender title", "subject")),
    Field("supplier_name", "Supplier name", "text", required=True,
          aliases=("supplier", "bidder", "vendor", "vendor name", "company", "company name",
                   "contractor", "organisation")),
    Field("company_number", "Company number", "company_number", max_length=20,
          aliases=("companies house number", "company reg no", "registration number",
                   "company registration number", "crn")),
    Field("date", "Date", "date", required=True,
          aliases=("award date", "awarded", "awarded on", "closing date", "submitted",
                   "submitted on", "start date", "date awarded"),
          hint="the award date of a contract, the closing date of a tender, or the date a bid "
          "was submitted"),
    Field("end_date", "End date", "date", aliases=("contract end", "ends", "expiry date", "end")),
    Field("value", "Value", "money",
          aliases=("contract value", "amount", "bid value", "total value", "value gbp")),
)  # fmt: skip

DIARY: tuple[Field, ...] = (
    Field("staff_number", "Staff number", "staff_number", required=True, max_length=20,
          aliases=("staff no", "collar number", "employee number", "payroll number", "officer")),
    Field("date", "Date", "date", required=True, aliases=("event date", "meeting date", "day")),
    Field("organisation", "Organisation", "text", required=True,
          aliases=("organisation name", "company", "host", "with", "external organisation")),
    Field("event_type", "Event type", "text", required=True, max_length=100,
          aliases=("type", "event", "engagement", "meeting type", "category")),
)  # fmt: skip

EXPENSES: tuple[Field, ...] = (
    Field("staff_number", "Staff number", "staff_number", required=True, max_length=20,
          aliases=("staff no", "employee number", "payroll number", "claimant")),
    Field("date", "Date", "date", required=True,
          aliases=("claim date", "expense date", "date incurred", "transaction date")),
    Field("amount", "Amount", "money", required=True,
          aliases=("value", "total", "amount gbp", "cost", "net amount", "gross amount")),
    Field("payee", "Payee", "text", required=True,
          aliases=("merchant", "supplier", "vendor", "paid to", "venue")),
    Field("purpose", "Purpose", "text", required=True,
          aliases=("description", "reason", "details", "business purpose")),
    Field("category", "Category", "text", max_length=100,
          aliases=("expense type", "type", "expense category")),
)  # fmt: skip

FIELDS: dict[str, tuple[Field, ...]] = {
    ImportKind.PROCUREMENT: PROCUREMENT,
    ImportKind.DIARY: DIARY,
    ImportKind.EXPENSES: EXPENSES,
}

# Which procurement fields each record type needs.
PROCUREMENT_NEEDS: dict[str, tuple[str, ...]] = {
    "contract": ("reference", "title", "supplier_name", "date"),
    "tender": ("reference", "title", "date"),
    "bid": ("reference", "supplier_name", "date"),
}


def fields_for(kind: str) -> tuple[Field, ...]:
    return FIELDS[kind]


def _plain(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(text).casefold()).strip()


def _score(heading: str, field: Field) -> float:
    plain = _plain(heading)
    if not plain:
        return 0.0
    names = (field.label, field.name.replace("_", " "), *field.aliases)
    return max(fuzz.ratio(plain, _plain(name)) for name in names)


def suggest_mapping(kind: str, headings: list[str]) -> dict[str, int | None]:
    """Field name -> the index of the heading most like it (None where none is alike enough).
    The best-scoring pairs are taken first, so each heading goes to at most one field."""
    pairs = sorted(
        (
            (_score(heading, field), index, field.name)
            for field in fields_for(kind)
            for index, heading in enumerate(headings)
        ),
        key=lambda pair: (-pair[0], pair[1]),
    )
    mapping: dict[str, int | None] = {field.name: None for field in fields_for(kind)}
    used: set[int] = set()
    for score, index, name in pairs:
        if score < SUGGEST_THRESHOLD:
            break
        if mapping[name] is None and index not in used:
            mapping[name] = index
            used.add(index)
    return mapping
