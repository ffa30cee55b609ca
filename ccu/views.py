"""CCU pages. Every one of them is invisible (404) outside the CCU: the selectors see to it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ccu import selectors, services
from ccu.forms import CloseForm, GrantForm, OperationOpenForm
from standards.access import policy
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.access.roles import Role
from standards.core.forms import apply_errors


def _require_ccu(request: HttpRequest) -> None:
    if not policy.in_ccu(request.user):
        raise Http404


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    _require_ccu(request)
    operations = selectors.operation_list_for_user(user=request.user)
    page = Paginator(operations, 50).get_page(request.GET.get("page"))
    record_search(request, area=Area.CCU, result_count=page)
    return render(
        request,
        "ccu/home.html",
        {"page": page, "is_head": policy.holds(request.user, Role.CCU_HEAD)},
    )


@require_http_methods(["GET", "POST"])
def operation_open(request: HttpRequest) -> HttpResponse:
    if not policy.holds(request.user, Role.CCU_HEAD):
        raise Http404
    form = OperationOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            operation = services.operation_open(
                code_name=form.cleaned_data["code_name"],
                purpose=form.cleaned_data["purpose"],
                opened_on=form.cleaned_data["opened_on"],
                subject_staff_numbers=form.cleaned_data["subject_staff_numbers"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{operation.code_name} is open.")
            return redirect("ccu:operation_detail", pk=operation.pk)
    return render(request, "ccu/operation_open.html", {"form": form})


@require_http_methods(["GET", "POST"])
@record_page(selectors.operation_get_for_user)
def operation_detail(request: HttpRequest, operation) -> HttpResponse:
    if request.method == "POST":  # the justification was just given: open the record
        return redirect(request.path)
    users, teams = selectors.operation_members(operation=operation)
    return render(
        request,
        "ccu/operation_detail.html",
        {
            "operation": operation,
            "subjects": operation.subjects.select_related("org_unit"),
            "members": users,
            "teams": teams,
            "timeline": selectors.operation_timeline(operation=operation),
            "is_head": policy.holds(request.user, Role.CCU_HEAD),
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.operation_get_for_head)
def operation_access(request: HttpRequest, operation) -> HttpResponse:
    candidates, teams = selectors.grant_candidates()
    form = GrantForm(request.POST or None, candidates=candidates, teams=teams)
    if request.method == "POST" and form.is_valid():
        change = (
            services.operation_grant_access
            if form.cleaned_data["action"] == "grant"
            else services.operation_revoke_access
        )
        try:
            change(
                operation=operation,
                grantee=form.cleaned_data["grantee"],
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Access updated.")
            return redirect("ccu:operation_detail", pk=operation.pk)
    users, team_members = selectors.operation_members(operation=operation)
    return render(
        request,
        "ccu/operation_access.html",
        {"operation": operation, "form": form, "members": users, "teams": team_members},
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.operation_get_for_head)
def operation_close(request: HttpRequest, operation) -> HttpResponse:
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.operation_close(
                operation=operation,
                closed_on=form.cleaned_data["closed_on"],
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{operation.code_name} is closed.")
            return redirect("ccu:operation_detail", pk=operation.pk)
    return render(request, "ccu/operation_close.html", {"operation": operation, "form": form})
