"""The threat picture: the figures the annual strategic threat assessment needs, for the head of
the CCU only. Counts, never names or text, each counted in SQL through the access policy (so a
report about the head is not counted for them, as it is never shown to them).

Quarters are financial quarters (Q1 is April to June). They start on the same days as calendar
quarters, so ``TruncQuarter`` groups by them; a custom period's first and last quarters may be
part quarters, counted only inside the period.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import TruncQuarter
from django.http import Http404

from ccu.models import (
    CorruptionCategory,
    IntelligenceReport,
    InterventionStatus,
    ManagementIntervention,
    ReportReferral,
    Route,
)
from standards.access import policy
from standards.access.roles import Role

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def require_head(*, user) -> None:
    """The threat picture exists for the head of the CCU only: to anyone else it is a 404."""
    if not policy.holds(user, Role.CCU_HEAD):
        raise Http404


# --- periods and quarters ----------------------------------------------------------------------


def financial_year_start(day: dt.date) -> int:
    """The year the financial year holding ``day`` starts in (1 April)."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(start_year: int) -> str:
    return f"{start_year}/{str(start_year + 1)[-2:]}"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str

    @classmethod
    def financial_year(cls, start_year: int) -> Period:
        return cls(
            start=dt.date(start_year, 4, 1),
            end=dt.date(start_year + 1, 3, 31),
            label=f"Financial year {financial_year_label(start_year)}",
        )

    @classmethod
    def quarter(cls, start_year: int, number: int) -> Period:
        quarter = Quarter.of(start_year, number)
        return cls(start=quarter.start, end=quarter.end, label=quarter.long_label)

    @classmethod
    def custom(cls, start: dt.date, end: dt.date) -> Period:
        return cls(start=start, end=end, label=f"{_written(start)} to {_written(end)}")


def _written(day: dt.date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


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


# --- the figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    counts: tuple[int, ...]
    priority: int | None = None

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class ThreatPicture:
    period: Period
    quarters: list[Quarter]
    categories: list[Row]
    # Every report once, whatever its categories (a report may have several).
    reports: Row
    routes: list[Row]
    interventions: list[Row]
    referrals: Row

    @property
    def referrals_rows(self) -> list[Row]:
        return [self.referrals]


def _quarter_of(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def threat_picture(*, user, period: Period) -> ThreatPicture:
    """The figures for ``period``: five queries, however many reports there are."""
    require_head(user=user)
    quarters = quarters_in(period)
    column = {quarter.start: index for index, quarter in enumerate(quarters)}
    width = len(quarters)

    reports = policy.visible(
        user, IntelligenceReport.objects.filter(received_on__range=(period.start, period.end))
    ).order_by()

    by_category: dict[int, list[int]] = defaultdict(lambda: [0] * width)
    for row in reports.values("categories", quarter=TruncQuarter("received_on")).annotate(
        n=Count("pk")
    ):
        if row["categories"] is not None:  # a report not yet categorised
            by_category[row["categories"]][column[_quarter_of(row["quarter"])]] = row["n"]
    categories = [
        Row(label=category.name, counts=tuple(by_category[category.pk]), priority=category.priority)
        for category in CorruptionCategory.objects.order_by(
            F("priority").asc(nulls_last=True), "order", "name"
        )
    ]

    by_route: dict[str, list[int]] = defaultdict(lambda: [0] * width)
    for row in reports.values("route", quarter=TruncQuarter("received_on")).annotate(n=Count("pk")):
        by_route[row["route"]][column[_quarter_of(row["quarter"])]] = row["n"]
    routes = [Row(label=label, counts=tuple(by_route[value])) for value, label in Route.choices]
    all_reports = Row(
        label="All reports",
        counts=tuple(sum(row.counts[index] for row in routes) for index in range(width)),
    )

    def clipped(quarter: Quarter) -> tuple[dt.date, dt.date]:
        return (max(quarter.start, period.start), min(quarter.end, period.end))

    measures = {
        "proposed": ("Proposed", "proposed_at__date", Q()),
        "authorised": (
            "Authorised by the head of the CCU",
            "decided_at__date",
            Q(status__in=[InterventionStatus.AUTHORISED, InterventionStatus.HELD]),
        ),
        "held": ("Meeting held", "meeting_on", Q(status=InterventionStatus.HELD)),
    }
    counted = policy.visible(user, ManagementIntervention.objects.all()).aggregate(
        **{
            f"{key}_{index}": Count(
                "pk", filter=condition & Q(**{f"{field}__range": clipped(quarter)})
            )
            for key, (_, field, condition) in measures.items()
            for index, quarter in enumerate(quarters)
        }
    )
    interventions = [
        Row(label=label, counts=tuple(counted[f"{key}_{index}"] for index in range(width)))
        for key, (label, _, _) in measures.items()
    ]

    sent = policy.visible(user, ReportReferral.objects.all()).aggregate(
        **{
            f"sent_{index}": Count("pk", filter=Q(referral__sent_on__range=clipped(quarter)))
            for index, quarter in enumerate(quarters)
        }
    )
    referrals = Row(
        label="Sanitised referrals to PSD",
        counts=tuple(sent[f"sent_{index}"] for index in range(width)),
    )
    return ThreatPicture(
        period=period,
        quarters=quarters,
        categories=categories,
        reports=all_reports,
        routes=routes,
        interventions=interventions,
        referrals=referrals,
    )
