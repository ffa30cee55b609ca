"""Reads of the HMICFRS recommendations tracker, through the access policy
(``standards.board.rules``: the board readers see everything, anyone else nothing, and a record
out of sight is the same 404 as one that does not exist).

The tracker list is one GROUP BY over the inspections (counts of recommendations by kind and
status, actions, actions complete and overdue) and one aggregate for the force-wide line, however
many inspections, recommendations and actions there are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from standards.access import policy
from standards.board.models import (
    Inspection,
    Recommendation,
    RecommendationKind,
    RecommendationStatus,
    RecommendationUpdate,
    TrackerAction,
)
from standards.people.models import Person
from standards.people.selectors import workforce

# Who may own a recommendation or an action: the Professional Standards Department's units
# (PSD, its investigations, complaints, counter corruption and vetting units) and the chief
# officer team.
OWNER_UNITS = ("PSD", "HQ-COT")


def percent_complete(done: int, total: int) -> int | None:
    """Whole percent, halves rounded up (16 actions, 8 complete: 50); None with no actions."""
    if not total:
        return None
    return int((Decimal(done) * 100 / Decimal(total)).quantize(Decimal(1), ROUND_HALF_UP))


@dataclass(frozen=True)
class StatusCounts:
    """A kind's recommendations by status."""

    awaiting: int
    progressing: int
    complete: int

    @property
    def total(self) -> int:
        return self.awaiting + self.progressing + self.complete


@dataclass(frozen=True)
class ActionCounts:
    total: int
    complete: int
    overdue: int

    @property
    def percent(self) -> int | None:
        return percent_complete(self.complete, self.total)

    @property
    def open(self) -> int:
        return self.total - self.complete


@dataclass(frozen=True)
class TrackerRow:
    inspection: Inspection
    recommendations: StatusCounts
    afis: StatusCounts
    concerns: StatusCounts
    actions: ActionCounts
    today: dt.date

    @property
    def pcc_response_due(self) -> dt.date:
        return self.inspection.pcc_response_due

    @property
    def pcc_response_published(self) -> bool:
        return self.inspection.pcc_response_published_on is not None

    @property
    def pcc_response_overdue(self) -> bool:
        return not self.pcc_response_published and self.today > self.pcc_response_due


@dataclass(frozen=True)
class Tracker:
    rows: list[TrackerRow]
    actions: ActionCounts  # force-wide

    @property
    def summary(self) -> str:
        """The force-wide line, as the force reports it to the PCC: "16 actions, 50% complete"."""
        total = self.actions.total
        if not total:
            return "No actions yet"
        return f"{total:,} action{'s' if total != 1 else ''}, {self.actions.percent}% complete"


def _status_counts(prefix: str, kind: str) -> dict:
    return {
        f"{prefix}_{status}": Count(
            "recommendations",
            filter=Q(recommendations__kind=kind, recommendations__status=status),
            distinct=True,
        )
        for status in RecommendationStatus.values
    }


def _counts(row, prefix: str) -> StatusCounts:
    return StatusCounts(
        awaiting=getattr(row, f"{prefix}_{RecommendationStatus.AWAITING_REVIEW}"),
        progressing=getattr(row, f"{prefix}_{RecommendationStatus.BEING_PROGRESSED}"),
        complete=getattr(row, f"{prefix}_{RecommendationStatus.COMPLETE}"),
    )


def inspection_list_for_user(*, user) -> QuerySet[Inspection]:
    return policy.visible(user, Inspection.objects.all())


def tracker_for_user(*, user, today: dt.date | None = None) -> Tracker:
    """Every inspection the user may see with its counts, and the force-wide line: two queries."""
    today = today or timezone.localdate()
    open_action = Q(recommendations__actions__completed_on__isnull=True)
    # Newest report first (Meta.ordering is not applied to a GROUP BY query: say it).
    inspections = (
        inspection_list_for_user(user=user)
        .order_by("-published_on", "title")
        .annotate(
            **_status_counts("rec", RecommendationKind.RECOMMENDATION),
            **_status_counts("afi", RecommendationKind.AFI),
            **_status_counts("concern", RecommendationKind.CAUSE_OF_CONCERN),
            actions_total=Count("recommendations__actions", distinct=True),
            actions_complete=Count("recommendations__actions", filter=~open_action, distinct=True),
            actions_overdue=Count(
                "recommendations__actions",
                filter=open_action & Q(recommendations__actions__due_on__lt=today),
                distinct=True,
            ),
        )
    )
    rows = [
        TrackerRow(
            inspection=row,
            recommendations=_counts(row, "rec"),
            afis=_counts(row, "afi"),
            concerns=_counts(row, "concern"),
            actions=ActionCounts(
                total=row.actions_total,
                complete=row.actions_complete,
                overdue=row.actions_overdue,
            ),
            today=today,
        )
        for row in inspections
    ]
    return Tracker(rows=rows, actions=action_totals_for_user(user=user, today=today))


def action_totals_for_user(*, user, today: dt.date | None = None) -> ActionCounts:
    """Every action the user may see: how many, how many complete, how many overdue."""
    today = today or timezone.localdate()
    totals = policy.visible(user, TrackerAction.objects.all()).aggregate(
        total=Count("pk"),
        complete=Count("pk", filter=Q(completed_on__isnull=False)),
        overdue=Count("pk", filter=Q(completed_on__isnull=True, due_on__lt=today)),
    )
    return ActionCounts(**totals)


# --- records ------------------------------------------------------------------------------------


def inspection_get_for_user(*, user, pk: int) -> Inspection:
    inspection = inspection_list_for_user(user=user).filter(pk=pk).first()
    if inspection is None:
        raise Http404("No such inspection")
    return inspection


def recommendation_get_for_user(*, user, pk: int) -> Recommendation:
    recommendation = (
        policy.visible(user, Recommendation.objects.select_related("inspection", "owner"))
        .filter(pk=pk)
        .first()
    )
    # Its inspection must be in sight too (the same rule today; checked, not assumed).
    if recommendation is None or not policy.can_view(user, recommendation.inspection):
        raise Http404("No such recommendation")
    return recommendation


def action_get_for_user(*, user, pk: int) -> TrackerAction:
    action = (
        policy.visible(
            user,
            TrackerAction.objects.select_related(
                "recommendation", "recommendation__inspection", "owner"
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if action is None or not policy.can_view(user, action.recommendation):
        raise Http404("No such action")
    return action


def recommendations_of(*, user, inspection: Inspection, today: dt.date | None = None) -> list:
    """The inspection's recommendations in the report's order, each with its action counts
    (``actions_total``, ``actions_complete``, ``actions_overdue``): one query."""
    today = today or timezone.localdate()
    open_action = Q(actions__completed_on__isnull=True)
    return list(
        policy.visible(user, inspection.recommendations.select_related("owner")).annotate(
            actions_total=Count("actions"),
            actions_complete=Count("actions", filter=~open_action),
            actions_overdue=Count("actions", filter=open_action & Q(actions__due_on__lt=today)),
        )
    )


def updates_of(*, user, recommendation: Recommendation) -> QuerySet[RecommendationUpdate]:
    """The recommendation's log, newest first."""
    return policy.visible(
        user, recommendation.updates.select_related("recorded_by", "recorded_by__person")
    ).order_by("-on", "-pk")


def actions_of(*, user, recommendation: Recommendation) -> QuerySet[TrackerAction]:
    """Open actions first (soonest due first), then the completed ones."""
    return policy.visible(user, recommendation.actions.select_related("owner")).order_by(
        F("completed_on").asc(nulls_first=True), "due_on", "pk"
    )


def owner_choices() -> QuerySet[Person]:
    """The people who may own a recommendation or an action: serving members of the PSD's units
    and the chief officer team, by name. Names and ranks only (the tracker shows who does the
    work, not anything about them)."""
    return (
        workforce()
        .filter(Q(org_unit__code__in=OWNER_UNITS) | Q(org_unit__parent__code__in=OWNER_UNITS))
        .order_by("last_name", "first_name", "pk")
    )
