"""The helpers the areas count their board figures with: a period on a date or a date and
time column, and the trends per quarter."""

from __future__ import annotations

import datetime as dt

import pytest

from standards.board.figures import quarterly_counts, within
from standards.core.models import WorkerHeartbeat
from standards.core.periods import Quarter

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def _beat(name: str, at: dt.datetime) -> None:
    WorkerHeartbeat.objects.create(worker=name, beat_at=at)


def test_a_date_and_time_falls_on_the_forces_day_not_utcs():
    """30 June 2025 ends at 23:00 UTC in London (BST): a record at 23:30 UTC is on 1 July, in
    the next quarter; one at 22:59 UTC is on 30 June."""
    _beat("june", dt.datetime(2025, 6, 30, 22, 59, tzinfo=UTC))
    _beat("july", dt.datetime(2025, 6, 30, 23, 30, tzinfo=UTC))
    _beat("last", dt.datetime(2025, 9, 30, 22, 59, 59, tzinfo=UTC))
    _beat("after", dt.datetime(2025, 9, 30, 23, 0, tzinfo=UTC))
    beats = WorkerHeartbeat.objects.all()
    q2 = Quarter.of(2025, 2)  # July to September 2025
    in_q2 = beats.filter(within(beats, "beat_at", q2.start, q2.end))
    assert sorted(in_q2.values_list("worker", flat=True)) == ["july", "last"]
    assert "AT TIME ZONE" not in str(in_q2.query)  # the column is compared as stored
    quarters = [Quarter.of(2025, 1), q2, Quarter.of(2025, 3)]
    assert quarterly_counts(beats, "beat_at", quarters) == {
        quarters[0].start: 1,
        quarters[1].start: 2,
        quarters[2].start: 1,
    }


def test_quarterly_counts_of_dates_in_one_query_with_every_quarter_present(
    django_assert_num_queries,
):
    from standards.people.models import Person
    from tests.people.factories import OrgUnitFactory

    unit = OrgUnitFactory()
    for number, left in enumerate((dt.date(2025, 4, 1), dt.date(2025, 6, 30), dt.date(2026, 1, 1))):
        Person.objects.create(
            staff_number=f"Q{number}", first_name="A", last_name="B", org_unit=unit, leave_date=left
        )
    quarters = [Quarter.of(2025, number) for number in (1, 2, 3, 4)]
    with django_assert_num_queries(1):
        counted = quarterly_counts(Person.objects.all(), "leave_date", quarters)
    assert list(counted.values()) == [2, 0, 0, 1]
    assert quarterly_counts(Person.objects.all(), "leave_date", []) == {}
