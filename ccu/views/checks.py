"""The CCU's intelligence-check pages (/ccu/checks/). Invisible (404) outside the CCU, and to the
person a check is about: the exchange's selectors (standards/exchange) see to it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ccu.forms.checks import CheckAnswerForm
from ccu.selectors import checks
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.core.forms import apply_errors
from standards.exchange import selectors, services


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    state = (
        selectors.CheckState.ANSWERED
        if request.GET.get("state") == selectors.CheckState.ANSWERED
        else selectors.CheckState.AWAITING
    )
    listed = checks.check_queue_for_user(user=request.user, state=state)
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    record_search(request, area=Area.CCU, result_count=page)
    context = {"page": page, "state": state, "answer_within_days": checks.ANSWER_WITHIN_DAYS}
    return render(request, "ccu/checks/queue.html", context)


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


@login_required
def list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Stub: the owner of bulk checks replaces it."""
    from django.http import Http404

    raise Http404
