"""The CCU's watch pages (stub: the owner of this stage replaces it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse


@login_required
def watchlist(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def watch_add(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def watch_detail(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def alert_list(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404
