"""The staff directory: search and a person's page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.core.extensions import person_links
from standards.people import selectors
from standards.people.rules import person_fields_for


@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    include_leavers = request.GET.get("leavers") == "yes"
    people = selectors.person_list_for_user(
        user=request.user, query=query, include_leavers=include_leavers
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    record_search(
        request,
        area=Area.PEOPLE,
        terms=f"{query} (including leavers)" if include_leavers else query,
        result_count=page,
    )
    leavers = (
        0 if include_leavers else selectors.leavers_matching_count(user=request.user, query=query)
    )
    return render(
        request,
        "people/person_list.html",
        {
            "page": page,
            "query": query,
            "include_leavers": include_leavers,
            "leavers_matching": leavers,
        },
    )


@require_GET
@record_page(selectors.person_get_for_user)
def person_detail(request: HttpRequest, person) -> HttpResponse:
    fields = person_fields_for(request.user, person)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "fields": fields,
            "links": person_links(viewer=request.user, person=person),
        },
    )
