"""Reviewers' pages for gifts and hospitality (/registers/gifts/): PSD's register and export, a
line manager's team page, a declaration's page, the recommendation and the decision.

Each view does three things in order: access (a selector that returns what the user may see, or
404), the service, the response.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from registers.gifts import selectors, services
from registers.gifts.exports import register_dataset
from registers.gifts.forms import DecisionForm, ExportForm, GiftRecordForm
from registers.gifts.models import LINE_MANAGER_OVERDUE_DAYS, Gift, GiftStatus, Requirement, Stage
from standards.access.models import AccessAction, Area
from standards.access.pages import record_page, record_search
from standards.core.export import dataset_response
from standards.core.forms import apply_errors

PAGE_SIZE = 50


def next_step(gift: Gift) -> str:
    """Where a declaration stands and who acts next, as a reviewer reads it on its page and
    after each action. ``gift`` comes with its declarant (and their line manager)."""
    member = gift.declarant.display_name
    if gift.status == GiftStatus.RECORDED:
        return "Recorded. The force policy asks for nothing more: nobody needs to act on it."
    if gift.status == GiftStatus.AWAITING_LINE_MANAGER:
        manager = gift.declarant.line_manager
        who = f"{manager.display_name}, {member}'s line manager" if manager else "the line manager"
        if gift.requirement == Requirement.LINE_MANAGER:
            return f"With {who}, to agree or not. {member} is told their decision."
        return f"With {who}, for a recommendation. It then goes to a PSD decision maker to decide."
    if gift.status == GiftStatus.AWAITING_PSD:
        return f"With a PSD decision maker for a decision. {member} is told the decision."
    if gift.status == GiftStatus.DECIDED:
        return (
            f"Decided: {gift.outcome_label.lower()}. {member} has been told. Nobody needs to act "
            "on it unless PSD changes the decision."
        )
    return f"Withdrawn by {member}. Nobody needs to act on it."


@require_GET
def register(request: HttpRequest) -> HttpResponse:
    gift_filter = selectors.gift_register_for_user(user=request.user, params=request.GET)
    page = Paginator(gift_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    record_search(request, area=Area.REGISTERS, result_count=page)
    overdue = selectors.gift_overdue_count(gifts=gift_filter.qs)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "registers/gifts/register.html",
        {
            "filter": gift_filter,
            "page": page,
            "overdue": overdue,
            "query": query.urlencode(),
            "actions": selectors.gift_register_actions_for_user(user=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    gift_filter = selectors.gift_export_for_user(user=request.user, params=request.GET)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rows = list(selectors.gift_export_rows(gifts=gift_filter.qs))
        # The disclosure is logged before the file leaves: if the log cannot be written, the
        # export does not happen.
        record_search(
            request,
            area=Area.REGISTERS,
            result_count=len(rows),
            action=AccessAction.DISCLOSURE,
            recipient=form.cleaned_data["recipient"],
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        return dataset_response(
            register_dataset(rows),
            filename=f"gifts-and-hospitality-{stamp}",
            file_format=form.cleaned_data["file_format"],
        )
    return render(
        request,
        "registers/gifts/export.html",
        {"form": form, "filter": gift_filter, "count": gift_filter.qs.count()},
    )


@require_GET
def team(request: HttpRequest) -> HttpResponse:
    gifts = selectors.gift_team_list_for_user(user=request.user)
    page = Paginator(gifts, PAGE_SIZE).get_page(request.GET.get("page"))
    record_search(request, area=Area.REGISTERS, result_count=page, terms="team")
    return render(
        request,
        "registers/gifts/team.html",
        {
            "page": page,
            "overdue": selectors.gift_overdue_count(gifts=gifts),
            "overdue_after": LINE_MANAGER_OVERDUE_DAYS,
        },
    )


@require_GET
@record_page(selectors.gift_get_for_user)
def detail(request: HttpRequest, gift: Gift) -> HttpResponse:
    return render(
        request,
        "registers/gifts/detail.html",
        {
            "gift": gift,
            "next_step": next_step(gift),
            "timeline": selectors.gift_timeline(gift=gift),
            "actions": selectors.gift_actions_for_user(user=request.user, gift=gift),
        },
    )


def _done(request: HttpRequest, gift: Gift, recorded: str) -> None:
    """Say what was recorded and, from the declaration as it now stands, who acts next."""
    gift = selectors.gift_get_for_user(user=request.user, pk=gift.pk)
    messages.success(request, f"{recorded} {next_step(gift)}")


@require_http_methods(["GET", "POST"])
@record_page(selectors.gift_get_for_recommendation)
def recommend(request: HttpRequest, gift: Gift) -> HttpResponse:
    if gift.status != GiftStatus.AWAITING_LINE_MANAGER:
        messages.info(request, f"{gift.reference} is no longer waiting for a line manager.")
        return redirect("gifts:detail", pk=gift.pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.gift_recommend(
                gift=gift,
                outcome=form.cleaned_data["outcome"],
                rationale=form.cleaned_data["rationale"],
                conditions=form.cleaned_data["conditions"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if decision.stage == Stage.LINE_MANAGER_DECISION:
                # The next step names the decision: it is not said twice.
                _done(request, gift, f"Your decision on {gift.reference} is recorded.")
            else:
                outcome = decision.get_outcome_display().lower()
                _done(
                    request,
                    gift,
                    f"Your recommendation on {gift.reference} is recorded: {outcome}.",
                )
            return redirect("gifts:team")
    return render(
        request,
        "registers/gifts/decide.html",
        {
            "gift": gift,
            "form": form,
            "stage": "line_manager",
            "final": gift.requirement == Requirement.LINE_MANAGER,
            "timeline": selectors.gift_timeline(gift=gift),
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.gift_get_for_decision)
def decide(request: HttpRequest, gift: Gift) -> HttpResponse:
    if gift.status == GiftStatus.WITHDRAWN:
        messages.info(request, f"{gift.reference} was withdrawn: there is nothing to decide.")
        return redirect("gifts:detail", pk=gift.pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.gift_decide(
                gift=gift,
                outcome=form.cleaned_data["outcome"],
                rationale=form.cleaned_data["rationale"],
                conditions=form.cleaned_data["conditions"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            _done(request, gift, f"The decision on {gift.reference} is recorded.")
            return redirect("gifts:detail", pk=gift.pk)
    return render(
        request,
        "registers/gifts/decide.html",
        {
            "gift": gift,
            "form": form,
            "stage": "psd",
            "final": True,
            "redeciding": gift.status == GiftStatus.DECIDED,
            "timeline": selectors.gift_timeline(gift=gift),
        },
    )


@require_http_methods(["GET", "POST"])
def record(request: HttpRequest) -> HttpResponse:
    """PSD records a declaration that reached it on paper or by e-mail, for the member."""
    selectors.person_list_for_recording(user=request.user)  # 404 for anyone but PSD
    form = GiftRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        staff_number = form.cleaned_data["staff_number"]
        person = selectors.person_get_for_recording(user=request.user, staff_number=staff_number)
        if person is None:
            form.add_error(
                "staff_number", f"No member of the workforce has staff number {staff_number}"
            )
        else:
            try:
                gift = services.gift_declare(
                    details=form.details(),
                    declarant=person,
                    note=form.cleaned_data["note"],
                    acting_user=request.user,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                if person.pk == request.user.person_id:
                    messages.success(request, f"{gift.reference} is recorded for you.")
                    return redirect("my_gifts:detail", pk=gift.pk)
                gift = selectors.gift_get_for_user(user=request.user, pk=gift.pk)
                messages.success(
                    request,
                    f"{gift.reference} is recorded for {person.display_name}. {next_step(gift)}",
                )
                return redirect("gifts:detail", pk=gift.pk)
    return render(
        request,
        "registers/gifts/record.html",
        {"form": form, "thresholds": selectors.active_thresholds()},
    )
