"""The CCU's triage pages (stub: the owner of this stage replaces it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse


@login_required
def triage_queue(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def report_triage(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def action_add(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def action_list(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def action_complete(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def intervention_propose(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def intervention_list(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def intervention_detail(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def intervention_meeting(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


@login_required
def report_refer(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404
