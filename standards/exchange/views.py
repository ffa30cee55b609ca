"""PSD's pages for lists of people put up for intelligence checks (/checks/). PSD only: anyone
else gets 404, and a member of PSD on a list never sees it. PSD sees each person's answer and
its date, nothing more: the CCU works the list from its own pages (/ccu/checks/)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from standards.access import policy
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.core.forms import apply_errors
from standards.exchange import selectors, services
from standards.exchange.forms import CheckListForm


@require_GET
def list_index(request: HttpRequest) -> HttpResponse:
    lists = selectors.check_list_list_for_psd(user=request.user)
    page = Paginator(lists, 50).get_page(request.GET.get("page"))
    record_search(request, area=Area.PSD, result_count=page)
    return render(
        request,
        "checks/index.html",
        {"page": page, "answer_within_days": selectors.ANSWER_WITHIN_DAYS},
    )


@require_http_methods(["GET", "POST"])
def list_new(request: HttpRequest) -> HttpResponse:
    """The answers, then "check your answers", then the list and its checks."""
    if not policy.in_psd(request.user):
        raise Http404
    form = CheckListForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        answers = {
            "title": form.cleaned_data["title"],
            "purpose": form.cleaned_data["purpose"],
            "staff_numbers": form.cleaned_data["staff_numbers"],
            "acting_user": request.user,
        }
        try:
            if "confirmed" not in request.POST:
                checked = services.check_list_clean(**answers)
                return render(request, "checks/confirm.html", {"answers": checked})
            check_list = services.check_list_create(**answers)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"The CCU has been asked for an intelligence check on each of the "
                f"{check_list.people.count()} people on {check_list.reference}. Each answer "
                f"appears here as it is given: the CCU aims to answer within "
                f"{selectors.ANSWER_WITHIN_DAYS} days.",
            )
            return redirect("checks:list_detail", pk=check_list.pk)
    return render(request, "checks/new.html", {"form": form})


@require_GET
@record_page(selectors.check_list_get_for_psd)
def list_detail(request: HttpRequest, check_list) -> HttpResponse:
    rows = selectors.check_list_outcomes(check_list)
    return render(
        request,
        "checks/detail.html",
        {
            "check_list": check_list,
            "rows": rows,
            "traces": sum(1 for row in rows if row.outcome and row.outcome.is_trace),
            "answer_within_days": selectors.ANSWER_WITHIN_DAYS,
        },
    )
