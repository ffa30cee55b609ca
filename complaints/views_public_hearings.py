"""Public hearing notices and outcomes (/public/complaints/hearings/): no sign-in.

Misconduct hearings are held in public (Police (Conduct) Regulations 2020): their notice is
published here once PSD publishes it, and the outcome once recorded. Only what PSD wrote for the
public is shown (``selectors.conduct.hearings_published``): never the complainant, never the
case reference; a meeting (held in private) never appears.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from complaints.selectors import conduct as selectors

PAGE_SIZE = 25


@login_not_required
@require_GET
def hearings(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    upcoming = list(selectors.hearings_upcoming(today=today))
    page = Paginator(selectors.hearings_held(today=today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "public/complaints/hearings/list.html",
        {"upcoming": upcoming, "page": page},
    )


@login_not_required
@require_GET
def hearing(request: HttpRequest, pk: int) -> HttpResponse:
    return render(
        request,
        "public/complaints/hearings/detail.html",
        {"hearing": selectors.hearing_get_published(pk=pk)},
    )
