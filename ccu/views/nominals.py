"""The CCU's nominals pages (stub: the owner of this stage replaces it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse


@login_required
def nominal_list(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def nominal_add(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def nominal_detail(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def nominal_duplicates(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def nominal_merge(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def report_nominals(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def search(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def person_chart(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def operation_chart(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404
