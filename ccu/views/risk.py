"""The CCU's risk pages (stub: the owner of this stage replaces it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse


@login_required
def risk_index(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def risk_assess(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def person_risk(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def pib(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404
