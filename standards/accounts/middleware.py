"""Session rules: every page needs a password *and* a second factor; sessions end after 15 idle
minutes and at the latest 10 hours after sign-in."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN_AT = "last_seen_at"


class SessionLifetimeMiddleware:
    """Ends a session that has been idle too long or has lived too long, with a clear message."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            signed_in_at = request.session.get(SIGNED_IN_AT, now)
            last_seen_at = request.session.get(LAST_SEEN_AT, now)
            reason = None
            if now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS:
                hours = settings.SESSION_ABSOLUTE_SECONDS // 3600
                reason = f"You have been signed in for {hours} hours. Sign in again to continue."
            elif now - last_seen_at > settings.SESSION_COOKIE_AGE:
                minutes = settings.SESSION_COOKIE_AGE // 60
                reason = (
                    f"You were signed out because you had not used the service for {minutes} "
                    "minutes. Sign in again to continue."
                )
            if reason:
                logout(request)
                messages.info(request, reason)
                return redirect(settings.LOGIN_URL)
            request.session[LAST_SEEN_AT] = now
        return self.get_response(request)


class SecondFactorRequiredMiddleware(LoginRequiredMiddleware):
    """Django's login-required-by-default, tightened: a session must also have passed the TOTP
    step (django-otp's ``is_verified``). Views that anyone may open say ``@login_not_required``."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        user = request.user
        if user.is_authenticated and user.is_verified():
            return None
        return self.handle_no_permission(request, view_func)

    def get_login_url(self, view_func):
        # Always the service's own two-step sign-in, even for views (the admin's) that name
        # another login page.
        return resolve_url(settings.LOGIN_URL)
