"""Working days in England and Wales: the unit the statutory clocks and the IOPC's measures use.

A working day is Monday to Friday and not a bank holiday in England and Wales (the ``holidays``
package's calendar for England, which is also Wales's). Every clock in the service counts with
these two functions, so a deadline across a bank-holiday weekend is the same on every page.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays


@cache
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself is day 0).

    "Within 5 working days of Friday 22 December" is Monday 1 January's neighbour: the weekend,
    Christmas Day and Boxing Day do not count.
    """
    if days < 0:
        raise ValueError("count forwards only")
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 for the same day; negative
    when ``end`` is earlier). The IOPC's "days to log" from receipt to logging is this number."""
    if end < start:
        return -working_days_between(end, start)
    # Whole weeks first, so a two-year investigation is not a 500-step loop.
    weeks, rest = divmod((end - start).days, 7)
    count = weeks * 5
    day = start + dt.timedelta(days=weeks * 7)
    for _ in range(rest):
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    holidays_in_range = sum(
        1
        for year in range(start.year, end.year + 1)
        for holiday in _bank_holidays(year)
        if start < holiday <= end and holiday.weekday() < 5
    )
    return count - holidays_in_range
