"""Reads of the national and most-similar-forces figures."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from standards.access import policy
from standards.board.models import ReferenceFigure, ReferenceScope
from standards.core.periods import Period


def reference_figures_for(period: Period) -> dict[tuple[str, ReferenceScope], Decimal]:
    """The figures entered for exactly ``period``: (measure key, scope) -> value. One query. Not
    through the policy: whoever reads the board's summary reads the national figures beside it."""
    rows = ReferenceFigure.objects.filter(
        period_start=period.start, period_end=period.end
    ).values_list("measure_key", "scope", "value")
    return {(key, ReferenceScope(scope)): value for key, scope, value in rows}


def reference_figure_list_for_user(*, user) -> QuerySet[ReferenceFigure]:
    return policy.visible(user, ReferenceFigure.objects.all())


def reference_figure_get_for_user(*, user, pk: int) -> ReferenceFigure:
    """One figure, or 404 (the same for missing and out of sight)."""
    figure = reference_figure_list_for_user(user=user).filter(pk=pk).first()
    if figure is None:
        raise Http404
    return figure
