"""The staff directory: search and a person's page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from standards.access.audit import record_access
from standards.access.models import AccessAction, Area
from standards.access.pages import record_page
from standards.people import selectors
from standards.people.rules import person_fields_for


@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    if not selectors.may_browse_directory(request.user):
        raise Http404
    query = request.GET.get("q", "")[:200]
    people = selectors.person_list_for_user(user=request.user, query=query)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    record_access(
        request=request,
        action=AccessAction.SEARCH,
        area=Area.PEOPLE,
        search_terms=query,
        result_count=page.paginator.count,
    )
    return render(request, "people/person_list.html", {"page": page, "query": query})


@require_GET
@record_page(selectors.person_get_for_user)
def person_detail(request: HttpRequest, person) -> HttpResponse:
    fields = person_fields_for(request.user, person)
    return render(request, "people/person_detail.html", {"person": person, "fields": fields})
