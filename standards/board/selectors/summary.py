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

from dataclasses import replace
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import Http404

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
from standards.core.periods import Period, Quarter, quarters_ending
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
    periods = (period, period.previous(), period.year_before())
    workforce = [_workforce(item) for item in periods]
    reference = reference_figures_for(period)
    quarters = quarters_ending(period.end, TREND_QUARTERS)
    shown: list[SummarySection] = []
    people: list[PeopleCounts] = []
    for board_section in sections:
        counted: dict[Period, Section] = {}
        for item in periods:
            if item not in counted:
                counted[item] = _figures(board_section, item)
        figures = [counted[item] for item in periods]
        people.extend(figures[0].people)
        shown.append(
            SummarySection(
                key=board_section.key,
                title=board_section.title,
                summary=board_section.summary,
                sensitive=board_section.sensitive,
                figures=_figure_rows(board_section, figures, workforce, reference),
                grids=tuple(_grid(board_section, breakdown) for breakdown in figures[0].breakdowns),
                trends=_trends(board_section, quarters),
            )
        )
    return Summary(
        period=period,
        previous=periods[1],
        year_before=periods[2],
        workforce=workforce[0],
        sections=tuple(shown),
        disproportionality=_disproportionality(people, period),
    )


# --- counting, and keeping what was counted for a few minutes ---------------------------------
#
# The figures are counted afresh from the areas' records, but not on every page view: each
# section's figures for a period (and the workforce on a day) are kept in the cache for
# BOARD_FIGURES_CACHE_SECONDS (five minutes by default), shared by every reader (they are the
# force's figures, not a reader's). A financial year's previous period is also the same period
# a year earlier: it is counted once. The summary says when its figures were counted.


def _cached(key: str, count):
    seconds = settings.BOARD_FIGURES_CACHE_SECONDS
    if seconds <= 0:
        return count()
    value = cache.get(key)
    if value is None:
        value = count()
        cache.set(key, value, seconds)
    return value


def _figures(board_section: BoardSection, period: Period) -> Section:
    key = f"board:figures:{board_section.key}:{period.start}:{period.end}"
    return _cached(key, lambda: board_section.figures(period))


def _workforce(period: Period) -> int:
    key = f"board:workforce:{period.end}"
    return _cached(key, lambda: people_selectors.workforce(on=period.end).count())


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


def _trends(board_section: BoardSection, quarters: list[Quarter]) -> tuple[charts.Chart, ...]:
    """One chart per section: each of its series over the 8 quarters ending with the period's
    last; in a sensitive section a quarter's count from 1 to 4 is suppressed."""
    if board_section.trends is None:
        return ()
    key = f"board:trends:{board_section.key}:{quarters[0].start}:{quarters[-1].end}"
    trends: tuple[Trend, ...] = _cached(key, lambda: board_section.trends(quarters))
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
