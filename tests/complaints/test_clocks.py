"""The statutory clocks: working days across bank holidays, the review window, the 12-month
report, and durations with and without a sub judice pause."""

from __future__ import annotations

import datetime as dt

import pytest

from complaints import clocks
from complaints.models import Pause
from complaints.services import conduct as conduct_services
from complaints.services.clocks import case_clocks_refresh_all
from complaints.tasks import refresh_case_clocks
from standards.core.working_days import add_working_days, working_days_between
from tests.complaints.factories import CaseFactory


def test_five_working_days_across_the_christmas_bank_holidays():
    # Thursday 24 December 2026: Christmas Day (Fri), the weekend, and Boxing Day's substitute
    # (Mon 28) do not count; day 5 is Friday 1 January's neighbour... 1 January is a holiday too.
    assert add_working_days(dt.date(2026, 12, 24), 5) == dt.date(2027, 1, 5)


def test_a_deadline_across_the_easter_bank_holiday_weekend():
    # Thursday 2 April 2026; Good Friday (3rd) and Easter Monday (6th) are bank holidays.
    assert add_working_days(dt.date(2026, 4, 2), 1) == dt.date(2026, 4, 7)
    assert add_working_days(dt.date(2026, 4, 2), 2) == dt.date(2026, 4, 8)


def test_working_days_between_counts_like_add_working_days():
    start = dt.date(2026, 1, 2)
    for days in range(0, 300, 7):
        assert working_days_between(start, add_working_days(start, days)) == days


def test_the_review_window_is_28_days_starting_the_day_after():
    told = dt.date(2026, 3, 2)
    assert clocks.review_last_day(told) == dt.date(2026, 3, 30)
    assert not clocks.review_is_late(told_on=told, applied_on=told + dt.timedelta(days=28))
    assert clocks.review_is_late(told_on=told, applied_on=told + dt.timedelta(days=29))


def test_the_12_month_report_then_every_6_months():
    started = dt.date(2025, 1, 31)
    periods = clocks.relevant_periods(started)
    assert next(periods).report_due_on == dt.date(2026, 1, 31)
    assert next(periods).report_due_on == dt.date(2026, 7, 31)
    # Month ends: 31 January + 18 months is 31 July; + 13 months would be 28 February.
    assert clocks.shift_months(started, 13) == dt.date(2026, 2, 28)


def test_a_duration_with_and_without_a_sub_judice_pause():
    start, end = dt.date(2026, 1, 5), dt.date(2026, 4, 13)  # Monday to Monday
    pause = Pause(started_on=dt.date(2026, 3, 30), ended_on=dt.date(2026, 4, 10))
    measured = clocks.duration(start, end, [pause])
    assert measured.calendar_days == 98
    assert measured.paused_calendar_days == 11
    assert measured.calendar_days_excluding_pauses == 87
    # The pause's days after 30 March up to 10 April: 9 weekdays less Good Friday and Easter
    # Monday (3 and 6 April 2026).
    assert measured.paused_working_days == 7
    assert measured.working_days_excluding_pauses == measured.working_days - 7


def test_overlapping_pauses_count_once():
    start, end = dt.date(2026, 1, 1), dt.date(2026, 2, 1)
    first = Pause(started_on=dt.date(2026, 1, 10), ended_on=dt.date(2026, 1, 20))
    second = Pause(started_on=dt.date(2026, 1, 15), ended_on=None)  # still running
    assert clocks.duration(start, end, [first, second]).paused_calendar_days == 22


@pytest.mark.django_db
def test_refresh_stores_the_earliest_running_clock():
    case = CaseFactory(received_on=dt.date(2026, 12, 23), logged_on=None)
    clocks.refresh(case, today=dt.date(2026, 12, 23))
    # Logged within 2 working days: 24 December, then 29 December (Christmas and Boxing Day).
    assert case.next_due_on == dt.date(2026, 12, 29)
    assert case.next_due_label == "Log the complaint"
    assert case.history.first().history_change_reason == "Clocks recalculated"


@pytest.mark.django_db
def test_the_nightly_refresh_keeps_a_missed_report_due_and_is_idempotent(psd_head):
    case = CaseFactory(
        received_on=dt.date(2024, 1, 2),
        logged_on=dt.date(2024, 1, 3),
        first_contact_on=dt.date(2024, 1, 4),
        investigation_started_on=dt.date(2024, 2, 1),
    )
    assert case_clocks_refresh_all(today=dt.date(2025, 3, 1)) == 1
    case.refresh_from_db()
    # 12 months from the day the complaint was made (reg 13(3)): the report was due on
    # 2 January 2025. None is recorded, so it stays due (overdue), however late it gets.
    assert case.next_due_on == dt.date(2025, 1, 2)
    assert case_clocks_refresh_all(today=dt.date(2025, 3, 1)) == 0
    assert refresh_case_clocks.apply().get() == 0  # today is later: still that report
    # Recorded as sent, the next report is due 6 months from the end of the first period.
    conduct_services.timeliness_report_record(
        case=case,
        period_ended_on=dt.date(2025, 1, 1),
        sent_on=dt.date(2025, 3, 3),
        progress="Witnesses seen.",
        conclusion_expected_on=dt.date(2025, 6, 1),
        report_expected_on=dt.date(2025, 7, 1),
        reason_for_time="Forensics.",
        planned_steps="Interview.",
        withheld_from_policing_body=False,
        officer_copy_sent=True,
        acting_user=psd_head,
    )
    case.refresh_from_db()
    assert case.next_due_on == dt.date(2025, 7, 2)
    assert case_clocks_refresh_all(today=dt.date(2025, 3, 4)) == 0
