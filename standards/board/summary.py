"""The board's figures as shown: what the summary pages, the quarterly PDF and the CSV all read,
so the three can never disagree. ``standards.board.selectors.build_summary`` makes a ``Summary``
from the areas' sections (``standards.board.figures``); suppression has already been applied
here, so a renderer prints ``Shown.text`` and never sees a suppressed number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from standards.board.charts import Chart
from standards.core.periods import Period


@dataclass(frozen=True)
class Shown:
    """One figure as printed: "1,439", "13.1", "10.0%", "£2,350", "12.5", "fewer than 5", "not
    shown" (secondary suppression, or a rate on a suppressed count), or a dash (not recorded).
    ``number`` is the figure itself for charts and the commentary, ``None`` whenever ``text``
    is not a number."""

    text: str
    number: Decimal | None = None
    suppressed: bool = False


@dataclass(frozen=True)
class FigureRow:
    """A headline figure for the period beside the period before, the same period last year,
    and the national and most-similar-forces figures where they have been entered. A rate per
    1,000 or per 100 is a row of its own, keyed ``<measure key>.per_1000`` / ``.per_100``."""

    key: str
    label: str
    hint: str
    unit: str  # the Measure's unit, or "rate"
    current: Shown
    previous: Shown
    year_before: Shown
    national: Shown | None = None
    similar: Shown | None = None


@dataclass(frozen=True)
class GridRow:
    label: str
    cells: tuple[Shown, ...]
    total: Shown


@dataclass(frozen=True)
class Grid:
    """A breakdown for the chosen period, suppressed, with its totals and its chart."""

    key: str
    title: str
    hint: str
    row_heading: str
    columns: tuple[str, ...]
    rows: tuple[GridRow, ...]
    totals: GridRow
    chart: Chart | None = None


@dataclass(frozen=True)
class RateRow:
    """One group's rate and relative rate index (RRI) against the reference group."""

    group: str
    headcount: Shown
    events: Shown
    rate: Shown  # events per 1,000 of the group's headcount
    rri: Shown  # "1.00" for the reference group itself
    reference: bool
    within_parity: bool | None  # 0.8 <= RRI <= 1.25; None when the RRI is not shown


@dataclass(frozen=True)
class RateTable:
    key: str  # "<PeopleCounts key>.<dimension>", "complaints.ethnicity"
    title: str  # "Subjects of complaints, by ethnicity"
    dimension: str  # "ethnicity" or "sex"
    reference_group: str  # "White" or "Male"
    rows: tuple[RateRow, ...]
    chart: Chart | None = None


@dataclass(frozen=True)
class SummarySection:
    key: str
    title: str
    summary: str
    sensitive: bool
    figures: tuple[FigureRow, ...]
    grids: tuple[Grid, ...]
    trends: tuple[Chart, ...]


@dataclass(frozen=True)
class Summary:
    period: Period
    previous: Period
    year_before: Period
    workforce: int  # serving on the period's last day
    sections: tuple[SummarySection, ...]
    disproportionality: tuple[RateTable, ...]
    counted_at: dt.datetime  # when the oldest of its figures was counted

    def figure(self, key: str) -> FigureRow:
        for section in self.sections:
            for row in section.figures:
                if row.key == key:
                    return row
        raise KeyError(key)
