"""Dates as forms speak of them: bounds that move with today, and a date written out in words.

A bound is a function of today, so a form declared once at import keeps "the last 2 years" right
on every day the service runs, not the day it started.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

Bound = Callable[[dt.date], dt.date]


def shift_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (or earlier); 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def today(day: dt.date) -> dt.date:
    return day


def tomorrow(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=1)


def years_ago(years: int) -> Bound:
    def bound(day: dt.date) -> dt.date:
        return shift_years(day, -years)

    return bound


def years_ahead(years: int) -> Bound:
    def bound(day: dt.date) -> dt.date:
        return shift_years(day, years)

    return bound


def on(year: int, month: int = 1, day: int = 1) -> Bound:
    """A fixed date, for a bound that does not move: the year a register began, say."""
    fixed = dt.date(year, month, day)

    def bound(_: dt.date) -> dt.date:
        return fixed

    return bound


def written(day: dt.date) -> str:
    """As GOV.UK writes a date in a sentence: 1 January 1900."""
    return f"{day.day} {day:%B %Y}"


def as_typed(day: dt.date) -> str:
    """As a person types it into a day, month and year input: 27 3 2026."""
    return f"{day.day} {day.month} {day.year}"


def today_local() -> dt.date:
    """Today where the force is (Europe/London), for a form's initial value."""
    return timezone.localdate()
