"""The member's own gifts and hospitality pages (/my/gifts/): declare, read, change, withdraw.

A member reaches only their own declarations here (``..._for_declarant`` selectors); anyone
else's gives the same 404 as a missing one.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from registers.gifts import selectors, services
from registers.gifts.forms import GiftForm, GiftUpdateForm, WithdrawForm
from registers.gifts.models import Gift, GiftStatus, Requirement
from registers.gifts.views import PAGE_SIZE
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.core.extensions import require_person
from standards.core.forms import apply_errors


def next_step(gift: Gift) -> str:
    """Where the member's declaration stands and who acts next, in the words they read on its
    page and after each change."""
    if gift.status == GiftStatus.RECORDED and gift.requirement == Requirement.NO_RECORD:
        return (
            "You did not have to declare this, because of its value, but it is on your record "
            "now. You do not need to do anything else."
        )
    if gift.status == GiftStatus.RECORDED:
        return "It is on your record. You do not need to do anything else."
    if gift.status == GiftStatus.AWAITING_LINE_MANAGER:
        if gift.requirement == Requirement.LINE_MANAGER:
            return "It is with your line manager to agree. We will let you know their decision."
        return (
            "It is with your line manager, who gives their view, and then with the Professional "
            "Standards Department, who decide. We will let you know the decision."
        )
    if gift.status == GiftStatus.AWAITING_PSD:
        return (
            "It is with the Professional Standards Department for a decision. We will let you "
            "know the decision."
        )
    if gift.status == GiftStatus.DECIDED:
        return (
            f"Decision: {gift.outcome_label.lower()}. The reasons are in its history. You do "
            "not need to do anything else unless the decision sets conditions."
        )
    return "It stays on your record, marked withdrawn. Nobody will act on it."


@require_GET
def declarations(request: HttpRequest) -> HttpResponse:
    require_person(request)
    gifts = selectors.gift_list_for_declarant(user=request.user)
    page = Paginator(gifts, PAGE_SIZE).get_page(request.GET.get("page"))
    record_search(request, area=Area.REGISTERS, result_count=page, terms="own declarations")
    return render(request, "my/gifts/list.html", {"page": page})


@require_http_methods(["GET", "POST"])
def declare(request: HttpRequest) -> HttpResponse:
    require_person(request)
    form = GiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            gift = services.gift_declare(details=form.details(), acting_user=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{gift.reference} is declared. {next_step(gift)}")
            return redirect("my_gifts:detail", pk=gift.pk)
    return render(
        request,
        "my/gifts/form.html",
        {
            "form": form,
            "thresholds": selectors.active_thresholds(),
            "chief_officer": selectors.is_chief_officer(user=request.user),
        },
    )


@require_GET
@record_page(selectors.gift_get_for_declarant)
def detail(request: HttpRequest, gift: Gift) -> HttpResponse:
    return render(
        request,
        "my/gifts/detail.html",
        {
            "gift": gift,
            "next_step": next_step(gift),
            "timeline": selectors.gift_timeline(gift=gift),
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.gift_get_for_declarant)
def update(request: HttpRequest, gift: Gift) -> HttpResponse:
    if not gift.is_open:
        messages.info(request, f"{gift.reference} has been decided or withdrawn: it cannot change.")
        return redirect("my_gifts:detail", pk=gift.pk)
    form = GiftUpdateForm(request.POST or None, initial=GiftForm.initial_from(gift))
    if request.method == "POST" and form.is_valid():
        try:
            gift = services.gift_update(
                gift=gift,
                details=form.details(),
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{gift.reference} is changed. {next_step(gift)}")
            return redirect("my_gifts:detail", pk=gift.pk)
    return render(
        request,
        "my/gifts/form.html",
        {
            "form": form,
            "gift": gift,
            "thresholds": selectors.active_thresholds(),
            "chief_officer": selectors.is_chief_officer(user=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.gift_get_for_declarant)
def withdraw(request: HttpRequest, gift: Gift) -> HttpResponse:
    if not gift.is_open:
        messages.info(request, f"{gift.reference} has been decided or withdrawn already.")
        return redirect("my_gifts:detail", pk=gift.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            gift = services.gift_withdraw(
                gift=gift, reason=form.cleaned_data["reason"], acting_user=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{gift.reference} is withdrawn. {next_step(gift)}")
            return redirect("my_gifts:detail", pk=gift.pk)
    return render(request, "my/gifts/withdraw.html", {"form": form, "gift": gift})
