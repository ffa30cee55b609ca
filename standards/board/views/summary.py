"""The board's summary: every section the reader may read for a period, and one section on a page
of its own. Counts and rates only, no record of any area; a 404 for anyone not a board reader."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from standards.access.models import Area
from standards.access.pages import record_search
from standards.board.selectors import summary as selectors
from standards.board.suppression import FEWER_THAN_5, NOT_SHOWN
from standards.core.forms import PeriodForm


def _form(request: HttpRequest) -> PeriodForm:
    return PeriodForm(request.GET if "period" in request.GET else None)


def _page(request: HttpRequest, *, section: str | None) -> HttpResponse:
    form = _form(request)
    # An invalid period shows the errors and the current financial year's figures beneath them.
    summary = selectors.build_summary(user=request.user, period=form.chosen, section=section)
    record_search(request, area=Area.BOARD, result_count=len(summary.sections))
    return render(
        request,
        "board/summary/summary.html",
        {
            "form": form,
            "summary": summary,
            "one_section": summary.sections[0] if section else None,
            "query": selectors.summary_query_string(summary.period),
            "workforce": f"{summary.workforce:,}",
            "counted_every": selectors.counted_every_minutes(),
            "fewer_than_5": FEWER_THAN_5,
            "not_shown": NOT_SHOWN,
        },
    )


@require_GET
def summary(request: HttpRequest) -> HttpResponse:
    return _page(request, section=None)


@require_GET
def section(request: HttpRequest, key: str) -> HttpResponse:
    return _page(request, section=key)
