"""Durations with and without the sub judice pause, in calendar and working days (the IOPC
publishes both), across the Easter bank-holiday weekend."""

from __future__ import annotations

import datetime as dt

import pytest

from complaints import clocks
from complaints.models import CaseKind, CaseStatus, Channel, Pause
from complaints.selectors.conduct import conduct_panels
from complaints.services import conduct as services
from tests.complaints.factories import CaseFactory

RECEIVED = dt.date(2026, 4, 1)  # Wednesday
FINISHED = dt.date(2026, 4, 17)  # Friday, a fortnight and two days later
# Paused from Thursday 2 April to Tuesday 7 April: Good Friday (3rd), the weekend and Easter
# Monday (6th) fall inside it, so only Tuesday 7th is a paused working day.
PAUSE = Pause(started_on=dt.date(2026, 4, 2), ended_on=dt.date(2026, 4, 7))


def test_duration_without_pauses():
    d = clocks.duration(RECEIVED, FINISHED)
    assert (d.calendar_days, d.working_days) == (16, 10)
    assert (d.calendar_days_excluding_pauses, d.working_days_excluding_pauses) == (16, 10)


def test_duration_with_a_pause_across_a_bank_holiday_weekend():
    d = clocks.duration(RECEIVED, FINISHED, [PAUSE])
    assert (d.calendar_days, d.working_days) == (16, 10)
    assert (d.paused_calendar_days, d.paused_working_days) == (5, 1)
    assert (d.calendar_days_excluding_pauses, d.working_days_excluding_pauses) == (11, 9)


def test_a_running_pause_counts_up_to_the_end():
    running = Pause(started_on=dt.date(2026, 4, 13), ended_on=None)
    d = clocks.duration(RECEIVED, FINISHED, [running])
    assert (d.paused_calendar_days, d.paused_working_days) == (4, 4)


@pytest.mark.django_db
def test_the_case_panel_shows_both(psd_head):
    case = CaseFactory(
        kind=CaseKind.CONDUCT,
        channel=Channel.INTERNAL,
        received_on=RECEIVED,
        logged_on=RECEIVED,
    )
    services.investigation_start(
        case=case, started_on=RECEIVED, terms_of_reference="Terms.", acting_user=psd_head
    )
    pause = services.pause_start(
        case=case, started_on=PAUSE.started_on, reason="Criminal trial.", acting_user=psd_head
    )
    services.pause_end(pause=pause, ended_on=PAUSE.ended_on, acting_user=psd_head)
    case.refresh_from_db()
    case.status = CaseStatus.CLOSED
    case.closed_on = FINISHED
    case.save()

    panels = conduct_panels(user=psd_head, case=case)
    received, investigation = panels["conduct_durations"]
    assert received.label == "Since received"
    assert received.running is False
    assert (received.value.working_days, received.value.working_days_excluding_pauses) == (10, 9)
    assert (received.value.calendar_days, received.value.calendar_days_excluding_pauses) == (
        16,
        11,
    )
    assert investigation.label == "Investigation"
    assert panels["conduct_pauses"] == [pause]
