"""The quarterly integrity board report: a page to choose the period, the PDF and the CSV of its
figures. Board readers only; a 404 for everyone else.

The PDF and the CSV take the same GET query as the summary page (``PeriodForm``) and print the
same ``Summary`` (``standards.board.selectors.summary.build_summary``), so they say exactly what
the page says. Each download is logged as a disclosure before it is sent: the figures leave the
service.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from standards.access.models import AccessAction, Area
from standards.access.pages import record_search
from standards.board import report as board_report
from standards.board.rules import is_board_reader
from standards.board.selectors.summary import build_summary
from standards.core.export import dataset_response, safe_filename
from standards.core.forms import PeriodForm
from standards.core.periods import Period, Quarter, last_complete_quarter


def _require_reader(user) -> None:
    if not is_board_reader(user):
        raise Http404


def _form(request: HttpRequest) -> PeriodForm:
    if "period" in request.GET:
        return PeriodForm(request.GET)
    quarter = last_complete_quarter(timezone.localdate())
    return PeriodForm(initial={"period": "quarter", "quarter": quarter.key})


def _period(form: PeriodForm) -> Period:
    """The period asked for; the last complete quarter until one is chosen."""
    if form.is_bound:
        return form.chosen
    quarter = last_complete_quarter(timezone.localdate())
    return Period.quarter(quarter.financial_year, quarter.number)


def _filename(period: Period) -> str:
    return f"integrity-board-report-{period.start.isoformat()}-to-{period.end.isoformat()}"


def _summary(request: HttpRequest):
    """The summary for the period asked for, or None when the query is not a valid period."""
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return None, None
    period = _period(form)
    return period, build_summary(user=request.user, period=period)


def _result_count(summary) -> int:
    return sum(len(section.figures) for section in summary.sections)


@require_GET
def report(request: HttpRequest) -> HttpResponse:
    _require_reader(request.user)
    form = _form(request)
    period = None if form.is_bound and not form.is_valid() else _period(form)
    query = request.GET.urlencode()
    if period is not None and not query:
        quarter = Quarter.holding(period.start)
        query = f"period=quarter&quarter={quarter.key}"
    record_search(request, area=Area.BOARD, result_count=0 if period is None else 1)
    return render(
        request,
        "board/report/report.html",
        {"form": form, "period": period, "query": query},
    )


def _invalid(request: HttpRequest) -> HttpResponse:
    # Only a hand-made address gets here: the report page shows what is wrong with the period.
    return redirect(f"{reverse('board:report')}?{request.GET.urlencode()}")


@require_GET
def report_pdf(request: HttpRequest) -> HttpResponse:
    _require_reader(request.user)
    period, summary = _summary(request)
    if summary is None:
        return _invalid(request)
    pdf = board_report.board_report_pdf(summary, commentary=board_report.commentary(summary))
    record_search(
        request,
        area=Area.BOARD,
        result_count=_result_count(summary),
        action=AccessAction.DISCLOSURE,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=safe_filename(_filename(period), "pdf")
    )
    return response


@require_GET
def report_csv(request: HttpRequest) -> HttpResponse:
    _require_reader(request.user)
    period, summary = _summary(request)
    if summary is None:
        return _invalid(request)
    dataset = board_report.board_report_dataset(summary)
    record_search(
        request,
        area=Area.BOARD,
        result_count=_result_count(summary),
        action=AccessAction.DISCLOSURE,
    )
    return dataset_response(dataset, filename=f"{_filename(period)}-figures")
