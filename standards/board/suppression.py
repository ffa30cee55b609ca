"""Small-number suppression, and the figures as printed.

**Primary suppression.** A count from 1 to 4 is printed "fewer than 5"; a true zero is printed
"0". A headline figure at force level is printed as it is, unless its section is sensitive (the
CCU's): then a count from 1 to 4 is suppressed too. In a grid (a ``Breakdown`` with its row
totals, column totals and grand total, all published) every cell and every row or column total
from 1 to 4 is suppressed; the grand total only in a sensitive section.

**Secondary suppression.** A suppressed cell must not be recoverable from the cells and totals
that are printed. The unknowns are the suppressed cells (totals included); every row, every
column and the grand total gives one linear equation. A suppressed cell is *determined* when its
unit vector lies in the row space of that system, decided exactly by Gaussian elimination over
fractions (grids are small). While some suppressed cell is determined, the smallest printed
non-zero cell sharing an equation with one of them is suppressed too (a cell before a total),
printed "not shown". A zero is never suppressed: the suppressed cells are then all at least 1,
so a cycle of +1 and -1 through any undetermined cell keeps every completion non-negative, and
no suppressed cell can be worked out from the printed figures.

The helpers at the end make ``standards.board.summary.Shown`` for every unit the board prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from standards.board.summary import Shown

FEWER_THAN_5 = "fewer than 5"
NOT_SHOWN = "not shown"
NOT_RECORDED = "\u2013"  # an en dash: not recorded for the period
THRESHOLD = 5  # counts from 1 to THRESHOLD - 1 are small

PRIMARY = "primary"
SECONDARY = "secondary"

# A position in a grid: (row, column) for a cell, (row, None) for a row's total, (None, column)
# for a column's total, (None, None) for the grand total.
Position = tuple[int | None, int | None]


def is_small(value: int | None) -> bool:
    return value is not None and 0 < value < THRESHOLD


# --- grids ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SuppressedGrid:
    """A grid's counts with its totals, and which of them are suppressed and why."""

    cells: tuple[tuple[int, ...], ...]
    row_totals: tuple[int, ...]
    column_totals: tuple[int, ...]
    total: int
    suppressed: dict[Position, str]  # position -> PRIMARY or SECONDARY

    def value(self, position: Position) -> int:
        row, column = position
        if row is None and column is None:
            return self.total
        if column is None:
            return self.row_totals[row]
        if row is None:
            return self.column_totals[column]
        return self.cells[row][column]

    def shown(self, position: Position) -> Shown:
        reason = self.suppressed.get(position)
        if reason == PRIMARY:
            return Shown(FEWER_THAN_5, suppressed=True)
        if reason == SECONDARY:
            return Shown(NOT_SHOWN, suppressed=True)
        return count(self.value(position))


def _positions(height: int, width: int) -> list[Position]:
    cells = [(row, column) for row in range(height) for column in range(width)]
    totals = [(row, None) for row in range(height)] + [(None, column) for column in range(width)]
    return [*cells, *totals, (None, None)]


def _equations(height: int, width: int) -> list[dict[Position, int]]:
    """Each equation as coefficients over positions, equal to zero: a row's cells minus its
    total, a column's cells minus its total, the row totals minus the grand total and the column
    totals minus the grand total."""
    equations: list[dict[Position, int]] = []
    for row in range(height):
        equation = {(row, column): 1 for column in range(width)}
        equation[(row, None)] = -1
        equations.append(equation)
    for column in range(width):
        equation = {(row, column): 1 for row in range(height)}
        equation[(None, column)] = -1
        equations.append(equation)
    for totals in (
        {(row, None): 1 for row in range(height)},
        {(None, column): 1 for column in range(width)},
    ):
        totals[(None, None)] = -1
        equations.append(totals)
    return equations


def determined(
    equations: Sequence[dict[Position, int]], unknowns: Sequence[Position]
) -> list[Position]:
    """The unknowns whose unit vector lies in the row space of ``equations`` restricted to the
    unknowns (the known positions move to the right-hand side and do not matter here): exact
    reduced row echelon form over fractions, then an unknown is determined when a reduced row
    is its unit vector."""
    index = {position: number for number, position in enumerate(unknowns)}
    rows = []
    for equation in equations:
        row = [Fraction(0)] * len(unknowns)
        for position, coefficient in equation.items():
            if position in index:
                row[index[position]] = Fraction(coefficient)
        if any(row):
            rows.append(row)
    pivot_row = 0
    for column in range(len(unknowns)):
        pivot = next(
            (number for number in range(pivot_row, len(rows)) if rows[number][column]), None
        )
        if pivot is None:
            continue
        rows[pivot_row], rows[pivot] = rows[pivot], rows[pivot_row]
        lead = rows[pivot_row][column]
        rows[pivot_row] = [value / lead for value in rows[pivot_row]]
        for number in range(len(rows)):
            if number != pivot_row and rows[number][column]:
                factor = rows[number][column]
                rows[number] = [
                    value - factor * top
                    for value, top in zip(rows[number], rows[pivot_row], strict=True)
                ]
        pivot_row += 1
    found = []
    for row in rows[:pivot_row]:
        nonzero = [number for number, value in enumerate(row) if value]
        if len(nonzero) == 1:
            found.append(unknowns[nonzero[0]])
    return sorted(found, key=list(unknowns).index)


def suppress_grid(cells: Sequence[Sequence[int]], *, sensitive: bool = False) -> SuppressedGrid:
    """Primary then secondary suppression of a grid of counts (rows by columns)."""
    height = len(cells)
    width = len(cells[0]) if height else 0
    grid = SuppressedGrid(
        cells=tuple(tuple(row) for row in cells),
        row_totals=tuple(sum(row) for row in cells),
        column_totals=tuple(sum(row[column] for row in cells) for column in range(width)),
        total=sum(sum(row) for row in cells),
        suppressed={},
    )
    order = _positions(height, width)
    for position in order:
        if position == (None, None) and not sensitive:
            continue
        if is_small(grid.value(position)):
            grid.suppressed[position] = PRIMARY
    equations = _equations(height, width)
    while True:
        unknowns = [position for position in order if position in grid.suppressed]
        found = determined(equations, unknowns)
        if not found:
            return grid
        choice = _complement(grid, equations, found, order)
        if choice is None:
            return grid  # cannot happen: with every non-zero count suppressed none is determined
        grid.suppressed[choice] = SECONDARY


def _complement(
    grid: SuppressedGrid,
    equations: Sequence[dict[Position, int]],
    targets: Sequence[Position],
    order: Sequence[Position],
) -> Position | None:
    """The printed non-zero count to suppress next: the smallest sharing a row or column (an
    equation) with a suppressed count that can be worked out, a cell before a total; failing
    that, the smallest anywhere."""

    def candidates(pool):
        return [p for p in pool if p not in grid.suppressed and grid.value(p) > 0]

    def rank(position: Position):
        is_total = position[0] is None or position[1] is None
        return (is_total, grid.value(position), order.index(position))

    mates = {
        position
        for target in targets
        for equation in equations
        if target in equation
        for position in equation
    }
    pool = candidates(mates) or candidates(order)
    return min(pool, key=rank) if pool else None


# --- the figures as printed -------------------------------------------------------------------

ONE_PLACE = Decimal("0.1")
TWO_PLACES = Decimal("0.01")


def _rounded(value: Decimal | Fraction, places: Decimal) -> Decimal:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(value).quantize(places, rounding=ROUND_HALF_UP)


def not_recorded() -> Shown:
    return Shown(NOT_RECORDED)


def not_shown() -> Shown:
    return Shown(NOT_SHOWN, suppressed=True)


def fewer_than_5() -> Shown:
    return Shown(FEWER_THAN_5, suppressed=True)


def count(value: int | None, *, suppress: bool = False) -> Shown:
    """A count: "1,439", "0", a dash when not recorded; "fewer than 5" for 1 to 4 when
    ``suppress`` (a sensitive section's headline figure, any disproportionality count)."""
    if value is None:
        return not_recorded()
    if suppress and is_small(value):
        return fewer_than_5()
    return Shown(f"{value:,}", Decimal(value))


def one_place(value: Decimal | Fraction | int | None) -> Shown:
    """A rate or an average to one decimal place: "131.0"."""
    if value is None:
        return not_recorded()
    number = _rounded(Fraction(value) if isinstance(value, int) else value, ONE_PLACE)
    return Shown(f"{number:,}", number)


def rate(events: int | None, base: int | None, *, per: int, suppressed: bool = False) -> Shown:
    """``events`` per ``per`` of ``base`` to one decimal place (1,439 of 10,985: "131.0" per
    1,000); "not shown" when the count is suppressed, a dash when either is missing or the
    base is zero."""
    if suppressed:
        return not_shown()
    if events is None or not base:
        return not_recorded()
    return one_place(Fraction(events * per, base))


def percent(numerator: int | None, denominator: int | None, *, suppressed: bool = False) -> Shown:
    """A share to one decimal place: 41 of 410 is "10.0%"."""
    if suppressed:
        return not_shown()
    if numerator is None or not denominator:
        return not_recorded()
    number = _rounded(Fraction(numerator * 100, denominator), ONE_PLACE)
    return Shown(f"{number}%", number)


def percent_value(value: Decimal | None) -> Shown:
    """A percentage given as a number (a national figure): "10.0%"."""
    if value is None:
        return not_recorded()
    number = _rounded(Decimal(value), ONE_PLACE)
    return Shown(f"{number}%", number)


def money(value: Decimal | int | None) -> Shown:
    """Pounds, to the pound: "£1,234"."""
    if value is None:
        return not_recorded()
    number = _rounded(Decimal(value), Decimal(1))
    return Shown(f"£{number:,}", number)


def days(value: Decimal | None, *, suppressed: bool = False) -> Shown:
    """An average number of days to one decimal place; "not shown" when the number of cases it
    is the average of is suppressed."""
    if suppressed:
        return not_shown()
    return one_place(value)
