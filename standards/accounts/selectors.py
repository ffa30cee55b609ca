"""Reads about accounts and sign-in activity, for administrators and auditors, and the only reads
of role requests (through the access policy: ``standards.accounts.rules``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from standards.access import policy
from standards.access.roles import Role, has_role, ordered_roles
from standards.accounts import rules
from standards.accounts.models import RoleRequest, RoleRequestStatus, User
from standards.core.extensions import ReviewQueue


@dataclass(frozen=True)
class AccountSummary:
    active: int
    without_authenticator: int
    locked: int


def account_summary() -> AccountSummary:
    active = User.objects.filter(is_active=True)
    return AccountSummary(
        active=active.count(),
        without_authenticator=active.exclude(totpdevice__confirmed=True).count(),
        locked=locked_usernames().count(),
    )


def locked_usernames():
    cutoff = timezone.now() - settings.AXES_COOLOFF_TIME
    return (
        AccessAttempt.objects.filter(
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=cutoff
        )
        .values_list("username", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class SignInActivity:
    days: int
    failures: int
    lockouts: int
    recent: list[AccessFailureLog]


def sign_in_activity(*, days: int) -> SignInActivity:
    since = timezone.now() - dt.timedelta(days=days)
    failures = AccessFailureLog.objects.filter(attempt_time__gte=since)
    return SignInActivity(
        days=days,
        failures=failures.count(),
        lockouts=failures.filter(locked_out=True).count(),
        recent=list(failures.order_by("-attempt_time")[:10]),
    )


# --- role administration ----------------------------------------------------------------------


def may_administer_roles(user) -> bool:
    """Administrators propose changes to other people's roles and sign-in."""
    return user.is_authenticated and has_role(user, Role.ADMINISTRATOR)


def may_use_role_pages(user) -> bool:
    """Administrators (their proposals) and the heads who approve (their queue)."""
    return may_administer_roles(user) or bool(rules.approver_kinds(user))


def rolerequest_list_for_user(*, user) -> QuerySet[RoleRequest]:
    """Every role request ``user`` may see: their own proposals, and the changes they approve."""
    return policy.visible(
        user,
        RoleRequest.objects.select_related(
            "user__person__org_unit", "proposed_by__person", "decided_by__person"
        ),
    )


def rolerequest_get_for_user(*, user, pk: int) -> RoleRequest:
    """The request, or 404: the same 404 whether it is missing or out of the user's sight."""
    role_request = rolerequest_list_for_user(user=user).filter(pk=pk).first()
    if role_request is None:
        raise Http404
    return role_request


def rolerequest_get_for_decision(*, user, pk: int) -> RoleRequest:
    """The request for its approver to approve or refuse, or 404: the proposer follows it on its
    own page, and nobody else may see it at all."""
    role_request = (
        policy.changeable(user, rolerequest_list_for_user(user=user)).filter(pk=pk).first()
    )
    if role_request is None:
        raise Http404
    return role_request


def rolerequest_may_decide(*, user, role_request: RoleRequest) -> bool:
    """Whether ``user`` may approve or refuse the request now: it waits, it is theirs to
    decide, and they did not propose it."""
    return (
        role_request.is_pending
        and role_request.proposed_by_id != user.pk
        and policy.can_change(user, role_request)
    )


@dataclass(frozen=True)
class RoleQueue:
    waiting: list[RoleRequest]  # for this user to decide
    proposed: list[RoleRequest]  # this user's own proposals still waiting
    recent: list[RoleRequest]  # decided or done lately, that this user may see

    @property
    def total(self) -> int:
        return len(self.waiting) + len(self.proposed) + len(self.recent)


RECENT_DAYS = 90


def role_queue_for_user(*, user) -> RoleQueue:
    """The role-changes page: what waits for the user's decision, what they proposed, and what
    was decided in the last 90 days. One query. 404 for anyone who neither proposes nor
    approves."""
    if not may_use_role_pages(user):
        raise Http404
    since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
    requests = list(
        rolerequest_list_for_user(user=user).filter(
            Q(status=RoleRequestStatus.PENDING) | Q(decided_at__gte=since)
        )[:500]
    )
    kinds = {kind.value for kind in rules.approver_kinds(user)}
    waiting = [
        r for r in requests if r.is_pending and r.approver in kinds and r.proposed_by_id != user.pk
    ]
    proposed = [r for r in requests if r.is_pending and r not in waiting]
    recent = [r for r in requests if not r.is_pending]
    waiting.sort(key=lambda r: r.proposed_at)
    return RoleQueue(waiting=waiting, proposed=proposed, recent=recent)


def _pending_approvals(user) -> QuerySet[RoleRequest]:
    kinds = sorted(kind.value for kind in rules.approver_kinds(user))
    return (
        rolerequest_list_for_user(user=user)
        .filter(status=RoleRequestStatus.PENDING, approver__in=kinds)
        .exclude(proposed_by_id=user.pk)
    )


def pending_approvals_count(*, user) -> int:
    return _pending_approvals(user).count()


def role_review_queues(*, user) -> list[ReviewQueue]:
    """For the heads who approve role changes: how many wait for them (the home page and the
    review-queues page, through ``standards.core.extensions``). Nothing for anyone else, so
    nobody else's pages say that role changes exist."""
    if not rules.approver_kinds(user):
        return []
    waiting = _pending_approvals(user).aggregate(count=Count("pk"), oldest=Min("proposed_at"))
    return [
        ReviewQueue(
            key="role_changes",
            title="Role changes waiting for your approval",
            url=reverse("roles:queue"),
            count=waiting["count"],
            oldest=waiting["oldest"],
        )
    ]


def account_get_for_role_admin(*, user, pk: int) -> User:
    """A login whose roles an administrator manages; 404 for anyone else asking."""
    account = (
        policy.visible(user, User.objects.select_related("person__org_unit")).filter(pk=pk).first()
    )
    if account is None:
        raise Http404
    return account


@dataclass(frozen=True)
class AccountAccess:
    roles: list[Role]
    has_authenticator: bool
    has_usable_password: bool
    requests: list[RoleRequest]  # about this login, that the administrator may see


def account_access(*, account: User, user) -> AccountAccess:
    return AccountAccess(
        roles=ordered_roles(account.groups.values_list("name", flat=True)),
        has_authenticator=TOTPDevice.objects.filter(user=account, confirmed=True).exists(),
        has_usable_password=account.has_usable_password(),
        requests=list(rolerequest_list_for_user(user=user).filter(user=account)[:50]),
    )
