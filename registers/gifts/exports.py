"""The datasets the gifts and hospitality register exports: PSD's register (CSV or XLSX) and the
public register's CSV. They are written out through ``standards.core.export``, which guards
every cell against spreadsheet formulas and names the file."""

from __future__ import annotations

from collections.abc import Iterable

import tablib
from django.utils import timezone

from registers.gifts.models import Gift
from registers.gifts.selectors import PublicEntry

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


def register_dataset(gifts: Iterable[Gift]) -> tablib.Dataset:
    """PSD's register, one row a declaration (``gifts`` from selectors.gift_export_for_user)."""
    dataset = tablib.Dataset(headers=list(REGISTER_COLUMNS), title="Gifts and hospitality")
    for gift in gifts:
        latest = gift.deciding[-1] if gift.deciding else None
        person = gift.declarant
        dataset.append(
            (
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
        )
    return dataset


def public_dataset(entries: Iterable[PublicEntry]) -> tablib.Dataset:
    """The public register as published, the same columns as its page."""
    dataset = tablib.Dataset(headers=list(PublicEntry.COLUMNS), title="Gifts and hospitality")
    for entry in entries:
        dataset.append(entry.as_row())
    return dataset
