"""The findings pages: PSD's list, a finding and its disposition, and the same three for the
CCU's findings, apart. One set of templates serves both sides; which findings a page can reach
is decided by the selector it calls (each side's own rule), never by the template."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from registers.crosschecks.forms.findings import (
    CcuDispositionForm,
    FindingFilterForm,
    PsdDispositionForm,
)
from registers.crosschecks.models import Audience, Disposition, Finding
from registers.crosschecks.selectors import findings as selectors
from registers.crosschecks.services import findings as services
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.core.forms import apply_errors

SIDES = {
    Audience.PSD: {
        "area": Area.PSD,
        "list": "crosschecks:findings",
        "detail": "crosschecks:finding_detail",
        "dispose": "crosschecks:finding_dispose",
        "caption": "Professional Standards",
    },
    Audience.CCU: {
        "area": Area.CCU,
        "list": "crosschecks:ccu_findings",
        "detail": "crosschecks:ccu_finding_detail",
        "dispose": "crosschecks:ccu_finding_dispose",
        "caption": "Counter Corruption Unit",
    },
}


def _list(request: HttpRequest, *, audience: str, findings, counts) -> HttpResponse:
    by_check = selectors.check_counts(audience=audience, counts=counts(user=request.user))
    form = FindingFilterForm(request.GET or None, checks={row.name: row.title for row in by_check})
    filters = form.filters()
    page = Paginator(findings(user=request.user, **filters), 50).get_page(request.GET.get("page"))
    record_search(request, area=SIDES[audience]["area"], result_count=page)
    return render(
        request,
        "registers/crosschecks/findings/list.html",
        {
            "side": SIDES[audience],
            "audience": audience,
            "form": form,
            "filtered": any(filters.values()),
            "page": page,
            "counts": by_check,
        },
    )


def _detail(request: HttpRequest, finding: Finding, *, audience: str) -> HttpResponse:
    return render(
        request,
        "registers/crosschecks/findings/detail.html",
        {
            "side": SIDES[audience],
            "audience": audience,
            "finding": finding,
            "check_title": selectors.check_titles(audience).get(
                finding.check_name, finding.check_name
            ),
            "detail_rows": selectors.detail_rows(finding.details),
            # The run is shown only on its own side: a finding PSD referred keeps PSD's run.
            "run_visible": finding.last_run.audience == audience,
            "decisions": selectors.finding_decisions(finding=finding),
        },
    )


def _dispose(request: HttpRequest, finding: Finding, *, audience: str) -> HttpResponse:
    if audience == Audience.PSD:
        cases = services.open_cases_for_finding(finding=finding)
        form = PsdDispositionForm(request.POST or None, cases=cases)
    else:
        form = CcuDispositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_dispose(
                finding=finding,
                disposition=form.cleaned_data["disposition"],
                rationale=form.cleaned_data["rationale"],
                case_reference=form.cleaned_data.get("case_reference") or "",
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _next_step(finding))
            return redirect(SIDES[audience]["detail"], pk=finding.pk)
    return render(
        request,
        "registers/crosschecks/findings/dispose.html",
        {"side": SIDES[audience], "audience": audience, "finding": finding, "form": form},
    )


def _next_step(finding: Finding) -> str:
    done = f"{finding.reference} is dealt with: {finding.get_disposition_display().lower()}."
    if finding.disposition == Disposition.REFERRED_CCU and finding.audience == Audience.PSD:
        return f"{done} The Counter Corruption Unit has a copy to look at."
    if finding.disposition == Disposition.REFERRED_PSD:
        return f"{done} Carry on with it in case {finding.case_reference}."
    return f"{done} A later run that finds it again leaves your decision in place."


@require_GET
def finding_list(request: HttpRequest) -> HttpResponse:
    return _list(
        request,
        audience=Audience.PSD,
        findings=selectors.psd_finding_list_for_user,
        counts=selectors.psd_finding_counts_for_user,
    )


@require_GET
@record_page(selectors.psd_finding_get_for_user)
def finding_detail(request: HttpRequest, finding) -> HttpResponse:
    return _detail(request, finding, audience=Audience.PSD)


@require_http_methods(["GET", "POST"])
@record_page(selectors.psd_finding_get_for_disposal)
def finding_dispose(request: HttpRequest, finding) -> HttpResponse:
    return _dispose(request, finding, audience=Audience.PSD)


@require_GET
def ccu_finding_list(request: HttpRequest) -> HttpResponse:
    return _list(
        request,
        audience=Audience.CCU,
        findings=selectors.ccu_finding_list_for_user,
        counts=selectors.ccu_finding_counts_for_user,
    )


@require_GET
@record_page(selectors.ccu_finding_get_for_user)
def ccu_finding_detail(request: HttpRequest, finding) -> HttpResponse:
    return _detail(request, finding, audience=Audience.CCU)


@require_http_methods(["GET", "POST"])
@record_page(selectors.ccu_finding_get_for_disposal)
def ccu_finding_dispose(request: HttpRequest, finding) -> HttpResponse:
    return _dispose(request, finding, audience=Audience.CCU)
