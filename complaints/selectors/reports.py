"""Reads for the timeliness report (reg 13, Police (Complaints and Misconduct) Regulations 2020;
reg 19, Police (Conduct) Regulations 2020): which relevant period the next report answers, what
the report states from the case, and the reports recorded.

The case is reached through ``selectors.cases`` (``case_get_for_work`` for the page that records
a report); every row here is read *within* that case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from complaints import clocks
from complaints.models import Case, Subject, TimelinessReport


@dataclass(frozen=True)
class ReportDue:
    """The period the next report answers, and whether it can be recorded now."""

    period: clocks.RelevantPeriod
    # The case owes reports now (an investigation under way, no outcome, not the IOPC's).
    applies: bool
    # The period has ended: its report is due (overdue after its due date) and can be recorded.
    ended: bool
    overdue: bool
    next_period: clocks.RelevantPeriod
    # What the report states from the case (reg 13(4)(a) and (b)).
    complaint_made_on: dt.date
    notices: list[Subject]
    reports: list[TimelinessReport]


def timeliness_reports_of_case(*, case: Case) -> list[TimelinessReport]:
    """The reports recorded on the case, oldest period first, with who recorded them."""
    return list(TimelinessReport.objects.filter(case=case).select_related("recorded_by__person"))


def timeliness_report_due(*, case: Case, today: dt.date) -> ReportDue:
    reports = timeliness_reports_of_case(case=case)
    period = clocks.report_period_due(case, {report.period_ended_on for report in reports})
    applies = clocks.reports_apply(case)
    ended = applies and period.ends_on < today
    notices = list(
        Subject.objects.filter(case=case, notice_served_on__isnull=False)
        .select_related("person")
        .order_by("notice_served_on", "pk")
    )
    return ReportDue(
        period=period,
        applies=applies,
        ended=ended,
        overdue=ended and today > period.report_due_on,
        next_period=period.following(),
        complaint_made_on=clocks.report_period_start(case),
        notices=notices,
        reports=reports,
    )
