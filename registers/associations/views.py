"""The Counter Corruption Unit's pages for notifiable associations (/registers/associations/).

Every page is invisible outside the CCU: the selectors give everyone else, and a CCU member
looking at their own declaration, the same 404 as for a page that does not exist. Each view does
three things: access (a selector), the service, the response.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from registers.associations import selectors, services
from registers.associations.forms import AssessmentForm, CcuEndForm
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.core.forms import apply_errors


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    work = selectors.association_queue_for_user(user=request.user)
    record_search(request, area=Area.CCU, result_count=work.total)
    return render(request, "registers/associations/queue.html", {"work": work})


@require_GET
def register(request: HttpRequest) -> HttpResponse:
    register_filter = selectors.association_register_for_user(user=request.user, params=request.GET)
    page = Paginator(register_filter.qs, 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    # Inside the corridor the auditor's row keeps no search terms (the names searched for are
    # themselves CCU material); the CCU head's audit page has them.
    record_search(request, area=Area.CCU, result_count=page)
    return render(
        request,
        "registers/associations/register.html",
        {
            "filter": register_filter,
            "page": page,
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
            "today": timezone.localdate(),
        },
    )


@require_GET
@record_page(selectors.association_get_for_user)
def detail(request: HttpRequest, association) -> HttpResponse:
    assessments = selectors.association_assessments(association=association)
    return render(
        request,
        "registers/associations/detail.html",
        {
            "association": association,
            "latest": assessments[-1] if assessments else None,
            "timeline": selectors.association_timeline(
                association=association, assessments=assessments
            ),
            "actions": selectors.association_actions_for_user(
                user=request.user, association=association
            ),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.association_get_for_user)
def assess(request: HttpRequest, association) -> HttpResponse:
    if association.is_ended:
        messages.info(request, "This association has ended, so it cannot be assessed.")
        return redirect("associations:detail", pk=association.pk)
    assessments = selectors.association_assessments(association=association)
    latest = assessments[-1] if assessments else None
    initial = {"next_review_on": services.default_next_review(timezone.localdate())}
    if latest:
        # A reassessment starts from the advice already given; the rationale is written afresh.
        initial.update(risk=latest.risk, advice=latest.advice, conditions=latest.conditions)
    form = AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.association_assess(
                association=association, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                "Assessment recorded. The member of staff has been told to read the advice"
                f"{' and conditions' if assessment.conditions else ''}. The next review is due "
                f"by {assessment.next_review_on:%-d %B %Y}.",
            )
            return redirect("associations:detail", pk=association.pk)
    return render(
        request,
        "registers/associations/assess.html",
        {"association": association, "form": form, "latest": latest},
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.association_get_for_user)
def end(request: HttpRequest, association) -> HttpResponse:
    """The CCU records that an association has ended: the answers, then a confirmation (the
    ending is final and the member is told), then the service."""
    if association.is_ended:
        messages.info(request, "This association has already been recorded as ended.")
        return redirect("associations:detail", pk=association.pk)
    form = CcuEndForm(request.POST or None)
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        try:
            if "confirmed" not in request.POST:
                # Checked before asking to confirm, so a refusal never follows the confirmation.
                services.clean_ending(association, **form.cleaned_data, who="the member")
                return render(
                    request,
                    "registers/associations/end_confirm.html",
                    {"association": association, "answers": form.cleaned_data},
                )
            services.association_end_by_ccu(
                association=association, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                "The association is recorded as ended. The member of staff has been told, and "
                "it will not be reviewed again.",
            )
            return redirect("associations:detail", pk=association.pk)
    return render(
        request, "registers/associations/end.html", {"association": association, "form": form}
    )
