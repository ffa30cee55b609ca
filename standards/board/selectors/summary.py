"""The board's summary: every section the reader may read, for a period beside the period before
and the same period a year earlier, with rates per 1,000 and per 100 of the workforce, the
national and most-similar-forces figures, the grids and trends as charts and the
disproportionality tables. Suppression is applied here, before anything leaves: a page, the PDF
or the CSV prints ``Shown.text`` and never sees a suppressed number.

Queries: the reader's roles, the workforce on each period's last day (3), the reference figures
(1), the headcount by group (1), and whatever each section's provider makes (a bounded number
each, whatever the rows).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.utils import timezone

from standards.access.roles import Role, role_names
from standards.board import charts, suppression
from standards.board.disproportionality import headcount, rate_table
from standards.board.figures import (
    BoardSection,
    Breakdown,
    Measure,
    PeopleCounts,
    Section,
    Trend,
    board_sections,
)
from standards.board.models import ReferenceScope
from standards.board.rules import is_board_reader
from standards.board.selectors.reference import reference_figures_for
from standards.board.summary import (
    FigureRow,
    Grid,
    GridRow,
    RateTable,
    Shown,
    Summary,
    SummarySection,
)
from standards.core.periods import (
    Period,
    Quarter,
    financial_year_start,
    last_complete_quarter,
    quarters_ending,
)
from standards.people import selectors as people_selectors

TREND_QUARTERS = 8
PER = ((1000, "per_1000", "per 1,000 workforce"), (100, "per_100", "per 100 workforce"))


def readable_sections(user) -> list[BoardSection]:
    """The sections ``user`` may read: the board reads all; the head of PSD and the head of the
    CCU read those whose audience names their role, and a CCU (sensitive) section is never
    shown to PSD."""
    held = role_names(user)
    if Role.INTEGRITY_BOARD in held:
        return board_sections()
    return [
        section
        for section in board_sections()
        if held & section.audience and not (section.sensitive and Role.PSD_DECISION_MAKER in held)
    ]


def summary_query_string(period: Period) -> str:
    """The GET query that chooses ``period`` on the summary, the report and the downloads."""
    if period.kind == "year":
        return urlencode({"period": "year", "year": period.start.year})
    if period.kind == "quarter":
        return urlencode({"period": "quarter", "quarter": Quarter.holding(period.start).key})
    query = {"period": "custom"}
    for name, day in (("date_from", period.start), ("date_to", period.end)):
        query.update({f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year})
    return urlencode(query)


def build_summary(*, user, period: Period, section: str | None = None) -> Summary:
    """The summary for ``period`` as ``user`` may read it (404 for anyone not a board reader).
    With ``section``, that section alone (404 when it is not one the user may read)."""
    if not is_board_reader(user):
        raise Http404
    sections = readable_sections(user)
    if section is not None:
        sections = [item for item in sections if item.key == section]
        if not sections:
            raise Http404
    counted = _count(period, sections)
    reference = reference_figures_for(period)
    shown: list[SummarySection] = []
    people: list[PeopleCounts] = []
    for board_section in sections:
        figures = counted.figures[board_section.key]
        people.extend(figures[0].people)
        shown.append(
            SummarySection(
                key=board_section.key,
                title=board_section.title,
                summary=board_section.summary,
                sensitive=board_section.sensitive,
                figures=_figure_rows(board_section, figures, counted.workforce, reference),
                grids=tuple(_grid(board_section, breakdown) for breakdown in figures[0].breakdowns),
                trends=_trends(board_section, counted.quarters, counted.trends[board_section.key]),
            )
        )
    return Summary(
        period=period,
        previous=period.previous(),
        year_before=period.year_before(),
        workforce=counted.workforce[0],
        sections=tuple(shown),
        disproportionality=_disproportionality(people, period),
        counted_at=counted.counted_at,
    )


def counted_every_minutes() -> int:
    """How often the figures are counted again, in whole minutes (0: on every view)."""
    return math.ceil(max(settings.BOARD_FIGURES_CACHE_SECONDS, 0) / 60)


def standing_periods(today: dt.date) -> list[Period]:
    """The periods the board's pages open on, counted ahead of their readers: this financial
    year (the summary), this quarter (the home page), the last complete quarter (the quarterly
    report) and the last financial year (the one the board reports on after it ends)."""
    this_year = financial_year_start(today)
    this_quarter = Quarter.holding(today)
    last_quarter = last_complete_quarter(today)
    periods = (
        Period.financial_year(this_year),
        Period.quarter(this_quarter.financial_year, this_quarter.number),
        Period.quarter(last_quarter.financial_year, last_quarter.number),
        Period.financial_year(this_year - 1),
    )
    return list(dict.fromkeys(periods))


def count_ahead(*, today: dt.date) -> int:
    """Count every section's figures for the standing periods (each with the period before and
    the same period a year earlier) and keep them for the readers, replacing what was kept: the
    board's scheduled task runs this every few minutes, so a reader of those periods never waits
    for a count. Returns how many counts it made (a section's figures for a period or its
    trends, the workforce on a day; none when the figures are not kept,
    ``BOARD_FIGURES_CACHE_SECONDS`` 0)."""
    if settings.BOARD_FIGURES_CACHE_SECONDS <= 0:
        return 0
    sections = board_sections()
    counted: set[tuple[str, Period]] = set()
    for period in standing_periods(today):
        _count(period, sections, afresh=True, skip=counted)
    return len(counted)


# --- counting, and keeping what was counted for a few minutes ---------------------------------
#
# The figures are counted from the areas' records, and kept in the shared cache (they are the
# force's figures, not a reader's): each section's figures for a period, its trends and the
# workforce on a day. What a reader's view counts is kept for BOARD_FIGURES_CACHE_SECONDS (five
# minutes by default). The standing periods are counted ahead by the board's scheduled task as
# often (``count_ahead``) and kept twice as long, so they are replaced before they lapse. A
# financial year's previous period is also the same period a year earlier: it is counted once.
# The summary says when the oldest of its figures was counted.


# The cache keys' prefix: a new one whenever what is kept changes shape (now a value and when
# it was counted), so a deployment never reads what the previous version kept.
KEPT = "board:2"


@dataclass(frozen=True)
class _Counted:
    workforce: list[int]  # on the last day of the period, the period before, a year earlier
    figures: dict[str, list[Section]]  # section key -> the same three periods
    quarters: list[Quarter]
    trends: dict[str, tuple[Trend, ...]]  # section key -> its trends over ``quarters``
    counted_at: dt.datetime  # when the oldest of these was counted


def _count(
    period: Period,
    sections: list[BoardSection],
    *,
    afresh: bool = False,
    skip: set[tuple[str, Period]] | None = None,
) -> _Counted:
    """Everything the summary counts for ``period``: kept figures where there are some (unless
    ``afresh``), counted and kept where not. ``skip`` names the sections' periods already
    counted afresh in this run (and gathers the new ones)."""
    periods = (period, period.previous(), period.year_before())
    distinct = list(dict.fromkeys(periods))  # a year's previous period is the year before
    times: list[dt.datetime] = []

    def kept(key: str, count, done: tuple[str, Period] | None = None):
        again = afresh and not (skip is not None and done in skip)
        value, counted_at = _kept(key, count, afresh=again)
        if again and skip is not None and done is not None:
            skip.add(done)
        times.append(counted_at)
        return value

    workforce_on = {
        item: kept(f"{KEPT}:workforce:{item.end}", partial(_workforce, item), ("workforce", item))
        for item in distinct
    }
    figures = {}
    for board_section in sections:
        counted = {
            item: kept(
                f"{KEPT}:figures:{board_section.key}:{item.start}:{item.end}",
                partial(board_section.figures, item),
                (board_section.key, item),
            )
            for item in distinct
        }
        figures[board_section.key] = [counted[item] for item in periods]
    quarters = quarters_ending(period.end, TREND_QUARTERS)
    span = Period.custom(quarters[0].start, quarters[-1].end)
    trends = {
        board_section.key: kept(
            f"{KEPT}:trends:{board_section.key}:{span.start}:{span.end}",
            partial(board_section.trends, quarters),
            (f"{board_section.key}:trends", span),
        )
        if board_section.trends is not None
        else ()
        for board_section in sections
    }
    return _Counted(
        workforce=[workforce_on[item] for item in periods],
        figures=figures,
        quarters=quarters,
        trends=trends,
        counted_at=min(times, default=timezone.now()),
    )


def _kept(key: str, count, *, afresh: bool) -> tuple[object, dt.datetime]:
    """``count()`` and when it was counted: as kept under ``key`` if it is (and not
    ``afresh``), else counted now and kept."""
    seconds = settings.BOARD_FIGURES_CACHE_SECONDS
    if seconds <= 0:
        return count(), timezone.now()
    if not afresh:
        found = cache.get(key)
        if found is not None:
            return found
    value = (count(), timezone.now())
    # Counted ahead: kept twice as long as a reader's count, so the next run replaces it first.
    cache.set(key, value, seconds * 2 if afresh else seconds)
    return value


def _workforce(period: Period) -> int:
    return people_selectors.workforce(on=period.end).count()


# --- headline figures -------------------------------------------------------------------------


def _measure_shown(measure: Measure | None, *, sensitive: bool) -> Shown:
    if measure is None or measure.value is None:
        return suppression.not_recorded()
    if measure.unit == "money":
        return suppression.money(measure.value)
    if measure.unit == "percent":
        hidden = sensitive and (
            suppression.is_small(measure.value) or suppression.is_small(measure.denominator)
        )
        return suppression.percent(measure.value, measure.denominator, suppressed=hidden)
    if measure.unit == "days":
        return suppression.days(
            measure.value, suppressed=sensitive and suppression.is_small(measure.basis)
        )
    return suppression.count(measure.value, suppress=sensitive)


def _rate_shown(measure: Measure | None, workforce: int, per: int, *, sensitive: bool) -> Shown:
    if measure is None or measure.value is None:
        return suppression.not_recorded()
    hidden = sensitive and suppression.is_small(measure.value)
    return suppression.rate(measure.value, workforce, per=per, suppressed=hidden)


def _reference_shown(value: Decimal | None, unit: str) -> Shown | None:
    if value is None:
        return None
    if unit == "money":
        return suppression.money(value)
    if unit == "percent":
        return suppression.percent_value(value)
    if unit == "count" and value == value.to_integral_value():
        return suppression.count(int(value))
    return suppression.one_place(value)


def _figure_rows(
    board_section: BoardSection,
    figures: list[Section],
    workforce: list[int],
    reference: dict,
) -> tuple[FigureRow, ...]:
    sensitive = board_section.sensitive
    by_key = [{measure.key: measure for measure in item.measures} for item in figures]
    rows: list[FigureRow] = []

    def beside(key: str, unit: str) -> dict:
        return {
            "national": _reference_shown(reference.get((key, ReferenceScope.NATIONAL)), unit),
            "similar": _reference_shown(reference.get((key, ReferenceScope.SIMILAR)), unit),
        }

    for measure in figures[0].measures:
        found = [measures.get(measure.key) for measures in by_key]
        rows.append(
            FigureRow(
                key=measure.key,
                label=measure.label,
                hint=measure.hint,
                unit=measure.unit,
                current=_measure_shown(found[0], sensitive=sensitive),
                previous=_measure_shown(found[1], sensitive=sensitive),
                year_before=_measure_shown(found[2], sensitive=sensitive),
                **beside(measure.key, measure.unit),
            )
        )
        if measure.per_workforce and measure.unit == "count":
            for per, suffix, words in PER:
                key = f"{measure.key}.{suffix}"
                current, previous, year_before = (
                    _rate_shown(item, heads, per, sensitive=sensitive)
                    for item, heads in zip(found, workforce, strict=True)
                )
                rows.append(
                    FigureRow(
                        key=key,
                        label=f"{measure.label} {words}",
                        hint="",
                        unit="rate",
                        current=current,
                        previous=previous,
                        year_before=year_before,
                        **beside(key, "rate"),
                    )
                )
    return tuple(rows)


# --- grids, trends, disproportionality ---------------------------------------------------------


def _chart_key(*parts: str) -> str:
    return "-".join(part.replace(".", "-").replace("_", "-") for part in parts)


def _number(shown: Shown) -> float | None:
    return None if shown.number is None else float(shown.number)


def _grid(board_section: BoardSection, breakdown: Breakdown) -> Grid:
    cells = [counts for _label, counts in breakdown.rows]
    if not cells:
        cells = [tuple(0 for _column in breakdown.columns)]  # no rows: the totals are zero
    suppressed = suppression.suppress_grid(cells, sensitive=board_section.sensitive)
    rows = tuple(
        GridRow(
            label=label,
            cells=tuple(suppressed.shown((row, column)) for column in range(len(counts))),
            total=suppressed.shown((row, None)),
        )
        for row, (label, counts) in enumerate(breakdown.rows)
    )
    totals = GridRow(
        label="Total",
        cells=tuple(suppressed.shown((None, column)) for column in range(len(breakdown.columns))),
        total=suppressed.shown((None, None)),
    )
    chart = None
    if breakdown.chart != "none" and rows:
        chart = charts.bar_chart(
            key=_chart_key(breakdown.key),
            title=breakdown.title,
            categories=[row.label for row in rows],
            series=[
                charts.Series(
                    label=column,
                    values=tuple(_number(row.cells[index]) for row in rows),
                    shown=tuple(row.cells[index].text for row in rows),
                )
                for index, column in enumerate(breakdown.columns)
            ],
            stacked=breakdown.chart == "stacked",
        )
    return Grid(
        key=breakdown.key,
        title=breakdown.title,
        hint=breakdown.hint,
        row_heading=breakdown.row_heading,
        columns=breakdown.columns,
        rows=rows,
        totals=totals,
        chart=chart,
    )


def _trends(
    board_section: BoardSection, quarters: list[Quarter], trends: tuple[Trend, ...]
) -> tuple[charts.Chart, ...]:
    """One chart per section: each of its series over the 8 quarters ending with the period's
    last; in a sensitive section a quarter's count from 1 to 4 is suppressed."""
    if not trends:
        return ()
    series = []
    for trend in trends:
        shown = [
            suppression.count(trend.counts.get(quarter.start, 0), suppress=board_section.sensitive)
            for quarter in quarters
        ]
        series.append(
            charts.Series(
                label=trend.label,
                values=tuple(_number(item) for item in shown),
                shown=tuple(item.text for item in shown),
            )
        )
    return (
        charts.line_chart(
            key=_chart_key(board_section.key, "trend"),
            title=f"{board_section.title}: the last {len(quarters)} quarters",
            categories=[quarter.label for quarter in quarters],
            series=series,
        ),
    )


def _disproportionality(people: list[PeopleCounts], period: Period) -> tuple[RateTable, ...]:
    if not people:
        return ()
    heads = headcount(on=period.end)
    tables = []
    for counts in people:
        for dimension in ("ethnicity", "sex"):
            table = rate_table(counts, dimension, heads)
            chart = charts.rate_chart(
                key=_chart_key(table.key),
                title=f"{table.title}: relative rate index against {table.reference_group}",
                groups=[row.group for row in table.rows],
                rri=[_number(row.rri) for row in table.rows],
                shown=[row.rri.text for row in table.rows],
            )
            tables.append(replace(table, chart=chart))
    return tuple(tables)
