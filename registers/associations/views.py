"""The Counter Corruption Unit's pages for notifiable associations (/registers/associations/).

Every page is invisible outside the CCU: the selectors give everyone else, and a CCU member
looking at their own declaration, the same 404 as for a page that does not exist. Each view does
three things: access (a selector), the service, the response.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from registers.associations import selectors, services
from registers.associations.forms import AssessmentForm
from standards.access.audit import record_access
from standards.access.models import AccessAction, Area
from standards.access.pages import record_page
from standards.core.forms import apply_errors


def _require_ccu(request: HttpRequest) -> None:
    if not selectors.may_assess(request.user):
        raise Http404


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    _require_ccu(request)
    work = selectors.association_work_queue_for_user(user=request.user)
    record_access(
        request=request, action=AccessAction.SEARCH, area=Area.CCU, result_count=work.total
    )
    return render(
        request,
        "registers/associations/queue.html",
        {"work": work, "overdue_after": services.ASSESSMENT_DUE_DAYS},
    )


@require_GET
def register(request: HttpRequest) -> HttpResponse:
    _require_ccu(request)
    register_filter = selectors.association_register_for_user(user=request.user, params=request.GET)
    page = Paginator(register_filter.qs, 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    # Inside the corridor the log keeps no search terms (record_access drops them for Area.CCU):
    # the names searched for are themselves CCU material.
    record_access(
        request=request,
        action=AccessAction.SEARCH,
        area=Area.CCU,
        search_terms=request.GET.urlencode(),
        result_count=page.paginator.count,
    )
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
            services.association_assess(
                association=association, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                "Assessment recorded. The member of staff has been told to read the advice.",
            )
            return redirect("associations:detail", pk=association.pk)
    return render(
        request,
        "registers/associations/assess.html",
        {"association": association, "form": form, "latest": latest},
    )
