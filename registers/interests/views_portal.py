"""The member's own pages (/my/interests/): apply, follow an application, withdraw it, end an
interest, appeal a decision. Only ever the member's own: someone else's is a 404.

What the member sees is the status, the decisions and their reasons. It never shows that an
intelligence check was asked (DESIGN.md, corridor rule 5): while PSD has it, it is "with PSD for
decision"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from registers.interests import selectors, services
from registers.interests.forms import AppealForm, ApplicationForm, EndForm, WithdrawForm
from registers.interests.models import APPEAL_TIME_LIMIT_DAYS
from standards.access.pages import record_page
from standards.core.extensions import require_person
from standards.core.forms import apply_errors


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    require_person(request)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            interest = services.interest_apply(acting_user=request.user, **form.service_kwargs())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"Your application is sent. Your reference is {interest.reference}. "
                + selectors.member_next_step(interest=interest),
            )
            return redirect("my_interests:detail", pk=interest.pk)
    return render(
        request,
        "my/interests/apply.html",
        {"form": form, "appeal_days": APPEAL_TIME_LIMIT_DAYS},
    )


def _own_page(request: HttpRequest, interest, template: str, **context) -> HttpResponse:
    decisions = selectors.interest_decisions(interest=interest)
    return render(
        request,
        template,
        {
            "interest": interest,
            "decisions": decisions,
            "current": selectors.current_decision(decisions),
            "actions": selectors.member_actions(interest=interest, decisions=decisions),
            "next_step": selectors.member_next_step(interest=interest, decisions=decisions),
            "appeal": selectors.appeal_window(interest, decisions),
            # No checks: the member must never learn one was asked.
            "timeline": selectors.interest_timeline(interest=interest, decisions=decisions),
            **context,
        },
    )


@require_http_methods(["GET"])
@record_page(selectors.interest_get_for_declarant)
def detail(request: HttpRequest, interest) -> HttpResponse:
    return _own_page(request, interest, "my/interests/detail.html")


def _own_step(request: HttpRequest, interest, *, form_class, allowed, step, template, done):
    """The shared shape of withdraw, end and appeal: the member's own record, a form, a service."""
    if not getattr(selectors.member_actions(interest=interest), allowed):
        messages.info(request, "That can no longer be done on this application.")
        return redirect("my_interests:detail", pk=interest.pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            step(interest=interest, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("my_interests:detail", pk=interest.pk)
    return _own_page(request, interest, template, form=form)


@require_http_methods(["GET", "POST"])
@record_page(selectors.interest_get_for_declarant)
def withdraw(request: HttpRequest, interest) -> HttpResponse:
    return _own_step(
        request,
        interest,
        form_class=WithdrawForm,
        allowed="withdraw",
        step=services.interest_withdraw,
        template="my/interests/withdraw.html",
        done="Your application is withdrawn. It stays on the register as withdrawn: do not take "
        "on this interest unless you apply again and are given permission.",
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.interest_get_for_declarant)
def end(request: HttpRequest, interest) -> HttpResponse:
    return _own_step(
        request,
        interest,
        form_class=EndForm,
        allowed="end",
        step=services.interest_end,
        template="my/interests/end.html",
        done="Thank you. The interest is recorded as ended, and will not be reviewed again.",
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.interest_get_for_declarant)
def appeal(request: HttpRequest, interest) -> HttpResponse:
    return _own_step(
        request,
        interest,
        form_class=AppealForm,
        allowed="appeal",
        step=services.interest_appeal,
        template="my/interests/appeal.html",
        done="Your appeal is sent to a chief officer, who will decide it personally. You will "
        "get a notice when it is decided.",
    )
