"""PSD's export of the business-interest register: one row an interest, in the register's own
words (the statuses are the regulations' compatible / compatible with conditions /
incompatible). Written out by ``standards.core.export``, which guards every cell against
spreadsheet formulas."""

from __future__ import annotations

from collections.abc import Iterable

import tablib
from django.utils import timezone

from registers.interests.models import BusinessInterest

COLUMNS = (
    "Reference",
    "Staff number",
    "Name",
    "Unit",
    "Type",
    "Employer, business or premises",
    "Role",
    "Hours a week",
    "Paid",
    "Start date",
    "End date",
    "Status",
    "Submitted",
    "Review due",
    "Review due now",
)


def register_dataset(interests: Iterable[BusinessInterest]) -> tablib.Dataset:
    """The register as filtered (``interests`` from ``selectors.interest_export_for_user``)."""
    dataset = tablib.Dataset(headers=list(COLUMNS), title="Business interests")
    for interest in interests:
        person = interest.declarant
        dataset.append(
            (
                interest.reference,
                person.staff_number,
                person.display_name,
                person.org_unit.name,
                interest.get_interest_type_display(),
                interest.organisation,
                interest.role,
                interest.hours_per_week,
                interest.paid,
                interest.start_date,
                interest.end_date,
                interest.get_status_display(),
                timezone.localtime(interest.submitted_at).date(),
                interest.review_due,
                interest.review_due_now,
            )
        )
    return dataset
