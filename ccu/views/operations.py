"""CCU pages. Every one of them is invisible (404) outside the CCU: the selectors see to it, and
decide what each page offers (a closed operation is read-only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ccu.forms.operations import CloseForm, GrantForm, OperationOpenForm
from ccu.selectors import operations as selectors
from ccu.selectors.queues import ccu_queues
from ccu.services import operations as services
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.core.forms import apply_errors


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    operations = selectors.operation_list_for_user(user=request.user)
    page = Paginator(operations, 50).get_page(request.GET.get("page"))
    record_search(request, area=Area.CCU, result_count=page)
    return render(
        request,
        "ccu/home.html",
        {
            "page": page,
            "may_open": selectors.may_open_operation(request.user),
            "is_head": selectors.may_open_operation(request.user),
            "queues": ccu_queues(user=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def operation_open(request: HttpRequest) -> HttpResponse:
    selectors.require_may_open_operation(user=request.user)
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
            messages.success(
                request,
                f"{operation.code_name} is open. Give access to the analysts who will work on "
                "it: until you do, no analyst can see it.",
            )
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
            "subjects": selectors.operation_subjects(operation=operation),
            "members": users,
            "teams": teams,
            "timeline": selectors.operation_timeline(operation=operation),
            "actions": selectors.operation_actions_for_user(
                user=request.user, operation=operation, members=users, teams=teams
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.operation_get_for_head)
def operation_access(request: HttpRequest, operation) -> HttpResponse:
    candidates, teams = selectors.grant_candidates()
    form = GrantForm(request.POST or None, candidates=candidates, teams=teams)
    if request.method == "POST" and form.is_valid():
        granting = form.cleaned_data["action"] == "grant"
        change = services.operation_grant_access if granting else services.operation_revoke_access
        grantee = form.cleaned_data["grantee"]
        try:
            change(
                operation=operation,
                grantee=grantee,
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            who = f"Team {grantee.name}" if isinstance(grantee, Group) else grantee.display_name
            if granting:
                done = f"{who} can now see {operation.code_name} and work on its material."
            else:
                done = f"{who} can no longer see {operation.code_name}."
            messages.success(request, done)
            return redirect("ccu:operation_detail", pk=operation.pk)
    users, team_members = selectors.operation_members(operation=operation)
    return render(
        request,
        "ccu/operation_access.html",
        {
            "operation": operation,
            "form": form,
            "members": users,
            "teams": team_members,
            "actions": selectors.operation_actions_for_user(
                user=request.user, operation=operation, members=users, teams=team_members
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.operation_get_for_head)
def operation_close(request: HttpRequest, operation) -> HttpResponse:
    """Closing is final: the answers, then a confirmation, then the service."""
    if operation.is_closed:
        messages.info(request, f"{operation.code_name} is already closed.")
        return redirect("ccu:operation_detail", pk=operation.pk)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        try:
            if "confirmed" not in request.POST:
                services.clean_closing(operation=operation, **form.cleaned_data)
                return render(
                    request,
                    "ccu/operation_close_confirm.html",
                    {"operation": operation, "answers": form.cleaned_data},
                )
            services.operation_close(
                operation=operation,
                closed_on=form.cleaned_data["closed_on"],
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{operation.code_name} is closed. Its record is now read-only: nobody new can "
                "be given access to it.",
            )
            return redirect("ccu:operation_detail", pk=operation.pk)
    return render(request, "ccu/operation_close.html", {"operation": operation, "form": form})
