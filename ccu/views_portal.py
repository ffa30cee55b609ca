"""The confidential reporting line's pages for staff (stub: the owner of the line replaces it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse


@login_required
def line_start(request: HttpRequest) -> HttpResponse:
    raise Http404


@login_required
def line_report(request: HttpRequest) -> HttpResponse:
    raise Http404


@login_required
def line_return(request: HttpRequest) -> HttpResponse:
    raise Http404
