"""The home page, the health check and the error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from standards.access.roles import Role, has_role
from standards.core import health
from standards.site.home import home_panels


def _may_see_health_detail(user) -> bool:
    """Which dependency failed and when the worker last beat are for a signed-in administrator
    (both factors): to anyone else they say when the service is weakest."""
    return user.is_authenticated and user.is_verified() and has_role(user, Role.ADMINISTRATOR)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"panels": home_panels(request.user)})


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """``{"status": "ok"}`` (200) or ``{"status": "error"}`` (503) for a load balancer; the
    checks behind the answer only for a signed-in administrator."""
    healthy, checks = health.run_checks()
    body: dict[str, object] = {"status": "ok" if healthy else "error"}
    if _may_see_health_detail(request.user):
        body["checks"] = {c.name: {"ok": c.ok, "detail": c.detail} for c in checks}
    return JsonResponse(body, status=200 if healthy else 503)


def _error(request: HttpRequest, template: str, status: int) -> HttpResponse:
    return render(request, template, status=status)


@login_not_required
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:  # noqa: ARG001
    return _error(request, "errors/400.html", 400)


@login_not_required
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:  # noqa: ARG001
    return _error(request, "errors/403.html", 403)


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:  # noqa: ARG001
    """The service's own page for a form the CSRF check refused (``CSRF_FAILURE_VIEW``). The
    reason is not shown: Django has already logged it (django.security.csrf)."""
    return _error(request, "errors/csrf.html", 403)


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:  # noqa: ARG001
    # The same page whether the record does not exist or the user may not see it (the corridor):
    # nothing on it depends on what was asked for.
    return _error(request, "errors/404.html", 404)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request's context processors: the error may be that the database is
    # down, and they would ask it who the user is.
    from django.conf import settings
    from django.template import loader

    body = loader.render_to_string(
        "errors/500.html",
        {
            "service_name": settings.SERVICE_NAME,
            "force_name": settings.FORCE_NAME,
            "request_id": getattr(request, "request_id", ""),
        },
    )
    return HttpResponse(body, status=500)
