"""Disproportionality: rates per 1,000 of each group's headcount and the relative rate index
against the reference group, worked by hand; small counts suppressed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from standards.board.disproportionality import (
    Headcount,
    grouped,
    headcount,
    rate_table,
    relative_rate_index,
)
from standards.board.figures import PeopleCounts
from standards.board.suppression import NOT_RECORDED
from tests.people.factories import OrgUnitFactory, PersonFactory


def _table(events, heads, dimension="ethnicity"):
    people = PeopleCounts(
        key="complaints",
        label="Subjects of complaints",
        by_ethnicity=events if dimension == "ethnicity" else {},
        by_sex=events if dimension == "sex" else {},
    )
    return rate_table(people, dimension, heads)


def _row(table, group):
    return next(row for row in table.rows if row.group == group)


def test_the_relative_rate_index_worked_by_hand():
    # 30 events among 600 Black staff: 30 / 600 = 0.05, 50.0 per 1,000.
    # 100 events among 6,000 White staff: 100 / 6,000 = 0.01667, 16.7 per 1,000.
    # RRI = 0.05 / 0.01667 = (30 / 600) / (100 / 6,000) = 3.00: outside the parity band.
    # 20 events among 1,000 Asian staff: 20 / 1,000 = 0.02, 20.0 per 1,000;
    # RRI = 0.02 / 0.01667 = 1.20: inside the band (0.8 to 1.25).
    heads = Headcount(by_ethnicity={"B": 600, "W": 6000, "A": 1000, "M": 200}, by_sex={})
    table = _table({"B1": 10, "B2": 20, "W1": 60, "W3": 40, "A2": 20, "M1": 0, "": 9}, heads)
    assert table.key == "complaints.ethnicity"
    assert table.title == "Subjects of complaints, by ethnicity"
    assert table.reference_group == "White"
    black = _row(table, "Black")
    assert (black.events.text, black.headcount.text, black.rate.text, black.rri.text) == (
        "30",
        "600",
        "50.0",
        "3.00",
    )
    assert black.within_parity is False
    white = _row(table, "White")
    assert (white.events.text, white.headcount.text, white.rate.text, white.rri.text) == (
        "100",
        "6,000",
        "16.7",
        "1.00",
    )
    assert white.reference and white.within_parity is True
    asian = _row(table, "Asian")
    assert (asian.rate.text, asian.rri.text, asian.within_parity) == ("20.0", "1.20", True)
    # No events among 200 Mixed staff: a rate of 0.0 and an RRI of 0.00, far below parity.
    mixed = _row(table, "Mixed")
    assert (mixed.events.text, mixed.rate.text, mixed.rri.text) == ("0", "0.0", "0.00")
    # Nobody in the Other group: no rate and no RRI (a dash), not a zero.
    other = _row(table, "Other")
    assert (other.headcount.text, other.rate.text, other.rri.text) == (
        "0",
        NOT_RECORDED,
        NOT_RECORDED,
    )
    assert [row.group for row in table.rows] == ["Asian", "Black", "Mixed", "Other", "White"]


def test_small_counts_are_suppressed_with_what_is_built_on_them():
    heads = Headcount(by_ethnicity={"B": 600, "W": 6000, "M": 3}, by_sex={})
    table = _table({"B1": 4, "W1": 100, "M1": 7}, heads)
    black = _row(table, "Black")
    assert (black.events.text, black.rate.text, black.rri.text) == (
        "fewer than 5",
        "not shown",
        "not shown",
    )
    assert black.within_parity is None and black.events.number is None
    mixed = _row(table, "Mixed")  # 3 staff: the headcount is small
    assert (mixed.headcount.text, mixed.rate.text, mixed.rri.text) == (
        "fewer than 5",
        "not shown",
        "not shown",
    )


def test_no_rri_when_the_reference_group_is_suppressed():
    # 3 events among 5,000 male staff: the reference count is suppressed, so no group's RRI is
    # shown, the reference group's own 1.00 included; the female rate stands on its own counts.
    heads = Headcount(by_ethnicity={}, by_sex={"F": 4000, "M": 5000})
    table = _table({"F": 40, "M": 3, "": 2}, heads, dimension="sex")
    assert table.reference_group == "Male"
    female, male = table.rows
    assert (female.group, female.rate.text, female.rri.text) == ("Female", "10.0", "not shown")
    assert (male.events.text, male.rri.text) == ("fewer than 5", "not shown")


def test_relative_rate_index_rounds_to_two_places():
    assert relative_rate_index(30, 600, 100, 6000) == Decimal("3.00")
    assert relative_rate_index(1, 3, 1, 1) == Decimal("0.33")
    assert relative_rate_index(5, 0, 1, 1) is None
    assert relative_rate_index(5, 10, 0, 10) is None


def test_codes_are_grouped_by_their_first_letter():
    assert grouped({"A1": 1, "A4": 2, "w2": 3, "": 7, "O2": 4}, "ethnicity") == {
        "A": 3,
        "W": 3,
        "O": 4,
    }
    assert grouped({"F": 2, "M": 3, "": 1}, "sex") == {"F": 2, "M": 3}


@pytest.mark.django_db
def test_the_headcount_is_the_workforce_at_the_periods_end_in_one_query(
    django_assert_num_queries,
):
    unit = OrgUnitFactory()
    end = dt.date(2025, 6, 30)
    for code, sex in [("W1", "M"), ("W2", "F"), ("B1", "M"), ("A3", ""), ("", "F")]:
        PersonFactory(ethnicity=code, sex=sex, org_unit=unit)
    PersonFactory(ethnicity="W1", sex="M", org_unit=unit, leave_date=dt.date(2025, 6, 30))
    PersonFactory(ethnicity="B2", sex="F", org_unit=unit, leave_date=dt.date(2025, 7, 1))
    with django_assert_num_queries(1):
        heads = headcount(on=end)
    assert heads.by_ethnicity == {"W": 2, "B": 2, "A": 1}
    assert heads.by_sex == {"M": 2, "F": 3}
