"""What every stage of the CCU's services shares: a report locked for the one who may change it,
and the cleaning, history and date rules every area's services use (``standards.core.records``)."""

from __future__ import annotations

from django.http import Http404

from ccu.models import IntelligenceReport
from standards.access import policy
from standards.core.records import clean_text, not_in_future, save_with_history

__all__ = ["clean_text", "locked_report", "not_in_future", "save_with_history"]


def locked_report(report: IntelligenceReport, acting_user) -> IntelligenceReport:
    """The report's row, locked for this transaction, if the acting user may change it (the
    report's compartment, through ``ccu.rules``); anyone else gets the 404 of a missing report."""
    locked = (
        policy.changeable(acting_user, IntelligenceReport.objects.select_for_update(of=("self",)))
        .filter(pk=report.pk)
        .first()
    )
    if locked is None:
        raise Http404("No such report")
    return locked
