"""The threat picture: the head of the CCU's figures for the strategic threat assessment, on a
page and as a CSV. Counts only; a 404 for everyone else."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ccu import exports
from ccu.selectors import threat as selectors
from standards.access.models import AccessAction, Area
from standards.access.pages import record_search
from standards.core.export import dataset_response
from standards.core.forms import PeriodForm


def _form(request: HttpRequest) -> PeriodForm:
    return PeriodForm(request.GET if "period" in request.GET else None)


@require_GET
def threat(request: HttpRequest) -> HttpResponse:
    selectors.require_head(user=request.user)
    form = _form(request)
    picture = None
    if not form.is_bound or form.is_valid():
        picture = selectors.threat_picture(user=request.user, period=form.chosen)
    record_search(request, area=Area.CCU, result_count=picture.reports.total if picture else 0)
    return render(
        request,
        "ccu/threat/threat.html",
        {"form": form, "picture": picture, "query": request.GET.urlencode()},
    )


@require_GET
def threat_export(request: HttpRequest) -> HttpResponse:
    selectors.require_head(user=request.user)
    # An invalid period exports the current financial year, as the page shows it by default.
    period = _form(request).chosen
    picture = selectors.threat_picture(user=request.user, period=period)
    # The figures leave the service: logged as a disclosure before the file is sent.
    record_search(
        request,
        area=Area.CCU,
        result_count=picture.reports.total,
        action=AccessAction.DISCLOSURE,
    )
    return dataset_response(
        exports.threat_dataset(picture),
        filename=f"threat-picture-{period.start.isoformat()}-to-{period.end.isoformat()}",
    )
