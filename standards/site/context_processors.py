"""Values every page needs: the service name, the signed-in person, their roles, the navigation."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from standards.access.roles import ordered_roles, role_names
from standards.notifications.selectors import unread_count
from standards.site.navigation import nav_for


def service(request: HttpRequest) -> dict[str, object]:
    context: dict[str, object] = {
        "service_name": settings.SERVICE_NAME,
        "force_name": settings.FORCE_NAME,
        "demo_mode": settings.DEMO,
        "request_id": getattr(request, "request_id", ""),
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_verified():
        context["signed_in"] = True
        context["user_roles"] = ordered_roles(role_names(user))
        context["nav_items"] = nav_for(user, request.path)
        context["unread_notifications"] = unread_count(user=user)
    return context
