"""The integrity board's figures for gifts and hospitality: offers made to the workforce in the
period (by the day offered), accepted and declined, their value, by kind and by who offered them,
and the offers per quarter. Every declaration of the force counts, not a viewer's; a withdrawn
declaration (made in error) does not."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from registers.gifts.models import Direction, DonorType, Gift, GiftStatus, Kind, Response
from standards.access.roles import Role
from standards.board.figures import (
    BoardSection,
    Breakdown,
    Measure,
    Section,
    Trend,
    quarterly_counts,
)
from standards.core.periods import Period, Quarter

KEY = "gifts"

_ACCEPTED = Q(response=Response.ACCEPTED)
_DECLINED = Q(response=Response.DECLINED)
TOTALS = ("offered", "accepted", "declined", "offered_value", "accepted_value")


def _offers():
    """Every offer made to a member of the workforce that was declared and not withdrawn."""
    return Gift.objects.filter(direction=Direction.RECEIVED).exclude(status=GiftStatus.WITHDRAWN)


def _money(expression):
    return Coalesce(expression, Value(Decimal("0")), output_field=DecimalField())


def gift_figures(period: Period) -> Section:
    """One query: the offers of the period grouped by kind and by who offered them, with the
    accepted, declined and value in each group; the totals and both grids are those few groups
    added up (``Gift.Meta`` holds an index covering every column it reads)."""
    offers = _offers().filter(offered_on__range=(period.start, period.end)).order_by()
    groups = offers.values_list("kind", "donor_type").annotate(
        offered=Count("pk"),
        accepted=Count("pk", filter=_ACCEPTED),
        declined=Count("pk", filter=_DECLINED),
        offered_value=_money(Sum("estimated_value")),
        accepted_value=_money(Sum("estimated_value", filter=_ACCEPTED)),
    )
    totals: Counter[str] = Counter()
    by_kind: defaultdict[str, Counter[str]] = defaultdict(Counter)
    by_donor: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for kind, donor_type, *counts in groups.values_list("kind", "donor_type", *TOTALS):
        counted = dict(zip(TOTALS, counts, strict=True))
        for added_to in (totals, by_kind[kind], by_donor[donor_type]):
            added_to.update(counted)

    def grid(counted: defaultdict[str, Counter[str]], choices, key, title, heading) -> Breakdown:
        return Breakdown(
            key=key,
            title=title,
            row_heading=heading,
            columns=("Accepted", "Declined"),
            rows=tuple(
                (label, (counted[value]["accepted"], counted[value]["declined"]))
                for value, label in choices
            ),
            chart="stacked",
        )

    return Section(
        measures=(
            Measure(
                key="gifts.offered",
                label="Gifts and hospitality offered",
                value=totals["offered"],
                hint="Offers to members of the workforce, by the day offered",
            ),
            Measure(key="gifts.accepted", label="Offers accepted", value=totals["accepted"]),
            Measure(key="gifts.declined", label="Offers declined", value=totals["declined"]),
            Measure(
                key="gifts.offered_value",
                label="Value of the offers",
                value=Decimal(totals["offered_value"]),
                unit="money",
                hint="As the members estimated it",
            ),
            Measure(
                key="gifts.accepted_value",
                label="Value of the offers accepted",
                value=Decimal(totals["accepted_value"]),
                unit="money",
            ),
        ),
        breakdowns=(
            grid(by_kind, Kind.choices, "gifts.by_kind", "Offers by kind", "Kind"),
            grid(
                by_donor,
                DonorType.choices,
                "gifts.by_donor",
                "Offers by who made them",
                "Offered by",
            ),
        ),
    )


def gift_trends(quarters: Sequence[Quarter]) -> tuple[Trend, ...]:
    """One query: the offers in each quarter."""
    counted = quarterly_counts(_offers(), "offered_on", quarters)
    return (
        Trend(
            key="gifts.offered",
            label="Gifts and hospitality offered",
            counts=counted,
        ),
    )


SECTION = BoardSection(
    key=KEY,
    title="Gifts and hospitality",
    order=30,
    figures=gift_figures,
    trends=gift_trends,
    audience=frozenset({Role.PSD_DECISION_MAKER, Role.CCU_HEAD}),
    summary="Gifts and hospitality offered to members of the workforce, from the register of "
    "their declarations.",
)
