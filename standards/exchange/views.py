"""PSD's pages for lists of people put up for intelligence checks (stub: replaced by its owner)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse


@login_required
def list_index(request: HttpRequest) -> HttpResponse:
    raise Http404


@login_required
def list_new(request: HttpRequest) -> HttpResponse:
    raise Http404


@login_required
def list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404
