"""The CCU's transfers pages (stub: the owner of this stage replaces it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse


@login_required
def transfer_list(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def transfer_new(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def transfer_incoming(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def transfer_detail(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def transfer_pack(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404
