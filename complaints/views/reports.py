"""The timeliness report on a long investigation (reg 13, Police (Complaints and Misconduct)
Regulations 2020; reg 19, Police (Conduct) Regulations 2020): the case team records the report
sent for a relevant period that has ended, and the case's clock moves on to the next period.

Reached from the clock on the case's decisions tab, through ``record_page`` with
``case_get_for_work`` (the case team only; anyone else gets the 404 of a missing case). Until a
period has ended there is nothing to record, and the page says when the next report falls due.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from complaints.forms import conduct as forms
from complaints.models import Case, TimelinessReport
from complaints.selectors import reports as selectors
from complaints.selectors.cases import case_get_for_work
from complaints.services import conduct as services
from complaints.views.conduct import decisions_path
from standards.access.pages import record_page
from standards.core.dates import written
from standards.core.forms import apply_errors


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def timeliness_report(request: HttpRequest, case: Case) -> HttpResponse:
    due = selectors.timeliness_report_due(case=case, today=timezone.localdate())
    context = {"case": case, "due": due, "back": decisions_path(case)}
    if not due.ended:
        # Nothing to record yet (or any more): a POST stores nothing either.
        return render(request, "complaints/conduct/timeliness_report_not_due.html", context)
    form = forms.TimelinessReportForm(
        request.POST or None, initial={"period_ended_on": due.period.ends_on}
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = services.timeliness_report_record(
                case=case, acting_user=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _done(case, report, due.period.months))
            return redirect(decisions_path(case))
    return render(request, "complaints/conduct/timeliness_report.html", context | {"form": form})


def _done(case: Case, report: TimelinessReport, months: int) -> str:
    """What happens next: the clock is on the next period owed a report."""
    after = selectors.timeliness_report_due(case=case, today=timezone.localdate())
    recorded = f"The {months}-month report sent on {written(report.sent_on)} is recorded."
    if after.ended:
        return (
            f"{recorded} The report for the period that ended on {written(after.period.ends_on)} "
            "is due too: record it next."
        )
    return (
        f"{recorded} If the investigation is not complete by {written(after.period.ends_on)}, "
        f"the next report is due on {written(after.period.report_due_on)}."
    )
