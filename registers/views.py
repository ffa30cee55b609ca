"""The staff portal ("My declarations") and the reviewers' queues."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from standards.core import extensions as portal
from standards.core.extensions import require_person


@require_GET
def my_declarations(request: HttpRequest) -> HttpResponse:
    require_person(request)
    sections = [
        {"section": section, "rows": list(section.rows(user=request.user))}
        for section in portal.portal_sections()
    ]
    return render(
        request,
        "registers/my_declarations.html",
        {"sections": sections},
    )


@require_GET
def review_queues(request: HttpRequest) -> HttpResponse:
    queues = portal.review_queues_for(request.user)
    if not queues:
        raise Http404
    return render(request, "registers/review_queues.html", {"queues": queues})
