"""Charts drawn on the server as SVG: no script, no CDN, printable in the PDF. Every chart has a
text alternative and its numbers in a table beneath it (the page draws ``Chart.headings`` and
``Chart.rows`` as a GOV.UK table, behind a "Show the figures" details element).

A suppressed value is ``None`` in a series: drawn as no bar (a gap in a line) and printed as the
suppressed text in the table; the chart never draws a number the table does not show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]  # one per category; None: suppressed or not recorded
    shown: tuple[str, ...]  # the same values as printed ("12", "fewer than 5")


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    svg: str  # SVG markup: role="img", aria-labelledby its own <title> and <desc>
    alt: str  # the text alternative: what the chart shows and its largest movements, in words
    headings: tuple[str, ...]  # the table beneath: the first heading names the row labels
    rows: tuple[tuple[str, ...], ...]


# A first, plain drawing (the table beneath carries the numbers); the finished charts replace it.


def _table(categories: Sequence[str], series: Sequence[Series], first: str) -> tuple:
    headings = (first, *(item.label for item in series))
    rows = tuple(
        (category, *(item.shown[index] for item in series))
        for index, category in enumerate(categories)
    )
    return headings, rows


def _svg(key: str, title: str, alt: str, body: str, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 640 {height}" '
        f'aria-labelledby="{key}-title {key}-desc"><title id="{key}-title">{escape(title)}</title>'
        f'<desc id="{key}-desc">{escape(alt)}</desc>{body}</svg>'
    )


def bar_chart(
    *,
    key: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    stacked: bool = False,
    horizontal: bool = True,
) -> Chart:
    """Bars per category (one colour per series; stacked or side by side)."""
    values = [value or 0 for item in series for value in item.values]
    top = max(values, default=0) or 1
    bars = []
    for index, category in enumerate(categories):
        y = 10 + index * 24
        bars.append(f'<text x="0" y="{y + 14}" font-size="14">{escape(category)}</text>')
        for offset, item in enumerate(series):
            value = item.values[index] or 0
            width = 360 * value / top
            bars.append(
                f'<rect x="240" y="{y + offset * 4}" width="{width:.1f}" height="16" '
                f'fill="#1d70b8"/>'
            )
    alt = f"{title}: a bar for each of {len(categories)} rows; the figures are in the table."
    headings, rows = _table(categories, series, "")
    return Chart(
        key=key,
        title=title,
        svg=_svg(key, title, alt, "".join(bars), 20 + 24 * len(categories)),
        alt=alt,
        headings=headings,
        rows=rows,
    )


def line_chart(
    *, key: str, title: str, categories: Sequence[str], series: Sequence[Series]
) -> Chart:
    """A quarterly trend: one line per series over ``categories`` (quarter labels)."""
    return bar_chart(key=key, title=title, categories=categories, series=series)


def rate_chart(
    *,
    key: str,
    title: str,
    groups: Sequence[str],
    rri: Sequence[float | None],
    shown: Sequence[str],
) -> Chart:
    """Relative rate indices as dots against 1 (parity), with the 0.8 to 1.25 band shaded."""
    series = [Series(label="Relative rate index", values=tuple(rri), shown=tuple(shown))]
    return bar_chart(key=key, title=title, categories=groups, series=series)
