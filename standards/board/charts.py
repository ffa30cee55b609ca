"""Charts drawn on the server as SVG: no script, no CDN, printable in the PDF. Every chart has a
text alternative and its numbers in a table beneath it (the page draws ``Chart.headings`` and
``Chart.rows`` as a GOV.UK table, behind a "Show the figures" details element).

A suppressed value is ``None`` in a series: drawn as no bar (a gap in a line) and printed as the
suppressed text in the table; the chart never draws a number the table does not show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


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
    raise NotImplementedError


def line_chart(
    *, key: str, title: str, categories: Sequence[str], series: Sequence[Series]
) -> Chart:
    """A quarterly trend: one line per series over ``categories`` (quarter labels)."""
    raise NotImplementedError


def rate_chart(
    *,
    key: str,
    title: str,
    groups: Sequence[str],
    rri: Sequence[float | None],
    shown: Sequence[str],
) -> Chart:
    """Relative rate indices as dots against 1 (parity), with the 0.8 to 1.25 band shaded."""
    raise NotImplementedError
