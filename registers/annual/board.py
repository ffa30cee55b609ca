"""The integrity board's figures for the annual declaration: declarations made in the period, and
of the workforce serving at the period's end, how many had made the declaration for the
declaration year the period ends in and how many had not. Every member counts, not a viewer's."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count, Exists, OuterRef, Q

from registers.annual.models import AnnualDeclaration, is_running, year_label, year_of
from standards.access.roles import Role
from standards.board.figures import BoardSection, Measure, Section, Trend, quarterly_counts
from standards.core.periods import Period, Quarter
from standards.people.selectors import workforce

KEY = "annual"


def annual_figures(period: Period) -> Section:
    """Two queries: the declarations made, and the workforce at the end with and without one."""
    made = AnnualDeclaration.objects.filter(made_at__date__range=(period.start, period.end)).count()
    year = year_of(period.end)
    serving = (
        workforce(on=period.end)
        .order_by()
        .aggregate(
            total=Count("pk"),
            declared=Count(
                "pk",
                filter=Q(
                    Exists(
                        AnnualDeclaration.objects.filter(
                            person=OuterRef("pk"), year=year, made_at__date__lte=period.end
                        )
                    )
                ),
            ),
        )
    )
    # A year the force does not ask for has no share made and nobody outstanding ("-").
    running = is_running(year)
    return Section(
        measures=(
            Measure(
                key="annual.made",
                label="Annual declarations made",
                value=made,
                hint="Made in the period, for any declaration year",
            ),
            Measure(
                key="annual.made_pct",
                label=f"Workforce who had made their {year_label(year)} declaration",
                value=serving["declared"] if running else None,
                unit="percent",
                denominator=serving["total"] if running else None,
                hint="Of the workforce serving at the end of the period",
            ),
            Measure(
                key="annual.outstanding",
                label=f"Workforce without a {year_label(year)} declaration",
                value=serving["total"] - serving["declared"] if running else None,
                hint="Serving at the end of the period",
            ),
        ),
    )


def annual_trends(quarters: Sequence[Quarter]) -> tuple[Trend, ...]:
    """One query: the declarations made in each quarter."""
    counted = quarterly_counts(AnnualDeclaration.objects.all(), "made_at", quarters)
    return (
        Trend(
            key="annual.made",
            label="Annual declarations made",
            counts=counted,
        ),
    )


SECTION = BoardSection(
    key=KEY,
    title="Annual declarations",
    order=32,
    figures=annual_figures,
    trends=annual_trends,
    audience=frozenset({Role.PSD_DECISION_MAKER, Role.CCU_HEAD}),
    summary="The yearly declaration every member of the workforce makes, confirming the force's "
    "integrity policies and their own declarations.",
)
