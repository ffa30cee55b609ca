"""The public register of chief officers' gifts and hospitality (/public/gifts/): no sign-in.

It shows, for each settled entry, the chief officer who was offered it (name and rank or post),
the date, description, value band, donor and decision, and nothing else; what is published is
decided in one place, ``selectors.public_entries``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from registers.gifts import selectors
from registers.gifts.exports import public_dataset
from standards.core.export import dataset_response

PAGE_SIZE = 50


@login_not_required
@require_GET
def public_register(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.gift_list_published(), PAGE_SIZE).get_page(request.GET.get("page"))
    entries = selectors.public_entries(page.object_list)
    return render(
        request, "registers/gifts/public_register.html", {"page": page, "entries": entries}
    )


@login_not_required
@require_GET
def public_csv(request: HttpRequest) -> HttpResponse:
    entries = selectors.public_entries(selectors.gift_list_published())
    return dataset_response(
        public_dataset(entries), filename="chief-officers-gifts-and-hospitality"
    )
