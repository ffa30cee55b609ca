"""Small-number suppression: primary (1 to 4), secondary (so that no suppressed cell can be
worked out from the printed cells and totals), and the figures as printed."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from standards.board import suppression
from standards.board.suppression import PRIMARY, SECONDARY, suppress_grid


def _kinds(grid) -> dict:
    return dict(grid.suppressed)


def test_a_grid_without_small_counts_is_printed_as_it_is():
    grid = suppress_grid([[0, 7], [5, 6]])
    assert grid.suppressed == {}
    assert [grid.shown((0, column)).text for column in range(2)] == ["0", "7"]
    assert (grid.row_totals, grid.column_totals, grid.total) == ((7, 11), (5, 13), 18)


def test_one_small_cell_takes_the_three_others_of_its_square_with_it():
    # 10  2 | 12      (0,1) is 2: primary. Row 0 would give it as 12 - 10, so the smallest
    #  8 20 | 28      printed cell sharing its row or column goes (10, at (0,0)); column 0 then
    # 18 22 | 40      gives (0,0) as 18 - 8, so 8 goes; row 1 then gives 8 as 28 - 20, so 20 goes.
    grid = suppress_grid([[10, 2], [8, 20]])
    assert _kinds(grid) == {
        (0, 1): PRIMARY,
        (0, 0): SECONDARY,
        (1, 0): SECONDARY,
        (1, 1): SECONDARY,
    }
    assert grid.shown((0, 1)).text == "fewer than 5"
    assert grid.shown((1, 1)).text == "not shown"
    # The totals are all 5 or more and stay printed.
    assert [grid.shown((row, None)).text for row in range(2)] == ["12", "28"]
    assert grid.shown((None, None)).text == "40"


def test_two_small_cells_on_a_diagonal_need_only_the_other_corners():
    #  2  9 10 | 21     (0,0)=2 and (1,1)=3 are primary. Row 0 gives (0,0): the smallest cell
    #  8  3 12 | 23     sharing a line with it is 8 at (1,0); row 0 still gives (0,0), so 9 at
    # 20 15 11 | 46     (0,1) goes. The four corners of the square (0,0), (0,1), (1,0), (1,1)
    # 30 27 33 | 90     each sit in two equations with two unknowns: none can be worked out.
    grid = suppress_grid([[2, 9, 10], [8, 3, 12], [20, 15, 11]])
    assert _kinds(grid) == {
        (0, 0): PRIMARY,
        (1, 1): PRIMARY,
        (1, 0): SECONDARY,
        (0, 1): SECONDARY,
    }


def test_small_totals_are_suppressed_and_the_grand_total_only_when_sensitive():
    # [[3]]: the cell, its row total and its column total are all 3. Outside the CCU the grand
    # total is printed, and would give all three away: it is "not shown".
    grid = suppress_grid([[3]])
    assert _kinds(grid) == {
        (0, 0): PRIMARY,
        (0, None): PRIMARY,
        (None, 0): PRIMARY,
        (None, None): SECONDARY,
    }
    sensitive = suppress_grid([[3]], sensitive=True)
    assert _kinds(sensitive) == {
        (0, 0): PRIMARY,
        (0, None): PRIMARY,
        (None, 0): PRIMARY,
        (None, None): PRIMARY,
    }
    assert sensitive.shown((None, None)).text == "fewer than 5"


def test_a_zero_is_never_suppressed():
    #  0  4 | 4     (0,1), row 0's total and column 1's total are primary; the zero at (0,0)
    # 10 12 | 22    is printed, so the 4 is found from column 1 (16 - 12) unless 12 goes too.
    grid = suppress_grid([[0, 4], [10, 12]])
    assert (0, 0) not in grid.suppressed
    assert grid.shown((0, 0)).text == "0"
    assert grid.suppressed[(0, 1)] == PRIMARY
    assert grid.suppressed[(0, None)] == PRIMARY
    assert all(grid.value(position) > 0 for position in grid.suppressed)


# --- an independent check: every completion of the printed figures ---------------------------


def _another_completion(grid, target, limit: int = 200_000) -> bool:
    """Whether some non-negative integer grid agrees with every printed cell and total of
    ``grid`` and differs from it at the suppressed ``target``: a search through the completions,
    trying values near the true ones first, with the cells of ``target``'s lines first."""
    height, width = len(grid.cells), len(grid.cells[0])
    printed = {p: grid.value(p) for p in _all(height, width) if p not in grid.suppressed}
    unknown = [(r, c) for r in range(height) for c in range(width) if (r, c) in grid.suppressed]
    near = [p for p in unknown if target[0] in (None, p[0]) or target[1] in (None, p[1])]
    unknown = (
        [p for p in near if p == target]
        + [p for p in near if p != target]
        + [p for p in unknown if p not in near]
    )
    # No completion exceeds a printed total covering the cell; with none printed, the grand total
    # is fewer than 5 (printed so in a sensitive section) or at most the true one plus a margin.
    grand = printed.get((None, None))
    bound = grand if grand is not None else (4 if grid.total < 5 else grid.total + 3)
    values = dict.fromkeys(unknown, 0)
    values.update({(r, c): grid.cells[r][c] for r in range(height) for c in range(width)})
    for position in unknown:
        values[position] = 0
    visited = 0

    def value_of(position) -> int:
        r, c = position
        if r is not None and c is not None:
            return values[position]
        rows = range(height) if r is None else [r]
        columns = range(width) if c is None else [c]
        return sum(values[(i, j)] for i in rows for j in columns)

    def complete() -> bool:
        return all(value_of(p) == v for p, v in printed.items()) and value_of(target) != grid.value(
            target
        )

    def walk(index: int) -> bool:
        nonlocal visited
        visited += 1
        assert visited < limit, "the search is too large for this check"
        if index == len(unknown):
            return complete()
        r, c = unknown[index]
        top = min(bound, printed.get((r, None), bound), printed.get((None, c), bound))
        true = grid.cells[r][c]
        choices = sorted(range(top + 1), key=lambda v: (abs(v - true), v))
        if (r, c) == target:
            choices = [v for v in choices if v != true]
        # The last unknown of a row (or column) with a printed total is that total less the rest.
        for line, total in (
            ([(r, k) for k in range(width)], printed.get((r, None))),
            ([(k, c) for k in range(height)], printed.get((None, c))),
        ):
            if total is not None and all(unknown.index(p) <= index for p in line if p in unknown):
                rest = sum(values[p] for p in line if p != (r, c))
                choices = [v for v in choices if v == total - rest]
        for value in choices:
            values[(r, c)] = value
            if any(
                p in printed and value_of(p) > printed[p]
                for p in ((r, None), (None, c), (None, None))
            ):
                continue
            if walk(index + 1):
                return True
        values[(r, c)] = 0
        return False

    return walk(0)


def _all(height, width):
    cells = [(r, c) for r in range(height) for c in range(width)]
    return [
        *cells,
        *[(r, None) for r in range(height)],
        *[(None, c) for c in range(width)],
        (
            None,
            None,
        ),
    ]


@pytest.mark.parametrize("seed", range(3))
def test_no_suppressed_figure_can_be_worked_out_from_a_random_grid(seed):
    """A few hundred grids of small counts: every count from 1 to 4 is suppressed, and for
    every suppressed cell or total there is another non-negative integer grid that prints the
    same figures and differs there."""
    rng = random.Random(seed)
    suppressed_any = 0
    for _ in range(100):
        height, width = rng.randint(1, 3), rng.randint(1, 3)
        cells = [
            [rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 11]) for _ in range(width)]
            for _ in range(height)
        ]
        sensitive = rng.random() < 0.5
        grid = suppress_grid(cells, sensitive=sensitive)
        for position in _all(height, width):
            small = 0 < grid.value(position) < 5
            if small and (position != (None, None) or sensitive):
                assert grid.suppressed.get(position) == PRIMARY, (cells, position)
            assert not (grid.value(position) == 0 and position in grid.suppressed)
        for position in grid.suppressed:
            assert _another_completion(grid, position), (cells, sensitive, position)
        suppressed_any += bool(grid.suppressed)
    assert suppressed_any > 50  # the grids do exercise suppression


def test_the_totals_are_the_sums_of_the_cells():
    grid = suppress_grid([[1, 2, 30], [40, 5, 6]])
    assert grid.row_totals == (33, 51)
    assert grid.column_totals == (41, 7, 36)
    assert grid.total == 84 == sum(grid.row_totals) == sum(grid.column_totals)


# --- the figures as printed ---------------------------------------------------------------------


def test_counts_rates_percentages_money_and_days():
    assert suppression.count(1439).text == "1,439"
    assert suppression.count(0).text == "0"
    assert suppression.count(3).text == "3"  # a force-level figure outside the CCU
    assert suppression.count(3, suppress=True).text == "fewer than 5"
    assert suppression.count(3, suppress=True).number is None
    assert suppression.count(None).text == suppression.NOT_RECORDED
    assert suppression.rate(1439, 10985, per=1000).text == "131.0"
    assert suppression.rate(1439, 10985, per=100).text == "13.1"
    assert suppression.rate(1439, 10985, per=100).number == Decimal("13.1")
    assert suppression.rate(3, 10985, per=1000, suppressed=True).text == "not shown"
    assert suppression.rate(3, 0, per=1000).text == suppression.NOT_RECORDED
    assert suppression.percent(41, 410).text == "10.0%"
    assert suppression.percent(1, 3).text == "33.3%"
    assert suppression.percent(2, 410, suppressed=True).text == "not shown"
    assert suppression.money(Decimal("1234.40")).text == "£1,234"
    assert suppression.money(Decimal("2349.50")).text == "£2,350"
    assert suppression.days(Decimal("12.45")).text == "12.5"
    assert suppression.days(Decimal("12.45"), suppressed=True).text == "not shown"
    assert suppression.percent_value(Decimal("9.96")).text == "10.0%"
