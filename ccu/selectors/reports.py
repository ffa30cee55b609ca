"""Reads of intelligence reports, through the access policy (``ccu.rules``).

The list is one query for the page and one for the count, however many reports there are
(bench/ccu.py): the compartment filter is a semi-join on the analyst's grants, and the list
orders on an index (``ccu_report_listing_idx``).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from ccu.models import IntelligenceReport, ReportSource
from standards.access import policy


def report_list_for_user(*, user) -> QuerySet[IntelligenceReport]:
    """The reports the user may see, newest first; a 404 outside the CCU, where the list does
    not exist."""
    if not policy.in_ccu(user):
        raise Http404
    return (
        policy.visible(user, IntelligenceReport.objects.all())
        .select_related("operation", "owner__person")
        .order_by("-received_on", "-pk")
    )


def report_get_for_user(*, user, pk: int) -> IntelligenceReport:
    """The report, or 404 - the same 404 whether it is missing or out of the user's sight."""
    report = (
        policy.visible(
            user, IntelligenceReport.objects.select_related("operation", "owner__person")
        )
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    return report


def report_get_for_work(*, user, pk: int) -> IntelligenceReport:
    """The report for a page that changes it (its compartment's workers and the head), or 404."""
    report = (
        policy.changeable(
            user, IntelligenceReport.objects.select_related("operation", "owner__person")
        )
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    return report


def source_for_user(*, user, report: IntelligenceReport) -> ReportSource | None:
    """The report's original text and source, for the head and the report's owner; None for
    anyone else (who is not told there is one to see)."""
    return policy.visible(user, ReportSource.objects.filter(report=report)).first()


def report_tab_context(*, user, report: IntelligenceReport, tab: str) -> dict:
    """What every tab of a report's page needs for its heading and sub-navigation
    (templates/ccu/reports/base.html): ``tab`` is the tab's URL name in ``ccu``."""
    return {
        "report": report,
        "current_tab": tab,
        "may_see_source": policy.visible(user, ReportSource.objects.filter(report=report)).exists(),
    }
