"""The force-wide lessons page (/complaints/lessons/): sanitised lessons from closed cases, for
every member of staff. A lesson carries no case reference and no names (the service refused
any), so the page shows no protected record and links to none."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from complaints.selectors import conduct as selectors

PAGE_SIZE = 20


@require_GET
def lessons(request: HttpRequest) -> HttpResponse:
    if not selectors.may_read_lessons(request.user):
        raise Http404("No such page")
    page = Paginator(selectors.lesson_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "complaints/lessons/list.html", {"page": page})
