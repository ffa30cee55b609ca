"""Sign-in: the password step, the authenticator-code step, and setting up an authenticator.

A session is signed in only after both steps. Between them the session holds the id of the user
whose password was right, for five minutes, and nothing else.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import authenticate, login, user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from standards.accounts.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from standards.accounts.models import User

PENDING_KEY = "pending_sign_in"
PENDING_SECONDS = 5 * 60
DEVICE_NAME = "Authenticator app"


def password_step(*, request: HttpRequest, username: str, password: str) -> User | None:
    """Check the password (django-axes counts a failure and refuses a locked account)."""
    user = authenticate(request, username=username, password=password)
    if user is None:
        return None
    # A new session key here so a session id planted before sign-in is worthless afterwards.
    request.session.cycle_key()
    request.session[PENDING_KEY] = {"user_id": user.pk, "at": time.time()}
    return user


def pending_user(request: HttpRequest) -> User | None:
    """The user who passed the password step in this session, if it was recent enough."""
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    return User.objects.filter(pk=pending["user_id"], is_active=True).first()


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@dataclass(frozen=True)
class CodeResult:
    ok: bool
    locked_out: bool = False


def code_step(*, request: HttpRequest, user: User, code: str) -> CodeResult:
    """Check a TOTP code against the user's confirmed authenticator and finish signing in.

    A wrong code counts as a failed sign-in for django-axes, exactly like a wrong password, so
    five wrong attempts of either kind lock the account.
    """
    device = _matching_device(user, code, confirmed=True)
    if device is None:
        return _failed(request, user)
    _complete_sign_in(request, user, device)
    return CodeResult(ok=True)


def authenticator_for_setup(*, user: User) -> TOTPDevice:
    """The unconfirmed device whose secret the user is adding to their app (made once)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def confirm_authenticator(*, request: HttpRequest, user: User, code: str) -> CodeResult:
    """Confirm a newly added authenticator with its first code, then sign in."""
    device = _matching_device(user, code, confirmed=False)
    if device is None:
        return _failed(request, user)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _complete_sign_in(request, user, device)
    return CodeResult(ok=True)


@transaction.atomic
def password_set_after_reset(*, user: User, password: str) -> None:
    """The person sets a new password with the link sent after a reset (the form has already
    run the password validators)."""
    user.set_password(password)
    user._change_reason = "New password set with the link sent after a reset"
    user._history_user = user
    user.save(update_fields=["password"])


def is_locked_out(request: HttpRequest, user: User) -> bool:
    return AxesProxyHandler.is_locked(request, credentials={"username": user.username})


def _matching_device(user: User, code: str, *, confirmed: bool) -> TOTPDevice | None:
    for device in TOTPDevice.objects.filter(user=user, confirmed=confirmed):
        if device.verify_token(code):
            return device
    return None


def _failed(request: HttpRequest, user: User) -> CodeResult:
    user_login_failed.send(
        sender=__name__, credentials={"username": user.username}, request=request
    )
    locked = bool(getattr(request, "axes_locked_out", False))
    if locked:
        request.session.pop(PENDING_KEY, None)
    return CodeResult(ok=False, locked_out=locked)


def _complete_sign_in(request: HttpRequest, user: User, device: TOTPDevice) -> None:
    request.session.pop(PENDING_KEY, None)
    user.backend = "django.contrib.auth.backends.ModelBackend"
    login(request, user)
    otp_login(request, device)
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


__all__ = [
    "CodeResult",
    "authenticator_for_setup",
    "code_step",
    "confirm_authenticator",
    "has_authenticator",
    "is_locked_out",
    "password_set_after_reset",
    "password_step",
    "pending_user",
]
