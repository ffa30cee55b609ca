"""Files out of the register: PSD's export (CSV or XLSX, through tablib) and the public CSV.

A cell that starts with =, +, - or @ (or a tab or carriage return) is opened by a spreadsheet
as a formula; a declarant, or a donor's name, could carry one. Such text is written with a
leading apostrophe so it opens as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import tablib
from django.utils import timezone

from registers.gifts.models import Gift
from registers.gifts.public import PublicEntry

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

REGISTER_COLUMNS = (
    "Reference",
    "Declared",
    "Name",
    "Staff number",
    "Unit",
    "Offered to or given by",
    "Gift or hospitality",
    "Accepted or declined",
    "Donor or recipient",
    "Donor type",
    "Description",
    "Estimated value (£)",
    "Date offered",
    "Business reason",
    "Policy requirement",
    "Status",
    "Decision",
    "Decided by",
    "Decided on",
    "Reasons",
    "Conditions",
)


def safe(value) -> object:
    """Text neutralised against formula injection; numbers and empties as they are."""
    if value is None:
        return ""
    if isinstance(value, int | Decimal):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def register_dataset(gifts: Iterable[Gift]) -> tablib.Dataset:
    """PSD's register, one row a declaration (``gifts`` from selectors.gift_export_rows)."""
    dataset = tablib.Dataset(headers=list(REGISTER_COLUMNS), title="Gifts and hospitality")
    for gift in gifts:
        latest = gift.deciding[-1] if gift.deciding else None
        person = gift.declarant
        row = (
            gift.reference,
            timezone.localtime(gift.submitted_at).strftime("%Y-%m-%d %H:%M"),
            f"{person.first_name} {person.last_name}",
            person.staff_number,
            person.org_unit.name,
            gift.get_direction_display(),
            gift.get_kind_display(),
            gift.get_response_display(),
            gift.donor_name,
            gift.get_donor_type_display(),
            gift.description,
            gift.estimated_value,
            gift.offered_on.isoformat(),
            gift.business_reason,
            gift.get_requirement_display(),
            gift.get_status_display(),
            latest.get_outcome_display() if latest else "",
            latest.decided_by.display_name if latest else "",
            timezone.localtime(latest.decided_at).strftime("%Y-%m-%d") if latest else "",
            latest.rationale if latest else "",
            latest.conditions if latest else "",
        )
        dataset.append([safe(cell) for cell in row])
    return dataset


def public_dataset(entries: Iterable[PublicEntry]) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=list(PublicEntry.COLUMNS))
    for entry in entries:
        dataset.append([safe(cell) for cell in entry.as_row()])
    return dataset
