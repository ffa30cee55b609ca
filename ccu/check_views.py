"""The CCU's intelligence-check pages (/ccu/checks/). Invisible (404) outside the CCU, and to the
person a check is about: the exchange's selectors (standards/exchange) see to it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ccu.check_forms import CheckAnswerForm
from standards.access import policy
from standards.access.audit import record_access
from standards.access.models import AccessAction, Area
from standards.access.pages import record_page
from standards.core.forms import apply_errors
from standards.exchange import selectors, services


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    if not policy.in_ccu(request.user):
        raise Http404
    state = (
        selectors.CheckState.ANSWERED
        if request.GET.get("state") == selectors.CheckState.ANSWERED
        else selectors.CheckState.AWAITING
    )
    listed = selectors.check_list_for_user(user=request.user, state=state)
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    record_access(
        request=request,
        action=AccessAction.SEARCH,
        area=Area.CCU,
        result_count=page.paginator.count,
    )
    return render(request, "ccu/checks/queue.html", {"page": page, "state": state})


@require_http_methods(["GET", "POST"])
@record_page(selectors.check_get_for_user)
def detail(request: HttpRequest, check) -> HttpResponse:
    form = CheckAnswerForm(request.POST or None)
    if request.method == "POST" and not check.is_answered and form.is_valid():
        try:
            services.intelligence_check_answer(
                check=check,
                answer=form.cleaned_data["answer"],
                ccu_note=form.cleaned_data["ccu_note"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The answer has gone to PSD.")
            return redirect("ccu_checks:detail", pk=check.pk)
    return render(
        request,
        "ccu/checks/detail.html",
        {"check": check, "form": form, "history": selectors.check_history(check=check)},
    )
