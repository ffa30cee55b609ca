"""The CCU's threat pages (stub: the owner of this stage replaces it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse


@login_required
def threat(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def threat_export(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404
