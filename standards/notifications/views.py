"""A person's notices."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from standards.notifications import selectors, services


@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    notices = selectors.notification_list_for_user(user=request.user)
    page = Paginator(notices, 50).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    notification = selectors.notification_get_for_user(user=request.user, pk=pk)
    services.notification_mark_read(notification=notification, acting_user=request.user)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")
