"""A request id on every request, so a person reporting an error can quote it; no caching of
anything a signed-in person sees; and pages that must not know who is asking (``unidentified``).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

# What a browser says about who and where it is. Scrubbed from an unidentified page's request
# before anything can log it; REMOTE_ADDR stays present (code may read it) but says nothing.
IDENTIFYING_META = (
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_REFERER",
    "HTTP_SEC_CH_UA",
    "HTTP_SEC_CH_UA_PLATFORM",
    "HTTP_SEC_CH_UA_MOBILE",
)
NO_ADDRESS = "0.0.0.0"  # noqa: S104 - not a bind address: the address an unidentified request has


def unidentified(view: Callable) -> Callable:
    """Mark a view whose requests must leave no trace of who made them (the confidential
    reporting line). ``RequestIdMiddleware`` then, before any other middleware's view hook and
    before the view, scrubs the address, user agent, forwarding headers and referrer from the
    request (gunicorn's access log reads the same environ, so its line carries none of them),
    keeps the session exactly as it was (nothing saved, not even the time of this visit), and
    gives Django's error reports a filter and reporter that show no user, header or field."""
    view.unidentified = True  # type: ignore[attr-defined]
    return view


class UnidentifiedReporterFilter(SafeExceptionReporterFilter):
    """An error on an unidentified page is reported without the request's headers, its posted
    fields (the reporter's words, their receipt code) or any frame's variables."""

    def get_safe_request_meta(self, request):
        return {}

    def get_post_parameters(self, request):
        return {}

    def get_traceback_frame_variables(self, request, tb_frame):
        return []

    def get_safe_cookies(self, request):
        return {}


class UnidentifiedExceptionReporter(ExceptionReporter):
    def get_traceback_data(self):
        data = super().get_traceback_data()
        data["user_str"] = None
        data["request_meta"] = {}
        data["request_COOKIES_items"] = []
        return data


def _keep_session_as_it_was(request: HttpRequest) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        # SESSION_SAVE_EVERY_REQUEST would store this visit's time with the user's session.
        session.save = _do_not_save


def _do_not_save(*args, **kwargs) -> None:
    return None


def _scrub(request: HttpRequest) -> None:
    for key in IDENTIFYING_META:
        request.META.pop(key, None)
    request.META["REMOTE_ADDR"] = NO_ADDRESS
    request.exception_reporter_filter = UnidentifiedReporterFilter()
    request.exception_reporter_class = UnidentifiedExceptionReporter


class RequestIdMiddleware:
    header = "X-Request-ID"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = secrets.token_hex(8)
        response = self.get_response(request)
        response[self.header] = request.request_id
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        # First in MIDDLEWARE, so this runs before every other view hook (CSRF's failure log
        # included) and before the view.
        if getattr(view_func, "unidentified", False):
            _scrub(request)
            _keep_session_as_it_was(request)


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every response to a signed-in user and on every response
    that sets or carries a session cookie.

    A page of the service may name the subject of a complaint or an intelligence check; a browser
    or proxy that kept a copy would show it to the next person at a shared station terminal (the
    back button after sign-out) or keep it on disk. Static files, served before this runs, and
    anonymous public pages stay cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        carried = settings.SESSION_COOKIE_NAME in request.COOKIES
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or carried or settings.SESSION_COOKIE_NAME in response.cookies:
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
            response["Pragma"] = "no-cache"
        return response
