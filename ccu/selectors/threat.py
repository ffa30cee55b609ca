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
from standards.core.periods import Period, Quarter, quarters_in


def require_head(*, user) -> None:
    """The threat picture exists for the head of the CCU only: to anyone else it is a 404."""
    if not policy.holds(user, Role.CCU_HEAD):
        raise Http404


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
