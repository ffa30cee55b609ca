"""The CCU's reports pages (stub: the owner of this stage replaces it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse


@login_required
def report_list(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def report_record(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def report_import(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def report(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def report_source(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def report_grading(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def report_edit(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def report_subjects(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def report_move(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def report_notes(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def report_timeline(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404
