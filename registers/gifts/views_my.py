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
from standards.access.audit import record_access
from standards.access.models import AccessAction, Area
from standards.access.pages import record_page
from standards.core.extensions import require_person
from standards.core.forms import apply_errors


def _declared_message(gift: Gift) -> str:
    """What happens next, in the words the member reads after declaring or changing."""
    ref = gift.reference
    if gift.requirement == Requirement.NO_RECORD:
        return (
            f"{ref} is on your record. You did not have to declare this, because of its value, "
            "but it does no harm to have it recorded."
        )
    if gift.status == GiftStatus.RECORDED:
        return f"{ref} is on your record. You do not need to do anything else."
    if gift.status == GiftStatus.AWAITING_LINE_MANAGER:
        return f"{ref} has gone to your line manager. We will let you know their decision."
    return (
        f"{ref} has gone to the Professional Standards Department for a decision. "
        "We will let you know."
    )


@require_GET
def my_list(request: HttpRequest) -> HttpResponse:
    require_person(request)
    gifts = selectors.gift_list_for_declarant(user=request.user)
    page = Paginator(gifts, PAGE_SIZE).get_page(request.GET.get("page"))
    record_access(
        request=request,
        action=AccessAction.SEARCH,
        area=Area.REGISTERS,
        search_terms="own declarations",
        result_count=page.paginator.count,
    )
    return render(request, "my/gifts/list.html", {"page": page})


@require_http_methods(["GET", "POST"])
def my_new(request: HttpRequest) -> HttpResponse:
    require_person(request)
    form = GiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            gift = services.gift_declare(details=form.details(), acting_user=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _declared_message(gift))
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
def my_detail(request: HttpRequest, gift) -> HttpResponse:
    require_person(request)
    return render(
        request,
        "my/gifts/detail.html",
        {"gift": gift, "timeline": selectors.gift_timeline(gift=gift)},
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.gift_get_for_declarant)
def my_update(request: HttpRequest, gift) -> HttpResponse:
    require_person(request)
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
            messages.success(request, _declared_message(gift))
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
def my_withdraw(request: HttpRequest, gift) -> HttpResponse:
    require_person(request)
    if not gift.is_open:
        messages.info(request, f"{gift.reference} has been decided or withdrawn already.")
        return redirect("my_gifts:detail", pk=gift.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.gift_withdraw(
                gift=gift, reason=form.cleaned_data["reason"], acting_user=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{gift.reference} is withdrawn. It stays on your record.")
            return redirect("my_gifts:detail", pk=gift.pk)
    return render(request, "my/gifts/withdraw.html", {"form": form, "gift": gift})
