"""Reviewers' pages for gifts and hospitality (/registers/gifts/): PSD's register and export, a
line manager's team page, a declaration's page, the recommendation and the decision.

Each view does three things in order: access (a selector that returns what the user may see, or
404), the service, the response.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from registers.gifts import selectors, services
from registers.gifts.export import register_dataset
from registers.gifts.forms import DecisionForm, ExportForm, GiftFilter, GiftRecordForm
from registers.gifts.models import GiftStatus, Requirement
from standards.access.audit import record_access
from standards.access.models import AccessAction, Area
from standards.access.pages import record_page
from standards.core.forms import apply_errors

PAGE_SIZE = 50


def _filters(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
def register(request: HttpRequest) -> HttpResponse:
    if not selectors.may_browse_register(request.user):
        raise Http404
    gifts = selectors.gift_list_for_user(user=request.user)
    gift_filter = GiftFilter(request.GET or None, queryset=gifts)
    page = Paginator(gift_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    record_access(
        request=request,
        action=AccessAction.SEARCH,
        area=Area.REGISTERS,
        search_terms=_filters(request),
        result_count=page.paginator.count,
    )
    return render(
        request,
        "registers/gifts/register.html",
        {
            "filter": gift_filter,
            "page": page,
            "query": _filters(request),
            "may_export": selectors.may_export_register(request.user),
            "may_record": selectors.may_record_for_others(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    if not selectors.may_export_register(request.user):
        raise Http404
    gifts = selectors.gift_list_for_user(user=request.user)
    gift_filter = GiftFilter(request.GET or None, queryset=gifts)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rows = list(selectors.gift_export_rows(gifts=gift_filter.qs))
        # The disclosure is logged before the file leaves: if the log cannot be written, the
        # export does not happen.
        record_access(
            request=request,
            action=AccessAction.DISCLOSURE,
            area=Area.REGISTERS,
            search_terms=_filters(request),
            result_count=len(rows),
            recipient=form.cleaned_data["recipient"],
        )
        file_format = form.cleaned_data["file_format"]
        dataset = register_dataset(rows)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        if file_format == "xlsx":
            response = HttpResponse(
                dataset.export("xlsx"),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            response = HttpResponse(dataset.export("csv"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="gifts-and-hospitality-{stamp}.{file_format}"'
        )
        return response
    return render(
        request,
        "registers/gifts/export.html",
        {"form": form, "filter": gift_filter, "count": gift_filter.qs.count()},
    )


@require_GET
def team(request: HttpRequest) -> HttpResponse:
    gifts = selectors.gift_team_list_for_user(user=request.user)
    page = Paginator(gifts, PAGE_SIZE).get_page(request.GET.get("page"))
    record_access(
        request=request,
        action=AccessAction.SEARCH,
        area=Area.REGISTERS,
        search_terms="team",
        result_count=page.paginator.count,
    )
    return render(request, "registers/gifts/team.html", {"page": page})


@require_GET
@record_page(selectors.gift_get_for_user)
def detail(request: HttpRequest, gift) -> HttpResponse:
    return render(
        request,
        "registers/gifts/detail.html",
        {
            "gift": gift,
            "timeline": selectors.gift_timeline(gift=gift),
            "actions": selectors.gift_actions_for_user(user=request.user, gift=gift),
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.gift_get_for_recommendation)
def recommend(request: HttpRequest, gift) -> HttpResponse:
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
            verb = "decision" if gift.requirement == Requirement.LINE_MANAGER else "recommendation"
            messages.success(
                request,
                f"Your {verb} on {gift.reference} is recorded: "
                f"{decision.get_outcome_display().lower()}.",
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
def decide(request: HttpRequest, gift) -> HttpResponse:
    if gift.status == GiftStatus.WITHDRAWN:
        messages.info(request, f"{gift.reference} was withdrawn: there is nothing to decide.")
        return redirect("gifts:detail", pk=gift.pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.gift_decide(
                gift=gift,
                outcome=form.cleaned_data["outcome"],
                rationale=form.cleaned_data["rationale"],
                conditions=form.cleaned_data["conditions"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"The decision on {gift.reference} is recorded: "
                f"{decision.get_outcome_display().lower()}.",
            )
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
    """PSD records a declaration that reached it on paper or by e-mail."""
    if not selectors.may_record_for_others(request.user):
        raise Http404
    form = GiftRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = selectors.person_by_staff_number(
            user=request.user, staff_number=form.cleaned_data["staff_number"]
        )
        if person is None:
            form.add_error(
                "staff_number",
                f"No member of the workforce has staff number {form.cleaned_data['staff_number']}",
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
                messages.success(
                    request, f"{gift.reference} is recorded for {person.display_name}."
                )
                if person.pk == request.user.person_id:
                    return redirect("my_gifts:detail", pk=gift.pk)
                return redirect("gifts:detail", pk=gift.pk)
    return render(
        request,
        "registers/gifts/record.html",
        {"form": form, "thresholds": selectors.active_thresholds()},
    )
