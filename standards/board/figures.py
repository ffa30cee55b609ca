"""What an area tells the integrity board: its figures for a period, as counts and sums computed
in the database, and the people its events were about, by ethnicity and by sex.

``standards/`` never imports an area, so each area registers a ``BoardSection`` from its
``AppConfig.ready()`` (``register_board_section``). The board calls ``figures(period)`` for the
period chosen, the period before and the same period a year earlier, and ``trends(quarters)`` once
for the charts. Everything else is the board's: rates per 1,000 and per 100 of the workforce,
percentages, small-number suppression, disproportionality, national figures beside the force's,
charts, the PDF and the CSV.

The contract an area keeps:

- **Aggregates only, computed in the database**: ``.aggregate()`` / ``.values().annotate()``
  (GROUP BY), never a Python loop over rows, and a number of queries that does not grow with the
  rows. A provider names no record, person or text: labels come from reference data (an IOPC
  category, a national corruption category) or the provider's own words.
- **The force's figures, not a viewer's**: a provider counts every record, not through the access
  policy, so every reader of the board sees the same numbers. Who may read a section is the
  section's ``audience``; the board decides, and a CCU section is never shown outside the CCU and
  the board.
- **Stable keys**: a ``Measure``'s key (``"complaints.cases_logged"``) names it in the CSV and in
  the national figures entered as reference data; never reuse one for something else.
- **Counts as they are**: the board suppresses; a provider never rounds or hides a number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from django.db.models import Count, DateTimeField, Q
from django.utils import timezone

from standards.access.roles import Role
from standards.core.periods import Period, Quarter

Unit = Literal["count", "money", "days", "percent"]


@dataclass(frozen=True)
class Measure:
    """One headline figure for the period, at force level.

    - ``unit="count"``: ``value`` is an ``int``. With ``per_workforce`` the board adds the rate
      per 1,000 employees (IOPC) and per 100 (HMIC), from the workforce at the period's end.
    - ``unit="money"``: ``value`` is a ``Decimal`` in pounds (the value of gifts offered).
    - ``unit="percent"``: ``value`` is the numerator (an ``int``) and ``denominator`` the count
      it is a share of; the board shows ``value / denominator`` as a percentage, to one decimal
      place (41 reviews of 410 cases: 10.0%), and no percentage when either count is suppressed.
    - ``unit="days"``: ``value`` is an average number of (working) days, a ``Decimal``, and
      ``basis`` how many cases it is the average of; the board does not show an average over a
      suppressed number of cases.

    ``value=None`` means "not recorded for this period" (shown as a dash), never zero.
    """

    key: str
    label: str
    value: int | Decimal | None
    unit: Unit = "count"
    denominator: int | None = None
    basis: int | None = None
    per_workforce: bool = False
    hint: str = ""  # what exactly is counted, under the label ("cases, not allegations")


@dataclass(frozen=True)
class Breakdown:
    """A grid of counts below force level: rows (an IOPC category, a national corruption
    category, a check) by columns (one column, or officers and staff, or routes).

    Give every row the reference data has, zeros included, in the order to show them: a grid
    keeps its shape from period to period and the board compares row by row. The board adds the
    row and column totals, suppresses counts from 1 to 4 and enough others that none can be
    worked out from the totals, and draws the grid as a chart with the table beneath.
    """

    key: str
    title: str
    row_heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]  # (row label, one count per column)
    chart: Literal["bar", "stacked", "none"] = "bar"
    hint: str = ""


@dataclass(frozen=True)
class PeopleCounts:
    """Events about people in the period, by the people's ethnicity and sex, for the
    disproportionality figures: one event per person per record (a complaint about two
    officers counts once for each), so the rate per group is events / the group's headcount.

    The keys are the raw ``Person.ethnicity`` codes (the 2021 census codes, "" where not held)
    and ``Person.sex`` values ("F", "M", ""); the board groups the codes (Asian, Black, Mixed,
    White, Other) and leaves out those not held. Only people in the staff directory are counted
    (an unidentified officer has no ethnicity).
    """

    key: str  # "complaints", "conduct", "proceedings", "dismissals"
    label: str  # "Subjects of complaints"
    by_ethnicity: Mapping[str, int]
    by_sex: Mapping[str, int]


@dataclass(frozen=True)
class Section:
    """An area's figures for one period."""

    measures: tuple[Measure, ...] = ()
    breakdowns: tuple[Breakdown, ...] = ()
    people: tuple[PeopleCounts, ...] = ()


@dataclass(frozen=True)
class Trend:
    """One series for the quarterly trend charts: a count per quarter, every quarter asked for
    present (zero where nothing happened)."""

    key: str
    label: str
    counts: Mapping[dt.date, int]  # the quarter's first day -> the count


def within(queryset, field: str, start: dt.date, end: dt.date) -> Q:
    """The rows of ``queryset`` whose ``field`` falls on a day from ``start`` to ``end``
    inclusive: a date compared as it is; a date and time from the force's midnight on ``start``
    to (not including) its midnight after ``end``, so the column is compared as stored and its
    index serves (``field__date__range`` would convert every row to a local date first)."""
    column = queryset.query.clone().resolve_ref(field)
    if isinstance(column.output_field, DateTimeField):
        zone = timezone.get_current_timezone()
        first = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
        after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        return Q(**{f"{field}__gte": first, f"{field}__lt": after})
    return Q(**{f"{field}__range": (start, end)})


def quarterly_counts(queryset, field: str, quarters: Sequence[Quarter]) -> dict[dt.date, int]:
    """The rows of ``queryset`` per quarter by ``field`` (a date, or a date and time read in the
    force's time zone), every quarter asked for present and zero where empty: one aggregate
    query over the quarters' span, a count per quarter, for a ``Trend``."""
    counts = dict.fromkeys((quarter.start for quarter in quarters), 0)
    if not quarters:
        return counts
    counted = (
        queryset.filter(within(queryset, field, quarters[0].start, quarters[-1].end))
        .order_by()
        .aggregate(
            **{
                f"q{index}": Count("pk", filter=within(queryset, field, quarter.start, quarter.end))
                for index, quarter in enumerate(quarters)
            }
        )
    )
    for index, quarter in enumerate(quarters):
        counts[quarter.start] = counted[f"q{index}"]
    return counts


FiguresProvider = Callable[[Period], Section]
TrendsProvider = Callable[[Sequence[Quarter]], tuple[Trend, ...]]


@dataclass(frozen=True)
class BoardSection:
    """An area's part of the board's summary.

    ``audience`` is who reads the section besides the integrity board (which reads every
    section): the head of PSD for PSD's figures, the head of the CCU for the CCU's and for PSD's
    (the CCU reads PSD material). ``sensitive`` marks CCU figures: every count from 1 to 4 is
    suppressed, even at force level, and the section is never shown to PSD.
    """

    key: str
    title: str
    order: int
    figures: FiguresProvider
    trends: TrendsProvider | None = None
    audience: frozenset[Role] = field(default_factory=frozenset)
    sensitive: bool = False
    summary: str = ""  # one sentence under the section's heading: what it counts and where from


_SECTIONS: dict[str, BoardSection] = {}


def register_board_section(section: BoardSection) -> None:
    if section.sensitive and Role.PSD_DECISION_MAKER in section.audience:
        raise ValueError(f"{section.key}: a CCU section is never shown to PSD")
    _SECTIONS[section.key] = section


def board_sections() -> list[BoardSection]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))
