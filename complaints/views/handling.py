"""The handling decision with the referral assessment asked at recording, the IOPC's mode
decision, and recording a death or serious injury (DSI) matter."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from complaints.forms.handling import DsiForm, HandlingForm, ReferralModeForm
from complaints.models import Case, CaseKind
from complaints.selectors import case_page
from complaints.selectors.cases import case_get_for_work
from complaints.services import handling as services
from complaints.views.case_work import form_page
from standards.access.pages import record_page
from standards.core.forms import apply_errors


def _not_now(request: HttpRequest, case: Case, message: str) -> HttpResponse:
    messages.info(request, message)
    return redirect("complaints:case_decisions", pk=case.pk)


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def handling_decide(request: HttpRequest, case: Case) -> HttpResponse:
    if case.kind != CaseKind.COMPLAINT or not case.is_open:
        return _not_now(request, case, "Only an open complaint has a handling decision.")
    form = HandlingForm(request.POST or None, criteria=case_page.referral_criteria())

    def decide():
        decision = services.handling_decide(
            case=case, acting_user=request.user, **form.service_kwargs()
        )
        return decision

    return form_page(
        request,
        case,
        form,
        template="handling",
        heading="Record the handling decision",
        service=decide,
        done="The handling decision is recorded. If the complaint was referred, record the "
        "IOPC's decision on how it will be investigated when it arrives.",
        tab="case_decisions",
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def referral_mode(request: HttpRequest, case: Case) -> HttpResponse:
    if case_page.referral_get_for_mode(case=case) is None:
        return _not_now(request, case, "The case has not been referred to the IOPC.")
    form = ReferralModeForm(request.POST or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form_page(
        request,
        case,
        form,
        template="referral_mode",
        heading="Record the IOPC's decision",
        service=lambda: services.referral_record_mode(
            case=case, mode=data["mode"], decided_on=data["decided_on"], acting_user=request.user
        ),
        done="The IOPC's decision is recorded on the case.",
        tab="case_decisions",
    )


@require_http_methods(["GET", "POST"])
def dsi_record(request: HttpRequest) -> HttpResponse:
    """A DSI matter is not a record yet: PSD only, like every complaints page that starts one."""
    if not case_page.may_record_dsi(request.user):
        raise Http404("No such page")
    form = DsiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.dsi_matter_record(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{case.reference} is recorded and referred to the IOPC. Record the IOPC's "
                "decision on the decisions tab when it arrives.",
            )
            return redirect("complaints:case", pk=case.pk)
    return render(request, "complaints/case/dsi.html", {"form": form})
