"""Role administration pages (/accounts/roles/): the approvers' queue, a request and its decision,
and the administrator's pages to propose a grant, remove a role or reset someone's sign-in.

Each view does three things: access (a selector, 404 when out of sight), the service in
``standards.accounts.roles``, the response. Every page says who acts next.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from standards.access import policy
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.access.roles import ROLE_APPROVER, Approver, Role
from standards.accounts import roles, rules, selectors
from standards.accounts.forms import DecisionForm, ResetForm, RoleChangeForm
from standards.accounts.models import RoleRequest, RoleRequestKind, RoleRequestStatus, User
from standards.core.forms import apply_errors

# What a role opens, for the approver's confirmation and the proposer's choice.
ROLE_EFFECTS: dict[str, str] = {
    Role.STAFF: "their own declarations and the confidential reporting page",
    Role.LINE_MANAGER: "the declarations of the people who report to them",
    Role.PSD_CASEWORKER: "Professional Standards cases allocated to them, and the gifts and "
    "business-interest registers",
    Role.PSD_DECISION_MAKER: "every Professional Standards case and register, with the power to "
    "decide them",
    Role.CCU_ANALYST: "Counter Corruption Unit material: notifiable associations, intelligence "
    "checks and the operations they are given",
    Role.CCU_HEAD: "all Counter Corruption Unit material, with the power to open operations and "
    "give access to them",
    Role.INTEGRITY_BOARD: "the integrity board's summaries and the appeals put to it",
    Role.ADMINISTRATOR: "the administration of every account and of reference data",
    Role.AUDITOR: "the access log of the whole service",
}


def _list_area(user) -> Area:
    # A CCU member's every row is the CCU's (DESIGN.md: opaque to the auditor).
    return Area.CCU if policy.in_ccu(user) else Area.ACCOUNTS


def approval_hint(role: str) -> str:
    approver = ROLE_APPROVER.get(Role(role))
    if approver is None:
        return "Granted at once: nobody needs to approve it."
    return f"Needs approval by {roles.APPROVER_NAMES[approver]}: nothing changes until then."


# --- the queue and a request -----------------------------------------------------------------


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    role_queue = selectors.role_queue_for_user(user=request.user)
    record_search(request, area=_list_area(request.user), result_count=role_queue.total)
    return render(
        request,
        "accounts/roles/queue.html",
        {
            "queue": role_queue,
            "is_administrator": selectors.may_administer_roles(request.user),
            "approves": bool(rules.approver_kinds(request.user)),
        },
    )


@require_GET
@record_page(selectors.rolerequest_get_for_user)
def detail(request: HttpRequest, role_request: RoleRequest) -> HttpResponse:
    return render(request, "accounts/roles/detail.html", _request_context(request, role_request))


@require_http_methods(["GET", "POST"])
@record_page(selectors.rolerequest_get_for_decision)
def decide(request: HttpRequest, role_request: RoleRequest) -> HttpResponse:
    if not role_request.is_pending:
        messages.info(request, "This change has already been decided.")
        return redirect("roles:detail", pk=role_request.pk)
    context = _request_context(request, role_request)
    form = DecisionForm(request.POST or None, hints=_decision_hints(role_request))
    if request.method == "POST" and form.is_valid():
        decide_with = (
            roles.role_request_approve
            if form.cleaned_data["decision"] == "approve"
            else roles.role_request_refuse
        )
        try:
            decided = decide_with(
                role_request=role_request,
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"Approved and done: {decided.summary}."
                if decided.status == RoleRequestStatus.APPROVED
                else "Refused: nothing has changed. The administrator who proposed it is told.",
            )
            return redirect("roles:detail", pk=decided.pk)
    return render(request, "accounts/roles/decide.html", {**context, "form": form})


def _request_context(request: HttpRequest, role_request: RoleRequest) -> dict:
    user = request.user
    return {
        "role_request": role_request,
        "waiting_for": roles.waiting_for(role_request),
        "may_decide": selectors.rolerequest_may_decide(user=user, role_request=role_request),
        "is_proposer": role_request.proposed_by_id == user.pk,
        "effect": ROLE_EFFECTS.get(role_request.role, ""),
        "approver_name": roles.APPROVER_NAMES[Approver(role_request.approver)]
        if role_request.approver
        else "",
    }


def _decision_hints(role_request: RoleRequest) -> dict[str, str]:
    name = role_request.user.display_name
    match role_request.kind:
        case RoleRequestKind.GRANT:
            done = (
                f"{name} gets the role {role_request.role} at once, and with it "
                f"{ROLE_EFFECTS.get(role_request.role, 'what the role allows')}."
            )
        case RoleRequestKind.PASSWORD_RESET:
            done = (
                f"{name}'s password stops working at once and they are signed out; we e-mail "
                "them a link to set a new one."
            )
        case _:
            done = (
                f"{name}'s authenticator app is removed at once and they are signed out; they "
                "set it up again at their next sign-in."
            )
    return {
        "approve": f"{done} {name} and the administrator are told.",
        "refuse": "Nothing changes. The administrator who proposed it is told, with your reason.",
    }


# --- the administrator's pages ---------------------------------------------------------------


@require_GET
@record_page(selectors.account_get_for_role_admin)
def account(request: HttpRequest, target: User) -> HttpResponse:
    return render(
        request,
        "accounts/roles/account.html",
        {
            "account": target,
            "access": selectors.account_access(account=target, user=request.user),
            "is_self": target.pk == request.user.pk,
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.account_get_for_role_admin)
def grant(request: HttpRequest, target: User) -> HttpResponse:
    held = set(roles.held_roles(target))
    choices = [role.value for role in Role if role.value not in held]
    form = RoleChangeForm(
        request.POST or None,
        roles=choices,
        hints={role: approval_hint(role) for role in choices},
        reason_label="Why do they need this role?",
    )
    if request.method == "POST" and form.is_valid():
        try:
            role_request = roles.role_grant_propose(
                user=target,
                role=form.cleaned_data["role"],
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"Proposed. {roles.waiting_for(role_request)}: nothing changes until then."
                if role_request.is_pending
                else f"{target.display_name} now holds the role {role_request.role}.",
            )
            return redirect("roles:detail", pk=role_request.pk)
    return render(
        request,
        "accounts/roles/change.html",
        {
            "account": target,
            "form": form,
            "is_self": target.pk == request.user.pk,
            "heading": "Grant a role",
            "button": "Propose",
            "empty": f"{target.display_name} already holds every role.",
            "next_steps": "If the role needs approval, the approver is told and nothing changes "
            "until they approve. Otherwise the role is granted at once. Either way the person "
            "is told when it takes effect.",
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.account_get_for_role_admin)
def revoke(request: HttpRequest, target: User) -> HttpResponse:
    held = set(roles.held_roles(target))
    choices = [role.value for role in Role if role.value in held]
    form = RoleChangeForm(
        request.POST or None,
        roles=choices,
        hints={},
        reason_label="Why is the role being removed?",
    )
    if request.method == "POST" and form.is_valid():
        try:
            role_request = roles.role_revoke(
                user=target,
                role=form.cleaned_data["role"],
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{target.display_name} no longer holds the role {role_request.role}. "
                "They have been told.",
            )
            return redirect("roles:account", pk=target.pk)
    return render(
        request,
        "accounts/roles/change.html",
        {
            "account": target,
            "form": form,
            "is_self": target.pk == request.user.pk,
            "heading": "Remove a role",
            "button": "Remove the role",
            "empty": f"{target.display_name} holds no role.",
            "next_steps": "The role is removed at once: removing access never needs approval. "
            "The person, and the head who answers for the role, are told.",
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.account_get_for_role_admin)
def reset(request: HttpRequest, target: User) -> HttpResponse:
    form = ResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        propose = (
            roles.password_reset_propose
            if form.cleaned_data["what"] == "password"
            else roles.second_factor_reset_propose
        )
        try:
            role_request = propose(
                user=target, reason=form.cleaned_data["reason"], acting_user=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"Proposed. {roles.waiting_for(role_request)}: nothing changes until then."
                if role_request.is_pending
                else "Done. They have been told.",
            )
            return redirect("roles:detail", pk=role_request.pk)
    approver = roles.approver_for_reset(target)
    return render(
        request,
        "accounts/roles/reset.html",
        {
            "account": target,
            "form": form,
            "is_self": target.pk == request.user.pk,
            "approver_name": roles.APPROVER_NAMES[approver] if approver else "",
        },
    )
