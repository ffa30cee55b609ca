"""Reads of intelligence reports, through the access policy (``ccu.rules``).

The list is one query for the page and one for the count, however many reports there are
(bench/ccu.py): the compartment filter is a semi-join on the analyst's grants, and the list
orders on an index (``ccu_report_listing_idx``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from ccu.models import (
    Grading,
    IntelligenceReport,
    Operation,
    OperationStatus,
    ReportNote,
    ReportSource,
    ReportSubject,
)
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


def report_get_for_source(*, user, pk: int) -> IntelligenceReport:
    """The report for its "original and source" tab: the head of the CCU and the report's owner
    only; anyone else gets the 404 of a missing report, as if the tab did not exist."""
    report = report_get_for_user(user=user, pk=pk)
    if source_for_user(user=user, report=report) is None:
        raise Http404
    return report


def report_list_filtered(*, user, params):
    """The report list, filtered and sorted (``ccu.filters.ReportFilter``)."""
    from ccu.filters import ReportFilter

    return ReportFilter(
        params,
        queryset=report_list_for_user(user=user).prefetch_related("categories"),
        operations=operations_for_work(user=user, include_closed=True),
    )


def operations_for_work(*, user, include_closed: bool = False):
    """The operations the user may put a report into (open ones, unless ``include_closed``)."""
    queryset = policy.changeable(user, Operation.objects.all()).order_by("code_name")
    if not include_closed:
        queryset = queryset.filter(status=OperationStatus.OPEN)
    return queryset


def may_change(*, user, report: IntelligenceReport) -> bool:
    return policy.changeable(user, IntelligenceReport.objects.filter(pk=report.pk)).exists()


def report_categories(*, report: IntelligenceReport):
    return list(report.categories.all())


def report_subjects(*, report: IntelligenceReport) -> list[ReportSubject]:
    """The report's subjects (the viewer may see the report, so they are none of them)."""
    return list(
        ReportSubject.objects.filter(report=report)
        .select_related("person__org_unit", "linked_by__person")
        .order_by("person__last_name", "pk")
    )


def report_subject_get(*, report: IntelligenceReport, pk: int) -> ReportSubject:
    subject = ReportSubject.objects.filter(report=report, pk=pk).first()
    if subject is None:
        raise Http404
    return subject


def report_gradings(*, report: IntelligenceReport) -> list[Grading]:
    """Every grading of the report, the current one first, with who graded and superseded."""
    return list(
        Grading.objects.filter(report=report)
        .select_related("graded_by__person", "superseded_by__person")
        .order_by("superseded_at", "-graded_at", "-pk")
    )


def report_notes(*, report: IntelligenceReport) -> list[ReportNote]:
    return list(ReportNote.objects.filter(report=report).select_related("written_by__person"))


@dataclass(frozen=True)
class TimelineEntry:
    when: object
    what: str
    who: object
    why: str


def report_timeline(*, report: IntelligenceReport, limit: int = 300) -> list[TimelineEntry]:
    """The history of the report and of what hangs off it (gradings, subjects, notes), newest
    first, with who and why. The source's history is left out: the timeline is for every
    reader of the report, the source only for the head and the owner."""
    sources = (
        ("Report", IntelligenceReport.history.filter(id=report.pk)),
        ("Grading", Grading.history.filter(report_id=report.pk)),
        ("Subject", ReportSubject.history.filter(report_id=report.pk)),
        ("Note", ReportNote.history.filter(report_id=report.pk)),
    )
    kinds = {"+": "created", "~": "changed", "-": "removed"}
    entries = []
    for label, rows in sources:
        for row in rows.select_related("history_user__person").order_by("-history_date")[:limit]:
            entries.append(
                TimelineEntry(
                    when=row.history_date,
                    what=f"{label} {kinds.get(row.history_type, 'changed')}",
                    who=row.history_user,
                    why=row.history_change_reason or "",
                )
            )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
