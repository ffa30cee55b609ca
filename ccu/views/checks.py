"""The CCU's intelligence-check pages (/ccu/checks/). Invisible (404) outside the CCU, and to the
person a check is about: the exchange's selectors (standards/exchange) see to it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ccu.forms.checks import CheckAnswerForm
from ccu.selectors import checks
from ccu.selectors.people import person_holdings
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
    lists = checks.list_queue_for_user(user=request.user, state=state)
    record_search(
        request,
        area=Area.CCU,
        result_count=page.paginator.count
        + sum(queued.awaiting + queued.answered for queued in lists),
    )
    context = {
        "page": page,
        "lists": lists,
        "state": state,
        "answer_within_days": checks.ANSWER_WITHIN_DAYS,
    }
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
        {
            "check": check,
            "form": form,
            "history": selectors.check_history(check=check),
            "holdings": person_holdings(user=request.user, person=check.subject),
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(checks.check_list_get_for_ccu)
def list_detail(request: HttpRequest, check_list) -> HttpResponse:
    """Everyone on the list beside what the CCU holds on them, each answered on its own: the
    POST names the check it answers, and one answer is recorded a time."""
    rows = checks.check_list_rows(user=request.user, check_list=check_list)
    forms = {
        row.check.pk: CheckAnswerForm(prefix=f"check-{row.check.pk}")
        for row in rows
        if row.check is not None and not row.check.is_answered
    }
    answering = None
    if request.method == "POST":
        answering = _answering(request, rows)
        if answering is None:
            messages.error(request, "That check has already been answered, or is not on this list.")
            return redirect("ccu_checks:list_detail", pk=check_list.pk)
        form = CheckAnswerForm(request.POST, prefix=f"check-{answering.pk}")
        forms[answering.pk] = form
        if form.is_valid():
            try:
                services.intelligence_check_answer(
                    check=answering,
                    answer=form.cleaned_data["answer"],
                    ccu_note=form.cleaned_data["ccu_note"],
                    acting_user=request.user,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    f"The answer on {answering.subject.display_name} has gone to PSD. "
                    "PSD sees only the answer and its date.",
                )
                return redirect("ccu_checks:list_detail", pk=check_list.pk)
    for row in rows:
        row.form = forms.get(row.check.pk) if row.check else None
    invalid = forms[answering.pk] if answering is not None else None
    return render(
        request,
        "ccu/checks/list_detail.html",
        {
            "check_list": check_list,
            "rows": rows,
            "awaiting": sum(1 for row in rows if row.check and not row.check.is_answered),
            "form": invalid,
        },
    )


def _answering(request: HttpRequest, rows) -> object | None:
    """The unanswered check on this list that the POST answers, or None."""
    wanted = request.POST.get("check", "")
    for row in rows:
        if row.check is not None and str(row.check.pk) == wanted and not row.check.is_answered:
            return row.check
    return None
