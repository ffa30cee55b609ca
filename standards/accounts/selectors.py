"""Reads about accounts and sign-in activity, for administrators and auditors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.utils import timezone

from standards.accounts.models import User


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
