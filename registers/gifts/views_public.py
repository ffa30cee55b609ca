"""The public register of chief officers' gifts and hospitality (/public/gifts/): no sign-in.

It shows five things about each settled entry (date, description, value band, donor, decision)
and nothing else; registers/gifts/public.py holds those rules.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from registers.gifts import selectors
from registers.gifts.export import public_dataset

PAGE_SIZE = 50


@login_not_required
@require_GET
def public_register(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.public_register(), PAGE_SIZE).get_page(request.GET.get("page"))
    entries = selectors.public_entries(page.object_list)
    return render(
        request, "registers/gifts/public_register.html", {"page": page, "entries": entries}
    )


@login_not_required
@require_GET
def public_csv(request: HttpRequest) -> HttpResponse:
    entries = selectors.public_entries(selectors.public_register())
    response = HttpResponse(
        public_dataset(entries).export("csv"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        'attachment; filename="chief-officers-gifts-and-hospitality.csv"'
    )
    return response
