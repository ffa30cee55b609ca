"""A person's notices."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from standards.notifications import selectors, services


@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    notices = selectors.notification_list_for_user(user=request.user)
    page = Paginator(notices, 50).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


def _local_path(url: str) -> bool:
    """Only a path on this service: a stored url is followed after sign-in, so it must never
    send anyone elsewhere ("//evil.example", "https://...", "/\\evil.example" all fail)."""
    return url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None)


@require_GET
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """The notice's link: marks it read, then goes to its record (whose page checks access
    again). Marking read is the only change a GET makes here, and only to the user's own."""
    notification = selectors.notification_get_for_user(user=request.user, pk=pk)
    services.notification_mark_read(notification=notification, acting_user=request.user)
    if _local_path(notification.url):
        return redirect(notification.url)
    return redirect("notifications:list")
