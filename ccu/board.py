"""The integrity board's counter-corruption figures, for the board and the head of the CCU only:
intelligence reports received by national corruption category and by route, management
interventions, sanitised referrals to PSD and the intelligence checks the CCU answered, and the
reports per quarter. Counts only, never a name or a word of a report.

The threat picture (``ccu/selectors/threat.py``) counts the same things quarter by quarter for
the head of the CCU, through the head's own access; the board counts every report of the force,
so the same measures are counted here on the whole tables, in the same order and with the same
rules (a report in several categories counts in each; an intervention is authorised once the head
has authorised it, whether or not its meeting has been held).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count, F, Q

from ccu.models import (
    CorruptionCategory,
    IntelligenceReport,
    InterventionStatus,
    ManagementIntervention,
    ReportReferral,
    Route,
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
from standards.exchange.models import IntelligenceCheck

KEY = "ccu"
NOT_CATEGORISED = "Not yet categorised"


def ccu_figures(period: Period) -> Section:
    """Five queries: reports by route, by category, the interventions, the referrals, the
    checks answered."""
    in_period = (period.start, period.end)
    reports = IntelligenceReport.objects.filter(received_on__range=in_period).order_by()
    counted = reports.aggregate(
        # distinct: the join to the categories has a row per category of a report.
        received=Count("pk", distinct=True),
        uncategorised=Count("pk", distinct=True, filter=Q(categories__isnull=True)),
        **{
            f"route_{value}": Count("pk", distinct=True, filter=Q(route=value))
            for value in Route.values
        },
    )
    categories = (
        CorruptionCategory.objects.annotate(
            n=Count("reports", filter=Q(reports__received_on__range=in_period))
        )
        .order_by(F("priority").asc(nulls_last=True), "order", "name")
        .values_list("name", "n")
    )
    interventions = ManagementIntervention.objects.order_by().aggregate(
        proposed=Count("pk", filter=Q(proposed_at__date__range=in_period)),
        authorised=Count(
            "pk",
            filter=Q(
                status__in=[InterventionStatus.AUTHORISED, InterventionStatus.HELD],
                decided_at__date__range=in_period,
            ),
        ),
        held=Count("pk", filter=Q(status=InterventionStatus.HELD, meeting_on__range=in_period)),
    )
    referrals = ReportReferral.objects.filter(referral__sent_on__range=in_period).count()
    checks = IntelligenceCheck.objects.filter(answered_at__date__range=in_period).count()
    return Section(
        measures=(
            Measure(
                key="ccu.reports_received",
                label="Intelligence reports received",
                value=counted["received"],
            ),
            Measure(
                key="ccu.interventions_proposed",
                label="Management interventions proposed",
                value=interventions["proposed"],
            ),
            Measure(
                key="ccu.interventions_authorised",
                label="Management interventions authorised",
                value=interventions["authorised"],
                hint="By the head of the CCU",
            ),
            Measure(
                key="ccu.interventions_held",
                label="Management intervention meetings held",
                value=interventions["held"],
            ),
            Measure(
                key="ccu.referrals_to_psd",
                label="Sanitised referrals to PSD",
                value=referrals,
            ),
            Measure(
                key="ccu.checks_answered",
                label="Intelligence checks answered",
                value=checks,
                hint="Asked by PSD, for example before a business interest is decided",
            ),
        ),
        breakdowns=(
            Breakdown(
                key="ccu.by_category",
                title="Reports by national corruption category",
                row_heading="Category",
                columns=("Reports",),
                rows=(
                    *((name, (n,)) for name, n in categories),
                    (NOT_CATEGORISED, (counted["uncategorised"],)),
                ),
                hint="A report in several categories counts in each",
            ),
            Breakdown(
                key="ccu.by_route",
                title="Reports by route",
                row_heading="Route",
                columns=("Reports",),
                rows=tuple((label, (counted[f"route_{value}"],)) for value, label in Route.choices),
            ),
        ),
    )


def ccu_trends(quarters: Sequence[Quarter]) -> tuple[Trend, ...]:
    """One query: the reports received in each quarter."""
    counted = quarterly_counts(IntelligenceReport.objects.all(), "received_on", quarters)
    return (
        Trend(
            key="ccu.reports_received",
            label="Intelligence reports received",
            counts=counted,
        ),
    )


SECTION = BoardSection(
    key=KEY,
    title="Counter corruption",
    order=50,
    figures=ccu_figures,
    trends=ccu_trends,
    audience=frozenset({Role.CCU_HEAD}),
    sensitive=True,
    summary="The Counter Corruption Unit's intelligence reports, interventions, referrals to "
    "Professional Standards and intelligence checks.",
)
