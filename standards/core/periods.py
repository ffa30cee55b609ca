"""Reporting periods: a financial year, a financial quarter, or dates of one's own, and the
periods a figure is compared with (the one before, the same one a year earlier).

Quarters are financial quarters (Q1 is April to June). They start on the same days as calendar
quarters, so ``TruncQuarter`` groups by them; a custom period's first and last quarters may be
part quarters, counted only inside the period. The CCU's threat picture and the integrity board
read their periods here, and choose them with ``standards.core.forms.PeriodForm``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

MONTH_NAMES = tuple(calendar.month_name)[1:]

PeriodKind = Literal["year", "quarter", "custom"]


def financial_year_start(day: dt.date) -> int:
    """The year the financial year holding ``day`` starts in (1 April)."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(start_year: int) -> str:
    return f"{start_year}/{str(start_year + 1)[-2:]}"


def written(day: dt.date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _year_earlier(day: dt.date) -> dt.date:
    # 29 February a year earlier is 28 February.
    return day.replace(year=day.year - 1, day=min(day.day, 28 if day.month == 2 else day.day))


@dataclass(frozen=True)
class Period:
    """A reporting period, both ends inclusive."""

    start: dt.date
    end: dt.date
    label: str
    kind: PeriodKind = "custom"

    @classmethod
    def financial_year(cls, start_year: int) -> Period:
        return cls(
            start=dt.date(start_year, 4, 1),
            end=dt.date(start_year + 1, 3, 31),
            label=f"Financial year {financial_year_label(start_year)}",
            kind="year",
        )

    @classmethod
    def quarter(cls, start_year: int, number: int) -> Period:
        quarter = Quarter.of(start_year, number)
        return cls(start=quarter.start, end=quarter.end, label=quarter.long_label, kind="quarter")

    @classmethod
    def custom(cls, start: dt.date, end: dt.date) -> Period:
        return cls(start=start, end=end, label=f"{written(start)} to {written(end)}")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def short_label(self) -> str:
        """A column heading: "2025/26", "Q2 2025/26", or the dates."""
        if self.kind == "year":
            return financial_year_label(self.start.year)
        if self.kind == "quarter":
            return Quarter.holding(self.start).label
        return f"{self.start:%d/%m/%Y} to {self.end:%d/%m/%Y}"

    def previous(self) -> Period:
        """The period just before: the year or quarter before, or as many days before."""
        if self.kind == "year":
            return Period.financial_year(self.start.year - 1)
        if self.kind == "quarter":
            before = Quarter.holding(self.start - dt.timedelta(days=1))
            return Period.quarter(before.financial_year, before.number)
        end = self.start - dt.timedelta(days=1)
        return Period.custom(end - dt.timedelta(days=self.days - 1), end)

    def year_before(self) -> Period:
        """The same period a year earlier."""
        if self.kind == "year":
            return Period.financial_year(self.start.year - 1)
        if self.kind == "quarter":
            quarter = Quarter.holding(self.start)
            return Period.quarter(quarter.financial_year - 1, quarter.number)
        return Period.custom(_year_earlier(self.start), _year_earlier(self.end))

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Quarter:
    start: dt.date  # the quarter's first day (whatever the period's)
    end: dt.date
    financial_year: int
    number: int  # 1 (April to June) to 4 (January to March)

    @classmethod
    def of(cls, financial_year: int, number: int) -> Quarter:
        month = 4 + 3 * (number - 1)
        year = financial_year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        start = dt.date(year, month, 1)
        end = dt.date(year + (month + 2) // 12, (month + 2) % 12 + 1, 1) - dt.timedelta(days=1)
        return cls(start=start, end=end, financial_year=financial_year, number=number)

    @classmethod
    def holding(cls, day: dt.date) -> Quarter:
        year = financial_year_start(day)
        return cls.of(year, ((day.month - 4) % 12) // 3 + 1)

    @property
    def label(self) -> str:
        return f"Q{self.number} {financial_year_label(self.financial_year)}"

    @property
    def months(self) -> str:
        first, last = MONTH_NAMES[self.start.month - 1], MONTH_NAMES[self.end.month - 1]
        return f"{first} to {last} {self.end.year}"

    @property
    def long_label(self) -> str:
        return f"{self.label} ({self.months})"

    @property
    def key(self) -> str:
        return f"{self.financial_year}-{self.number}"

    def next(self) -> Quarter:
        return Quarter.holding(self.end + dt.timedelta(days=1))


def quarters_in(period: Period) -> list[Quarter]:
    quarters = [Quarter.holding(period.start)]
    while quarters[-1].end < period.end:
        quarters.append(quarters[-1].next())
    return quarters


def last_complete_quarter(today: dt.date) -> Quarter:
    """The quarter before the one holding ``today``."""
    return Quarter.holding(Quarter.holding(today).start - dt.timedelta(days=1))


def quarters_ending(day: dt.date, count: int) -> list[Quarter]:
    """The ``count`` quarters up to and including the one holding ``day``, oldest first."""
    quarters = [Quarter.holding(day)]
    while len(quarters) < count:
        quarters.insert(0, Quarter.holding(quarters[0].start - dt.timedelta(days=1)))
    return quarters
