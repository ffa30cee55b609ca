"""The integrity board's figures for notifiable associations, for the board and the head of the
CCU only (the register is CCU material): the associations live at the period's end by category
of concern, those declared and ended in the period, the CCU's assessments in the period, and the
live associations past their review at the period's end. Counts only; every declaration of the
force counts, not a viewer's."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q

from registers.associations.models import (
    AssociationAssessment,
    ConcernCategory,
    NotifiableAssociation,
)
from standards.access.roles import Role
from standards.board.figures import BoardSection, Breakdown, Measure, Section

KEY = "associations"


def _live_on(day: dt.date) -> Q:
    """Declared and assessed by the CCU by the end of ``day``, and not ended by then."""
    assessed = AssociationAssessment.objects.filter(
        association=OuterRef("pk"), decided_at__date__lte=day
    )
    return (
        Q(submitted_at__date__lte=day)
        & Q(Exists(assessed))
        & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    )


def association_figures(period) -> Section:
    """Three queries: the register's totals, live by category, and the assessments."""
    in_period = (period.start, period.end)
    live = _live_on(period.end)
    totals = NotifiableAssociation.objects.order_by().aggregate(
        live=Count("pk", filter=live),
        declared=Count("pk", filter=Q(submitted_at__date__range=in_period)),
        ended=Count("pk", filter=Q(ended_on__range=in_period)),
        overdue=Count("pk", filter=live & Q(review_due__lt=period.end)),
    )
    by_category = dict(
        NotifiableAssociation.objects.filter(live)
        .order_by()
        .values("category_of_concern")
        .annotate(n=Count("pk"))
        .values_list("category_of_concern", "n")
    )
    assessments = AssociationAssessment.objects.filter(decided_at__date__range=in_period).count()
    return Section(
        measures=(
            Measure(
                key="associations.live",
                label="Live associations at the end of the period",
                value=totals["live"],
                hint="Declared, assessed by the CCU and not ended",
            ),
            Measure(
                key="associations.declared",
                label="Associations declared",
                value=totals["declared"],
            ),
            Measure(
                key="associations.assessments",
                label="Assessments made by the CCU",
                value=assessments,
                hint="First assessments and reassessments",
            ),
            Measure(key="associations.ended", label="Associations ended", value=totals["ended"]),
            Measure(
                key="associations.reviews_overdue",
                label="Reviews overdue at the end of the period",
                value=totals["overdue"],
                hint="Live associations whose review date had passed",
            ),
        ),
        breakdowns=(
            Breakdown(
                key="associations.by_category",
                title="Live associations by category of concern",
                row_heading="Category of concern",
                columns=("Live",),
                rows=tuple(
                    (label, (by_category.get(value, 0),))
                    for value, label in ConcernCategory.choices
                ),
            ),
        ),
    )


SECTION = BoardSection(
    key=KEY,
    title="Notifiable associations",
    order=33,
    figures=association_figures,
    audience=frozenset({Role.CCU_HEAD}),
    sensitive=True,
    summary="Associations members of the workforce have declared, and the Counter Corruption "
    "Unit's assessments of them.",
)
