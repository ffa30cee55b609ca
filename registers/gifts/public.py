"""The rules of the public register of chief officers' gifts and hospitality, in one place: who is
a chief officer, the value bands the public sees, and what each published entry says.

The public sees five things about an offer (date, description, value band, donor and decision)
and nothing else: not the declarant's other details, not the exact value, not the business
reason, not the rationale of a decision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from standards.people.models import RoleType

# Police officer chief officers, by rank.
CHIEF_OFFICER_RANKS = frozenset(
    {"Chief Constable", "Deputy Chief Constable", "Assistant Chief Constable"}
)
# Police staff chief officers: the directors who sit in the chief officer team (for example
# the Director of Finance, or of Corporate Services), by grade or by post in that team.
CHIEF_OFFICER_STAFF_GRADES = frozenset({"Director"})
CHIEF_OFFICER_TEAM = "Chief Officer Team"


def chief_officer_filter(prefix: str = "") -> Q:
    """People who are chief officers (``prefix`` leads from another model to a Person)."""
    rank = f"{prefix}rank_or_grade"
    officers = Q(**{f"{rank}__in": CHIEF_OFFICER_RANKS})
    staff_directors = Q(**{f"{prefix}role_type": RoleType.STAFF}) & (
        Q(**{f"{rank}__in": CHIEF_OFFICER_STAFF_GRADES})
        | Q(
            **{
                f"{prefix}org_unit__name__iexact": CHIEF_OFFICER_TEAM,
                f"{prefix}job_title__istartswith": "Director",
            }
        )
    )
    return officers | staff_directors


# (upper bound, exclusive; None for no bound), label. The public sees a band, never the value.
VALUE_BANDS: tuple[tuple[Decimal | None, str], ...] = (
    (Decimal("25"), "Under £25"),
    (Decimal("100"), "£25 to £100"),
    (Decimal("250.01"), "£100 to £250"),
    (None, "Over £250"),
)


def value_band(value: Decimal) -> str:
    for upper, label in VALUE_BANDS:
        if upper is None or value < upper:
            return label
    raise AssertionError("the last band has no upper bound")  # pragma: no cover


# Donors who are private individuals are not named to the public (UK GDPR: their name is
# personal data, and publishing it serves no purpose the register needs).
PRIVATE_DONOR = "A member of the public"


@dataclass(frozen=True)
class PublicEntry:
    offered_on: dt.date
    description: str
    value_band: str
    donor: str
    decision: str

    COLUMNS = ("Date", "Description", "Value", "Donor", "Decision")

    def as_row(self) -> tuple[str, str, str, str, str]:
        return (
            self.offered_on.isoformat(),
            self.description,
            self.value_band,
            self.donor,
            self.decision,
        )


# The decision as the public reads it: what happened, in the past tense. An entry that was only
# recorded (declined, or within the threshold) shows the chief officer's own answer.
PUBLIC_DECISIONS = {
    "accept": "Accepted",
    "decline": "Declined",
    "accept_donate": "Accepted and donated or raffled",
    "return": "Returned",
}


def public_entry(gift) -> PublicEntry:
    """What the public sees of one settled entry (``gift`` annotated ``with_outcome``)."""
    from registers.gifts.models import DonorType

    outcome = getattr(gift, "outcome", None)
    decision = PUBLIC_DECISIONS[outcome] if outcome else gift.get_response_display()
    donor = PRIVATE_DONOR if gift.donor_type == DonorType.INDIVIDUAL else gift.donor_name
    return PublicEntry(
        offered_on=gift.offered_on,
        description=gift.description,
        value_band=value_band(gift.estimated_value),
        donor=donor,
        decision=decision,
    )
