"""Charts drawn on the server as SVG: no script, no CDN, printable in the PDF. Every chart has a
text alternative and its numbers in a table beneath it (the page draws ``Chart.headings`` and
``Chart.rows`` as a GOV.UK table, behind a "Show the figures" details element).

A suppressed value is ``None`` in a series: drawn as no bar (a gap in a line) and printed as the
suppressed text in the table; the chart never draws a number the table does not show (every label
on a bar, point or dot is the series' ``shown`` text).

The same markup is served on the page, under a Content-Security-Policy that allows no inline
style, and drawn by WeasyPrint in the PDF, so it uses presentation attributes only (``fill``,
``font-size``...): no ``style``, no class that needs a stylesheet, no script. Every label comes
from data and is escaped. Text is at least 14px; the colours are GOV.UK's, each at least 3:1
against white, and the series differ by marker and dash too, not by colour alone.
"""

from __future__ import annotations

import math
import re
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


WIDTH = 640
FONT = "arial, helvetica, sans-serif"
TEXT = "#0b0c0c"  # GOV.UK black
SECONDARY = "#505a5f"  # GOV.UK secondary text (7:1 on white)
GRID = "#b1b4b6"  # GOV.UK mid grey: gridlines, decorative
BAND = "#d2e2f1"  # a light tint of GOV.UK blue, behind the parity band
# GOV.UK colours, each at least 3:1 against white and against white text on it.
COLOURS = ("#1d70b8", "#912b88", "#00703c", "#d4351c", "#505a5f", "#4c2c92")
DASHES = ("", "6 4", "2 3", "10 4 2 4", "", "6 4")
LABEL_SIZE = 16
SMALL = 14
CHAR = 0.56  # an average character's width, as a share of the font size (arial, generous)


def _id(key: str) -> str:
    return "chart-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _width(text: str, size: int = LABEL_SIZE) -> float:
    return len(text) * size * CHAR


def _fmt(number: float) -> str:
    if abs(number - round(number)) < 1e-9:
        return f"{round(number):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def _wrap(text: str, room: float, size: int = LABEL_SIZE, lines: int = 3) -> list[str]:
    """``text`` in lines that fit ``room`` pixels, at most ``lines`` (the last one cut short with
    an ellipsis; the table beneath has the whole label)."""
    per_line = max(int(room / (size * CHAR)), 4)
    out: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= per_line or not current:
            current = candidate
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    out = [line if len(line) <= per_line else line[: per_line - 1] + "\u2026" for line in out]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: per_line - 1].rstrip() + "\u2026"
    return out or [""]


def _text(
    x: float, y: float, text: str, *, size: int = LABEL_SIZE, fill: str = TEXT, **attributes
) -> str:
    extra = "".join(
        f' {name.replace("_", "-")}="{_e(value)}"' for name, value in attributes.items()
    )
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}"{extra}>{_e(text)}</text>'
    )


def _nice_step(top: float, ticks: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about ``ticks`` gridlines; at
    least 1, as the charts count things."""
    if top <= ticks:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * power:
            return multiple * power
    return 10 * power


def _axis_top(top: float) -> tuple[float, float]:
    step = _nice_step(top)
    return step * max(math.ceil(top / step), 1), step


def _svg(key: str, title: str, alt: str, body: str, height: float) -> str:
    ident = _id(key)
    height = math.ceil(height)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" '
        f'aria-labelledby="{ident}-title {ident}-desc" focusable="false">'
        f'<title id="{ident}-title">{_e(title)}</title>'
        f'<desc id="{ident}-desc">{_e(alt)}</desc>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>{body}</svg>'
    )


def _table(categories: Sequence[str], series: Sequence[Series], first: str) -> tuple:
    headings = (first, *(item.label for item in series))
    rows = tuple(
        (category, *(item.shown[index] for item in series))
        for index, category in enumerate(categories)
    )
    return headings, rows


def _legend(series: Sequence[Series], y: float, *, lines: bool = False) -> tuple[str, float]:
    """The series' names with their colour (and marker and dash on a line chart), flowing into
    rows; returns the markup and the height used. One series needs no legend."""
    if len(series) < 2:
        return "", 0
    parts = []
    x = 0.0
    for index, item in enumerate(series):
        label = item.label
        needed = 34 + _width(label) + 24
        if x and x + needed > WIDTH:
            x = 0
            y += 26
        colour = COLOURS[index % len(COLOURS)]
        if lines:
            dash = DASHES[index % len(DASHES)]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<line x1="{x:.1f}" y1="{y - 5:.1f}" x2="{x + 26:.1f}" y2="{y - 5:.1f}" '
                f'stroke="{colour}" stroke-width="3"{dash_attr}/>'
                + _marker(index, x + 13, y - 5, colour)
            )
        else:
            parts.append(
                f'<rect x="{x:.1f}" y="{y - 15:.1f}" width="20" height="20" fill="{colour}"/>'
            )
        parts.append(_text(x + 34, y, label))
        x += needed
    return "".join(parts), y + 26


# Bar charts -------------------------------------------------------------------------------------


def _bar_alt(title: str, categories: Sequence[str], series: Sequence[Series]) -> str:
    sentences = [
        f"{title}. A bar chart of {len(categories)} categor"
        f"{'y' if len(categories) == 1 else 'ies'}"
        + (f", with bars for {_and([item.label for item in series])}." if len(series) > 1 else ".")
    ]
    for item in series[:4]:
        known = [(value, index) for index, value in enumerate(item.values) if value is not None]
        prefix = f"{item.label}: " if len(series) > 1 else ""
        if not known or not any(value for value, _index in known):
            sentences.append(f"{prefix}no figure above zero can be shown.")
            continue
        _top_value, top_index = max(known, key=lambda pair: (pair[0], -pair[1]))
        _low_value, low_index = min(known, key=lambda pair: (pair[0], pair[1]))
        sentence = f"{prefix}the largest is {categories[top_index]} ({item.shown[top_index]})"
        if len(known) > 1 and low_index != top_index:
            sentence += f" and the smallest {categories[low_index]} ({item.shown[low_index]})"
        sentences.append(_capital(sentence) + ".")
    suppressed = sum(value is None for item in series for value in item.values)
    if suppressed:
        sentences.append(
            f"{suppressed} figure{'s are' if suppressed != 1 else ' is'} not drawn: "
            "the table gives the reason."
        )
    return " ".join(sentences)


def _and(words: Sequence[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def bar_chart(
    *,
    key: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    stacked: bool = False,
    horizontal: bool = True,
) -> Chart:
    """Bars per category (one colour per series; stacked or side by side). Horizontal bars, the
    category labels on the left and each bar's printed value at its end, so long category names
    (IOPC categories, national corruption categories) stay readable. ``horizontal`` is kept for
    callers; the bars are always drawn across the page."""
    legend, top = _legend(series, 20)
    top = max(top, 8)
    label_room = min(
        max((_width(category) for category in categories), default=0) + 12, WIDTH * 0.38
    )
    if stacked:
        totals = [
            sum(item.values[index] or 0 for item in series) for index in range(len(categories))
        ]
        value_room = max(
            (
                _width(", ".join(_suppressed_notes(series, index)), SMALL) + 12
                for index in range(len(categories))
            ),
            default=0,
        )
        value_room = min(max(value_room, 16), WIDTH * 0.3)
    else:
        totals = [value or 0 for item in series for value in item.values]
        value_room = max((_width(text) for item in series for text in item.shown), default=0) + 10
        value_room = min(value_room, WIDTH * 0.3)
    plot_left = label_room + 4
    plot_width = WIDTH - plot_left - value_room - 6
    axis_max, step = _axis_top(max(totals, default=0) or 1)
    scale = plot_width / axis_max
    bar = 22
    per_category = bar if stacked else bar * len(series) + 2 * (len(series) - 1)
    parts: list[str] = [legend]
    y = top + 6
    rows_top = y
    for index, category in enumerate(categories):
        label_lines = _wrap(category, label_room - 12)
        block = max(per_category, 19 * len(label_lines))
        label_y = y + block / 2 - 19 * (len(label_lines) - 1) / 2 + 5
        for number, line in enumerate(label_lines):
            parts.append(_text(plot_left - 10, label_y + 19 * number, line, text_anchor="end"))
        bar_y = y + (block - per_category) / 2
        if stacked:
            parts.append(_stack(series, index, plot_left, bar_y, bar, scale))
        else:
            for offset, item in enumerate(series):
                value = item.values[index]
                this_y = bar_y + offset * (bar + 2)
                colour = COLOURS[offset % len(COLOURS)]
                end = plot_left
                if value is not None:
                    width = max(value, 0) * scale
                    parts.append(
                        f'<rect x="{plot_left:.1f}" y="{this_y:.1f}" width="{width:.2f}" '
                        f'height="{bar}" fill="{colour}" data-value="{_e(_fmt(value))}" '
                        f'data-series="{offset}"/>'
                    )
                    end = plot_left + width
                parts.append(
                    _text(
                        end + 6,
                        this_y + bar / 2 + 5,
                        item.shown[index],
                        fill=TEXT if value is not None else SECONDARY,
                    )
                )
        y += block + 14
    rows_bottom = y - 8
    # Gridlines and the scale beneath, drawn under the bars.
    grid = []
    tick = 0.0
    while tick <= axis_max + 1e-9:
        x = plot_left + tick * scale
        grid.append(
            f'<line x1="{x:.1f}" y1="{rows_top - 4:.1f}" x2="{x:.1f}" y2="{rows_bottom:.1f}" '
            f'stroke="{GRID if tick else TEXT}" stroke-width="1"/>'
        )
        grid.append(
            _text(x, rows_bottom + 18, _fmt(tick), size=SMALL, text_anchor="middle", fill=SECONDARY)
        )
        tick += step
    parts.insert(1, "".join(grid))
    alt = _bar_alt(title, categories, series)
    headings, rows = _table(categories, series, "Category")
    return Chart(
        key=key,
        title=title,
        svg=_svg(key, title, alt, "".join(parts), rows_bottom + 28),
        alt=alt,
        headings=headings,
        rows=rows,
    )


def _suppressed_notes(series: Sequence[Series], index: int) -> list[str]:
    return [f"{item.label}: {item.shown[index]}" for item in series if item.values[index] is None]


def _stack(series: Sequence[Series], index: int, left: float, y: float, bar: int, scale: float):
    parts = []
    x = left
    for offset, item in enumerate(series):
        value = item.values[index]
        if value is None:
            continue
        width = max(value, 0) * scale
        colour = COLOURS[offset % len(COLOURS)]
        parts.append(
            f'<rect x="{x:.2f}" y="{y:.1f}" width="{width:.2f}" height="{bar}" fill="{colour}" '
            f'stroke="#ffffff" stroke-width="1" data-value="{_e(_fmt(value))}" '
            f'data-series="{offset}"/>'
        )
        label = item.shown[index]
        if width >= _width(label, SMALL) + 8:  # the segment's value inside it when it fits
            parts.append(
                _text(
                    x + width / 2,
                    y + bar / 2 + 5,
                    label,
                    size=SMALL,
                    fill="#ffffff",
                    text_anchor="middle",
                )
            )
        x += width
    notes = _suppressed_notes(series, index)
    if notes:
        parts.append(_text(x + 6, y + bar / 2 + 5, ", ".join(notes), size=SMALL, fill=SECONDARY))
    return "".join(parts)


# Line charts ------------------------------------------------------------------------------------


def _marker(index: int, x: float, y: float, colour: str) -> str:
    """A different shape per series (circle, square, diamond, triangle), so the lines differ by
    more than colour."""
    shape = index % 4
    if shape == 0:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>'
    if shape == 1:
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{colour}"/>'
    if shape == 2:
        return (
            f'<polygon points="{x:.1f},{y - 6.5:.1f} {x + 6.5:.1f},{y:.1f} {x:.1f},{y + 6.5:.1f} '
            f'{x - 6.5:.1f},{y:.1f}" fill="{colour}"/>'
        )
    return (
        f'<polygon points="{x:.1f},{y - 6:.1f} {x + 6:.1f},{y + 5:.1f} {x - 6:.1f},{y + 5:.1f}" '
        f'fill="{colour}"/>'
    )


def _change(first: float, last: float) -> str:
    if first == last:
        return "no change"
    if first == 0:
        return "up from none"
    percent = (last - first) / abs(first) * 100
    return f"{'up' if percent > 0 else 'down'} {abs(percent):.0f}%"


def _line_alt(title: str, categories: Sequence[str], series: Sequence[Series]) -> str:
    sentences = [
        f"{title}. A line chart of {_and([item.label for item in series])} by quarter"
        + (f", {categories[0]} to {categories[-1]}." if categories else ".")
    ]
    for item in series[:4]:
        known = [(index, value) for index, value in enumerate(item.values) if value is not None]
        prefix = f"{item.label}: " if len(series) > 1 else ""
        if not known:
            sentences.append(_capital(f"{prefix}no figure can be shown") + ".")
            continue
        (first_index, first), (last_index, last) = known[0], known[-1]
        if first_index == last_index:
            sentences.append(
                _capital(f"{prefix}{item.shown[first_index]} in {categories[first_index]}") + "."
            )
            continue
        high_index, _high = max(known, key=lambda pair: (pair[1], pair[0]))
        sentences.append(
            _capital(
                f"{prefix}{item.shown[last_index]} in {categories[last_index]}, "
                f"{_change(first, last)} from {item.shown[first_index]} in "
                f"{categories[first_index]}; the highest was {item.shown[high_index]} in "
                f"{categories[high_index]}"
            )
            + "."
        )
    gaps = sum(value is None for item in series for value in item.values)
    if gaps:
        sentences.append(
            f"{gaps} quarter{'s are' if gaps != 1 else ' is'} not drawn: the table gives "
            "the reason."
        )
    return " ".join(sentences)


def line_chart(
    *, key: str, title: str, categories: Sequence[str], series: Sequence[Series]
) -> Chart:
    """A quarterly trend: one line per series over ``categories`` (quarter labels), with round
    gridlines from zero, a marker per quarter, a gap where a value is ``None``, and each line's
    last value printed at its end."""
    legend, top = _legend(series, 20, lines=True)
    top = max(top, 12)
    values = [value for item in series for value in item.values if value is not None]
    axis_max, step = _axis_top(max(values, default=0) or 1)
    tick_labels = []
    tick = 0.0
    while tick <= axis_max + 1e-9:
        tick_labels.append((tick, _fmt(tick)))
        tick += step
    left = max(_width(text, SMALL) for _, text in tick_labels) + 14
    end_room = (
        max((_width(item.shown[-1] if item.shown else "") for item in series), default=0) + 14
    )
    right = WIDTH - max(end_room, 24)
    plot_top = top + 6
    plot_height = 230
    bottom = plot_top + plot_height
    count = len(categories)
    spacing = (right - left) / max(count, 1)

    def x_of(index: int) -> float:
        return left + spacing * (index + 0.5)

    def y_of(value: float) -> float:
        return bottom - value / axis_max * plot_height

    parts = [legend]
    for tick, label in tick_labels:
        y = y_of(tick)
        parts.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{right:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID if tick else TEXT}" stroke-width="1"/>'
        )
        parts.append(_text(left - 8, y + 5, label, size=SMALL, text_anchor="end", fill=SECONDARY))
    # Quarter labels: "Q1" over "2024/25", so eight quarters fit across.
    for index, category in enumerate(categories):
        head, _, tail = category.partition(" ")
        x = x_of(index)
        parts.append(
            f'<line x1="{x:.1f}" y1="{bottom:.1f}" x2="{x:.1f}" y2="{bottom + 5:.1f}" '
            f'stroke="{TEXT}" stroke-width="1"/>'
        )
        parts.append(_text(x, bottom + 21, head, size=SMALL, text_anchor="middle"))
        if tail:
            parts.append(
                _text(x, bottom + 38, tail, size=SMALL, text_anchor="middle", fill=SECONDARY)
            )
    end_labels = []
    for offset, item in enumerate(series):
        colour = COLOURS[offset % len(COLOURS)]
        dash = DASHES[offset % len(DASHES)]
        path = []
        pen_down = False
        for index, value in enumerate(item.values):
            if value is None:
                pen_down = False
                continue
            path.append(f"{'L' if pen_down else 'M'}{x_of(index):.1f} {y_of(value):.1f}")
            pen_down = True
        if path:
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<path d="{" ".join(path)}" fill="none" stroke="{colour}" stroke-width="3" '
                f'stroke-linejoin="round" stroke-linecap="round"{dash_attr} '
                f'data-series="{offset}"/>'
            )
        for index, value in enumerate(item.values):
            if value is not None:
                parts.append(_marker(offset, x_of(index), y_of(value), colour))
        known = [index for index, value in enumerate(item.values) if value is not None]
        if known:
            last = known[-1]
            end_labels.append(
                [y_of(item.values[last]) + 5, x_of(last) + 10, item.shown[last], colour]
            )
    # The last values at the ends of the lines, nudged apart so that none overlaps another.
    end_labels.sort(key=lambda label: label[0])
    for number in range(1, len(end_labels)):
        if end_labels[number][0] - end_labels[number - 1][0] < 18:
            end_labels[number][0] = end_labels[number - 1][0] + 18
    for y, x, text, _colour in end_labels:
        parts.append(_text(x, y, text, font_weight="bold"))
    alt = _line_alt(title, categories, series)
    headings, rows = _table(categories, series, "Quarter")
    height = max(bottom + 48, (end_labels[-1][0] + 8) if end_labels else 0)
    return Chart(
        key=key,
        title=title,
        svg=_svg(key, title, alt, "".join(parts), height),
        alt=alt,
        headings=headings,
        rows=rows,
    )


# Relative rate indices --------------------------------------------------------------------------

BAND_LOW, BAND_HIGH = 0.8, 1.25  # the "four-fifths" band: within it, treated as no difference
_SCALE_TICKS = (0.1, 0.2, 0.25, 0.5, 0.8, 1, 1.25, 2, 4, 5, 10, 20)


def _reference(groups: Sequence[str], rri: Sequence[float | None], shown: Sequence[str]) -> int:
    """Which group the others are compared with: one labelled or printed as the reference, or
    else the only group whose index is exactly 1. -1 when none can be told."""
    for index, (group, text) in enumerate(zip(groups, shown, strict=False)):
        if "reference" in group.lower() or "reference" in text.lower():
            return index
    ones = [index for index, value in enumerate(rri) if value is not None and float(value) == 1]
    return ones[0] if len(ones) == 1 else -1


def _rate_alt(
    title: str, groups: Sequence[str], rri: Sequence[float | None], shown: Sequence[str], ref: int
) -> str:
    reference = groups[ref] if ref >= 0 else "the reference group"
    sentences = [
        f"{title}. The relative rate index of each group against {reference}: 1 is the same "
        f"rate as {reference}, and 0.8 to 1.25 is treated as no real difference."
    ]
    others = [
        (float(value), index)
        for index, value in enumerate(rri)
        if value is not None and index != ref
    ]
    outside = [(value, index) for value, index in others if not BAND_LOW <= value <= BAND_HIGH]
    if others:
        _high, high_index = max(others)
        sentence = f"The highest is {groups[high_index]} ({shown[high_index]})"
        _low, low_index = min(others)
        if low_index != high_index:
            sentence += f" and the lowest {groups[low_index]} ({shown[low_index]})"
        sentences.append(sentence + ".")
        if outside:
            sentences.append(
                "Outside the band: "
                + _and([f"{groups[index]} ({shown[index]})" for _, index in sorted(outside)])
                + "."
            )
        else:
            sentences.append("Every group is within the band.")
    missing = [groups[index] for index, value in enumerate(rri) if value is None]
    if missing:
        sentences.append(f"No index is shown for {_and(missing)}: the table gives the reason.")
    return " ".join(sentences)


def rate_chart(
    *,
    key: str,
    title: str,
    groups: Sequence[str],
    rri: Sequence[float | None],
    shown: Sequence[str],
) -> Chart:
    """Relative rate indices as dots against 1 (parity), with the 0.8 to 1.25 band shaded, on a
    log scale (so 0.5 and 2, half and twice the rate, are the same distance from parity). The
    reference group is marked (see ``_reference``)."""
    ref = _reference(groups, rri, shown)
    known = [float(value) for value in rri if value is not None and float(value) > 0]
    low = min([0.5, *(value / 1.15 for value in known)])
    high = max([2.0, *(value * 1.15 for value in known)])
    low = max([tick for tick in _SCALE_TICKS if tick <= low] or [_SCALE_TICKS[0]])
    high = min([tick for tick in _SCALE_TICKS if tick >= high] or [_SCALE_TICKS[-1]])
    label_room = min(max((_width(group) for group in groups), default=0) + 12, WIDTH * 0.34)
    left = label_room + 8
    right = WIDTH - 70
    top = 34
    row = 34
    bottom = top + row * len(groups) + 6

    def x_of(value: float) -> float:
        value = min(max(value, low), high)
        return left + (math.log(value) - math.log(low)) / (math.log(high) - math.log(low)) * (
            right - left
        )

    parts = [
        f'<rect x="{x_of(BAND_LOW):.1f}" y="{top - 8}" '
        f'width="{x_of(BAND_HIGH) - x_of(BAND_LOW):.1f}" height="{bottom - top + 8}" '
        f'fill="{BAND}"/>',
        _text(
            (x_of(BAND_LOW) + x_of(BAND_HIGH)) / 2,
            top - 14,
            "0.8 to 1.25",
            size=SMALL,
            text_anchor="middle",
            fill=SECONDARY,
        ),
    ]
    for tick in _SCALE_TICKS:
        if low <= tick <= high:
            x = x_of(tick)
            parity = tick == 1
            dotted = "" if parity else ' stroke-dasharray="3 3"'
            parts.append(
                f'<line x1="{x:.1f}" y1="{top - 8}" x2="{x:.1f}" y2="{bottom:.1f}" '
                f'stroke="{TEXT if parity else GRID}" stroke-width="{2 if parity else 1}"'
                f"{dotted}/>"
            )
            parts.append(
                _text(
                    x,
                    bottom + 20,
                    _fmt(tick),
                    size=SMALL,
                    text_anchor="middle",
                    fill=TEXT if parity else SECONDARY,
                    font_weight="bold" if parity else "normal",
                )
            )
    parts.append(_text(x_of(1), bottom + 40, "1 = same rate", size=SMALL, text_anchor="middle"))
    for index, group in enumerate(groups):
        y = top + row * index + row / 2
        name = _wrap(group, label_room - 12, lines=1)[0]
        parts.append(_text(left - 12, y + 5, name, text_anchor="end"))
        value = rri[index]
        if value is None:
            parts.append(_text(left + 6, y + 5, shown[index], size=SMALL, fill=SECONDARY))
            continue
        x = x_of(float(value))
        if index == ref:  # the reference group: an open ring on parity
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="#ffffff" stroke="{TEXT}" '
                f'stroke-width="3" data-value="{_e(_fmt(float(value)))}"/>'
            )
            parts.append(_text(x + 14, y + 5, "reference", size=SMALL, fill=SECONDARY))
            continue
        outside = not BAND_LOW <= float(value) <= BAND_HIGH
        colour = COLOURS[3] if float(value) > BAND_HIGH else COLOURS[0]
        parts.append(
            f'<line x1="{x_of(1):.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y:.1f}" '
            f'stroke="{colour}" stroke-width="3"/>'
        )
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="{colour}" '
            f'data-value="{_e(_fmt(float(value)))}"/>'
        )
        below = float(value) < 1  # the label away from the line to parity
        parts.append(
            _text(
                x - 14 if below else x + 14,
                y + 5,
                shown[index],
                size=SMALL,
                font_weight="bold" if outside else "normal",
                text_anchor="end" if below else "start",
            )
        )
    alt = _rate_alt(title, groups, rri, shown, ref)
    headings = ("Group", "Relative rate index")
    rows = tuple((group, shown[index]) for index, group in enumerate(groups))
    return Chart(
        key=key,
        title=title,
        svg=_svg(key, title, alt, "".join(parts), bottom + 50),
        alt=alt,
        headings=headings,
        rows=rows,
    )
