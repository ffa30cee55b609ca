"""The quarterly integrity board report: a PDF (WeasyPrint) and a CSV of the same figures, and the
commentary that leads the PDF.

All three read a ``Summary`` (``standards.board.summary``), in which suppression has already been
applied, and print ``Shown.text`` exactly as the summary page does: the PDF, the CSV and the page
can never disagree, and none of them can show a number the page hides. The commentary works from
``Shown.number`` and never from a suppressed or absent figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import tablib
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from standards.board.summary import FigureRow, Shown, Summary, SummarySection
from standards.core.periods import Period

DEFAULT_FORCE_NAME = "Directorate of Standards and Ethics"
MARKING = "OFFICIAL-SENSITIVE"

# A change is measured against the larger of the earlier figure and this floor, so a move from
# 1 to 3 (or £40 to £120) never leads the commentary ahead of a real movement in a large count.
FLOORS: dict[str, Decimal] = {
    "count": Decimal(20),
    "money": Decimal(500),
    "days": Decimal(5),
    "percent": Decimal(10),  # percentage points, against the earlier percentage
}
# Smaller movements than this (after the floor) are not worth a sentence.
SMALLEST_CHANGE = Decimal("0.05")


# The commentary ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Change:
    row: FigureRow
    earlier: Shown
    words: str  # "on the previous quarter"
    score: Decimal

    @property
    def rose(self) -> bool:
        return self.row.current.number > self.earlier.number

    @property
    def size(self) -> str:
        """How far it moved, in words: "by 18%", "by 2.5 percentage points", or nothing when the
        earlier figure was zero (a percentage of nothing means nothing)."""
        now, then = self.row.current.number, self.earlier.number
        if self.row.unit == "percent":
            points = abs(now - then).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            return f"by {points} percentage point{'' if points == 1 else 's'}"
        if then == 0:
            return ""
        percent = (abs(now - then) * 100 / then).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return f"by {percent:,}%"


def _comparisons(period: Period) -> tuple[tuple[str, str], ...]:
    """Which earlier figure each comparison reads, in words. A financial year's previous period
    is also the same period a year earlier, so it is compared once."""
    if period.kind == "quarter":
        return (
            ("previous", "on the previous quarter"),
            ("year_before", "on the same quarter last year"),
        )
    if period.kind == "year":
        return (("previous", "on the previous year"),)
    return (("previous", "on the period before"), ("year_before", "on the same period last year"))


def _change(row: FigureRow, attribute: str, words: str) -> _Change | None:
    now, then = row.current, getattr(row, attribute)
    if now.suppressed or then.suppressed or now.number is None or then.number is None:
        return None
    if now.number == then.number:
        return None
    floor = FLOORS.get(row.unit, FLOORS["count"])
    score = abs(now.number - then.number) / max(abs(then.number), floor)
    if score < SMALLEST_CHANGE:
        return None
    return _Change(row=row, earlier=then, words=words, score=score)


def _sentence(lead: _Change, other: _Change | None) -> str:
    row = lead.row
    verb = "rose" if lead.rose else "fell"
    moved = f"from {lead.earlier.text} to {row.current.text}"
    if lead.size:
        text = f"{row.label} {verb} {lead.size} {lead.words} ({moved})"
    else:
        text = f"{row.label} {verb} {moved} {lead.words}"
    if other is not None:
        joint = "and" if other.rose == lead.rose else "but"
        other_verb = "" if other.rose == lead.rose else ("rose " if other.rose else "fell ")
        if other.size:
            text += f", {joint} {other_verb}{other.size} {other.words} (from {other.earlier.text})"
        else:
            text += f", {joint} {other_verb}from {other.earlier.text} {other.words}"
    return text + "."


def _is_rate(row: FigureRow) -> bool:
    # A rate per 1,000 or per 100 is its count over the workforce, which hardly moves from one
    # quarter to the next: the count is the plainer sentence, so a rate never makes one as well.
    return row.unit == "rate" or row.key.endswith((".per_1000", ".per_100"))


def commentary(summary: Summary, *, limit: int = 5) -> list[str]:
    """The ``limit`` largest changes this period, in plain English, largest first: one sentence
    per figure, against whichever earlier period it moved most from, with the other comparison
    beside it when that moved too. Counts, money, days and percentages; never a rate beside its
    count, never a suppressed or absent figure."""
    ranked: list[tuple[Decimal, str, str]] = []
    for section in summary.sections:
        for row in section.figures:
            if _is_rate(row):
                continue
            changes = [
                change
                for attribute, words in _comparisons(summary.period)
                if (change := _change(row, attribute, words)) is not None
            ]
            if not changes:
                continue
            changes.sort(key=lambda change: change.score, reverse=True)
            lead = changes[0]
            other = changes[1] if len(changes) > 1 else None
            ranked.append((lead.score, row.key, _sentence(lead, other)))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    return [sentence for _, _, sentence in ranked[:limit]]


# The PDF -------------------------------------------------------------------------------------


def force_name() -> str:
    return getattr(settings, "FORCE_NAME", "") or DEFAULT_FORCE_NAME


def _chapter(section: SummarySection) -> dict:
    return {
        "section": section,
        "national": any(row.national is not None for row in section.figures),
        "similar": any(row.similar is not None for row in section.figures),
    }


def _comparison_words(period: Period) -> str:
    return " and ".join(words.removeprefix("on ") for _, words in _comparisons(period))


def board_report_html(summary: Summary, *, commentary: list[str]) -> str:
    """The report as the HTML the PDF is made from (autoescaped; the charts' SVG is the charts'
    own markup, built from escaped text)."""
    return render_to_string(
        "board/report/pdf.html",
        {
            "summary": summary,
            "commentary": commentary,
            "comparison": _comparison_words(summary.period),
            "chapters": [_chapter(section) for section in summary.sections],
            "rate_tables": [
                {"table": table, "rows": [(row, parity(row)) for row in table.rows]}
                for table in summary.disproportionality
            ],
            "force_name": force_name(),
            "marking": MARKING,
            "made_on": timezone.localdate(),
        },
    )


def _no_fetching(url: str, *args, **kwargs):
    # The report is self-contained (its CSS in the page, its charts inline SVG): nothing is read
    # from the network or the file system.
    raise ValueError(f"The board report loads no external resources ({url[:40]})")


def board_report_pdf(summary: Summary, *, commentary: list[str]) -> bytes:
    from weasyprint import HTML

    html = board_report_html(summary, commentary=commentary)
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()


# The CSV -------------------------------------------------------------------------------------


def board_report_dataset(summary: Summary) -> tablib.Dataset:
    """The report's figures as printed, one row per figure: its section, key, label and the text
    of each column; then one row per cell of each grid (the column in "Column", the text under
    this period) and one per value of each disproportionality table."""
    period = summary.period
    headers = [
        "Section",
        "Key",
        "Label",
        "Column",
        f"This period ({period.short_label})",
        f"Previous period ({summary.previous.short_label})",
        f"Same period last year ({summary.year_before.short_label})",
        "National",
        "Most similar forces",
    ]
    dataset = tablib.Dataset(headers=headers, title=f"Integrity board {period.short_label}")

    def text(shown: Shown | None) -> str:
        return "" if shown is None else shown.text

    def cell(section: str, key: str, label: str, column: str, shown: Shown | str) -> None:
        value = shown if isinstance(shown, str) else shown.text
        dataset.append([section, key, label, column, value, "", "", "", ""])

    for section in summary.sections:
        for row in section.figures:
            dataset.append(
                [
                    section.title,
                    row.key,
                    row.label,
                    "",
                    row.current.text,
                    row.previous.text,
                    row.year_before.text,
                    text(row.national),
                    text(row.similar),
                ]
            )
    for section in summary.sections:
        for grid in section.grids:
            for grid_row in (*grid.rows, grid.totals):
                label = f"{grid.title}: {grid_row.label}"
                for column, shown in zip(grid.columns, grid_row.cells, strict=True):
                    cell(section.title, grid.key, label, column, shown)
                cell(section.title, grid.key, label, "Total", grid_row.total)
    for table in summary.disproportionality:
        for rate_row in table.rows:
            label = f"{table.title}: {rate_row.group}"
            if rate_row.reference:
                label += " (reference group)"
            cell("Disproportionality", table.key, label, "Headcount", rate_row.headcount)
            cell("Disproportionality", table.key, label, "People", rate_row.events)
            cell("Disproportionality", table.key, label, "Rate per 1,000", rate_row.rate)
            cell("Disproportionality", table.key, label, "Relative rate index", rate_row.rri)
            cell("Disproportionality", table.key, label, "Within the parity band", parity(rate_row))
    return dataset


def parity(row) -> str:
    """Whether a group's relative rate index is within 0.8 to 1.25, as printed."""
    if row.within_parity is None:
        return "Not shown"
    return "Yes" if row.within_parity else "No"
