"""The integrity board's figures for business interests: applications received, decided by the
head of PSD (approved, with or without conditions, or refused), appealed and appeals decided in
the period; the interests approved and still held at the period's end, and those of them past
their review; by kind of interest; and the applications per quarter. Every application of the
force counts, not a viewer's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Count, OuterRef, Q, Subquery

from registers.interests.models import (
    APPEAL_OUTCOMES,
    PSD_OUTCOMES,
    BusinessInterest,
    DecisionOutcome,
    DecisionStage,
    InterestDecision,
    InterestType,
)
from standards.access.roles import Role
from standards.board.figures import (
    BoardSection,
    Breakdown,
    Measure,
    Section,
    Trend,
    quarterly_counts,
)
from standards.core.periods import Period, Quarter

KEY = "interests"

_APPROVED = (DecisionOutcome.COMPATIBLE, DecisionOutcome.COMPATIBLE_WITH_CONDITIONS)
# What leaves an interest approved, at any stage that settles it (a dismissed appeal changes
# nothing, so it is not one of these stages' settling outcomes).
_APPROVING = (
    DecisionOutcome.COMPATIBLE,
    DecisionOutcome.COMPATIBLE_WITH_CONDITIONS,
    DecisionOutcome.APPEAL_UPHELD,
    DecisionOutcome.APPEAL_UPHELD_WITH_CONDITIONS,
)
_SETTLING = (
    *PSD_OUTCOMES,
    DecisionOutcome.APPEAL_UPHELD,
    DecisionOutcome.APPEAL_UPHELD_WITH_CONDITIONS,
)


def _decided_in(period: Period, prefix: str = "") -> Q:
    return Q(**{f"{prefix}decided_at__date__range": (period.start, period.end)})


def _held_on(day: dt.date):
    """The interests approved and still held at the end of ``day``: the latest decision that
    settled each (a decision, a review, an upheld appeal) by then approved it, and it had not
    ended."""
    latest = (
        InterestDecision.objects.filter(
            interest=OuterRef("pk"), outcome__in=_SETTLING, decided_at__date__lte=day
        )
        .order_by("-decided_at", "-pk")
        .values("outcome")[:1]
    )
    return (
        BusinessInterest.objects.annotate(settled=Subquery(latest))
        .filter(settled__in=_APPROVING)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    )


def interest_figures(period: Period) -> Section:
    """Four queries: applications, decisions, interests held at the end, the grid by kind."""
    in_period = (period.start, period.end)
    applications = BusinessInterest.objects.order_by().aggregate(
        received=Count("pk", filter=Q(submitted_at__date__range=in_period)),
        # An application made before the period and appealed in it is an appeal in it.
        appealed=Count("pk", filter=Q(appealed_at__date__range=in_period)),
    )
    decisions = InterestDecision.objects.filter(_decided_in(period)).aggregate(
        approved=Count(
            "interest",
            distinct=True,
            filter=Q(stage=DecisionStage.PSD_DECISION, outcome__in=_APPROVED),
        ),
        with_conditions=Count(
            "interest",
            distinct=True,
            filter=Q(
                stage=DecisionStage.PSD_DECISION,
                outcome=DecisionOutcome.COMPATIBLE_WITH_CONDITIONS,
            ),
        ),
        refused=Count(
            "interest",
            distinct=True,
            filter=Q(stage=DecisionStage.PSD_DECISION, outcome=DecisionOutcome.INCOMPATIBLE),
        ),
        appeals_decided=Count(
            "pk", filter=Q(stage=DecisionStage.APPEAL, outcome__in=APPEAL_OUTCOMES)
        ),
    )
    held = _held_on(period.end).aggregate(
        held=Count("pk"), overdue=Count("pk", filter=Q(review_due__lt=period.end))
    )
    by_kind = {
        row["interest_type"]: (row["received"], row["approved"], row["refused"])
        for row in BusinessInterest.objects.order_by()
        .values("interest_type")
        .annotate(
            received=Count(
                "pk",
                distinct=True,
                filter=Q(submitted_at__date__range=in_period),
            ),
            approved=Count(
                "pk",
                distinct=True,
                filter=_decided_in(period, "decisions__")
                & Q(
                    decisions__stage=DecisionStage.PSD_DECISION,
                    decisions__outcome__in=_APPROVED,
                ),
            ),
            refused=Count(
                "pk",
                distinct=True,
                filter=_decided_in(period, "decisions__")
                & Q(
                    decisions__stage=DecisionStage.PSD_DECISION,
                    decisions__outcome=DecisionOutcome.INCOMPATIBLE,
                ),
            ),
        )
    }
    return Section(
        measures=(
            Measure(
                key="interests.received",
                label="Applications received",
                value=applications["received"],
            ),
            Measure(
                key="interests.approved",
                label="Applications approved",
                value=decisions["approved"],
                hint="By the head of PSD, with or without conditions",
            ),
            Measure(
                key="interests.approved_pct",
                label="Applications decided that were approved",
                value=decisions["approved"],
                unit="percent",
                denominator=decisions["approved"] + decisions["refused"],
                hint="Of the applications the head of PSD decided",
            ),
            Measure(
                key="interests.approved_with_conditions",
                label="Approved with conditions",
                value=decisions["with_conditions"],
            ),
            Measure(
                key="interests.refused",
                label="Applications refused",
                value=decisions["refused"],
                hint="Found incompatible by the head of PSD",
            ),
            Measure(key="interests.appealed", label="Appeals made", value=applications["appealed"]),
            Measure(
                key="interests.appeals_decided",
                label="Appeals decided",
                value=decisions["appeals_decided"],
                hint="By a chief officer",
            ),
            Measure(
                key="interests.live",
                label="Approved interests held at the end of the period",
                value=held["held"],
            ),
            Measure(
                key="interests.reviews_overdue",
                label="Reviews overdue at the end of the period",
                value=held["overdue"],
                hint="Interests held whose review date had passed",
            ),
        ),
        breakdowns=(
            Breakdown(
                key="interests.by_kind",
                title="Applications by kind of interest",
                row_heading="Kind of interest",
                columns=("Received", "Approved", "Refused"),
                rows=tuple(
                    (label, by_kind.get(value, (0, 0, 0))) for value, label in InterestType.choices
                ),
            ),
        ),
    )


def interest_trends(quarters: Sequence[Quarter]) -> tuple[Trend, ...]:
    """One query: the applications received in each quarter."""
    counted = quarterly_counts(BusinessInterest.objects.all(), "submitted_at", quarters)
    return (
        Trend(
            key="interests.received",
            label="Applications received",
            counts=counted,
        ),
    )


SECTION = BoardSection(
    key=KEY,
    title="Business interests",
    order=31,
    figures=interest_figures,
    trends=interest_trends,
    audience=frozenset({Role.PSD_DECISION_MAKER, Role.CCU_HEAD}),
    summary="Applications to hold a business interest and their decisions, from the register of "
    "business interests.",
)
