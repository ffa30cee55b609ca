"""Disproportionality: how often events (complaints, conduct matters, proceedings, dismissals)
concern each group of the workforce, against the reference group.

Groups are the 2021 census codes by their first letter (Asian, Black, Mixed, Other, White);
"not held" is left out. Sex is Female or Male. The reference group is White (for sex, Male).

- Rate per group: events / the group's headcount at the period's end x 1,000.
- Relative rate index (RRI): (events in the group / its headcount) / (events in the reference
  group / its headcount), to two decimal places; the reference group's own RRI is 1.00. From
  0.8 to 1.25 is read as parity.
- Every count (events and headcount per group) from 1 to 4 is "fewer than 5"; a rate or RRI built
  on a suppressed count is "not shown", and no RRI at all is shown when the reference group's
  count is suppressed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count
from django.db.models.functions import Substr, Upper

from standards.board.figures import PeopleCounts
from standards.board.summary import RateRow, RateTable, Shown
from standards.board.suppression import count, is_small, not_recorded, not_shown, rate
from standards.people import selectors as people_selectors

ETHNIC_GROUPS: tuple[tuple[str, str], ...] = (
    ("A", "Asian"),
    ("B", "Black"),
    ("M", "Mixed"),
    ("O", "Other"),
    ("W", "White"),
)
SEXES: tuple[tuple[str, str], ...] = (("F", "Female"), ("M", "Male"))

DIMENSIONS = {
    "ethnicity": (ETHNIC_GROUPS, "W"),
    "sex": (SEXES, "M"),
}

PARITY_LOW = Decimal("0.80")
PARITY_HIGH = Decimal("1.25")
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Headcount:
    """The workforce on a day by ethnic group (first letter of the code) and by sex."""

    by_ethnicity: dict[str, int]
    by_sex: dict[str, int]


def headcount(*, on: dt.date) -> Headcount:
    """The staff directory's workforce on ``on``, grouped: one query."""
    rows = (
        people_selectors.workforce(on=on)
        .annotate(group=Upper(Substr("ethnicity", 1, 1)))
        .values_list("group", "sex")
        .annotate(n=Count("pk"))
        .values_list("group", "sex", "n")
    )
    by_ethnicity: dict[str, int] = {}
    by_sex: dict[str, int] = {}
    for group, sex, n in rows:
        if group:
            by_ethnicity[group] = by_ethnicity.get(group, 0) + n
        if sex:
            by_sex[sex] = by_sex.get(sex, 0) + n
    return Headcount(by_ethnicity=by_ethnicity, by_sex=by_sex)


def grouped(counts: Mapping[str, int], dimension: str) -> dict[str, int]:
    """Events by group: census codes by their first letter; "" (not held) left out."""
    result: dict[str, int] = {}
    for code, n in counts.items():
        key = code[:1].upper() if dimension == "ethnicity" else code
        if key:
            result[key] = result.get(key, 0) + n
    return result


def relative_rate_index(
    events: int, heads: int, reference_events: int, reference_heads: int
) -> Decimal | None:
    """(events / heads) / (reference events / reference heads), to two decimal places; None when
    it cannot be worked out (no headcount, or no event in the reference group)."""
    if not heads or not reference_heads or not reference_events:
        return None
    exact = Fraction(events, heads) / Fraction(reference_events, reference_heads)
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


def rate_table(people: PeopleCounts, dimension: str, heads: Headcount) -> RateTable:
    """One table: a row per group with its headcount, events, rate per 1,000 and RRI."""
    groups, reference = DIMENSIONS[dimension]
    events = grouped(people.by_ethnicity if dimension == "ethnicity" else people.by_sex, dimension)
    headcounts = heads.by_ethnicity if dimension == "ethnicity" else heads.by_sex
    reference_label = dict(groups)[reference]
    ref_events, ref_heads = events.get(reference, 0), headcounts.get(reference, 0)
    reference_hidden = is_small(ref_events) or is_small(ref_heads)
    rows = []
    for code, label in groups:
        n, heads_n = events.get(code, 0), headcounts.get(code, 0)
        hidden = is_small(n) or is_small(heads_n)
        if hidden or reference_hidden:
            rri_shown, within = not_shown(), None
        else:
            rri = relative_rate_index(n, heads_n, ref_events, ref_heads)
            if rri is None:
                rri_shown, within = not_recorded(), None
            else:
                rri_shown = Shown(f"{rri}", rri)
                within = PARITY_LOW <= rri <= PARITY_HIGH
        rows.append(
            RateRow(
                group=label,
                headcount=count(heads_n, suppress=True),
                events=count(n, suppress=True),
                rate=rate(n, heads_n, per=1000, suppressed=hidden),
                rri=rri_shown,
                reference=code == reference,
                within_parity=within,
            )
        )
    return RateTable(
        key=f"{people.key}.{dimension}",
        title=f"{people.label}, by {dimension}",
        dimension=dimension,
        reference_group=reference_label,
        rows=tuple(rows),
    )
