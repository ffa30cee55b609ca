"""What business interests contribute to a transfer disclosure pack: every application the member
made, what it was for and what became of it."""

from __future__ import annotations

from registers.interests.models import BusinessInterest
from standards.core.extensions import DisclosureSection


def _day(value) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def interest_history(*, person) -> list[DisclosureSection]:
    interests = BusinessInterest.objects.filter(declarant=person).order_by("start_date", "pk")
    rows = tuple(
        (
            interest.reference,
            interest.get_interest_type_display(),
            interest.organisation,
            interest.role,
            _day(interest.start_date),
            _day(interest.end_date or interest.ended_on),
            interest.get_status_display(),
        )
        for interest in interests
    )
    return [
        DisclosureSection(
            title="Business interests",
            headings=("Reference", "Type", "Organisation", "Role", "From", "To", "Decision"),
            rows=rows,
            empty="No business interest is recorded.",
        )
    ]
