"""A request id on every request, so a person reporting an error can quote it; no caching of
anything a signed-in person sees."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class RequestIdMiddleware:
    header = "X-Request-ID"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = secrets.token_hex(8)
        response = self.get_response(request)
        response[self.header] = request.request_id
        return response


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
