"""The caseworker's queue (/complaints/): mine, all, unallocated and overdue, filtered and
sorted; the search is logged with ``record_search``."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from complaints.filters import SORT_LABELS
from complaints.selectors import queue as selectors
from complaints.selectors.case_page import may_record_dsi
from standards.access.models import Area
from standards.access.pages import record_search

PAGE_SIZE = 50

# The table's sortable columns: the sort each header link asks for, first ascending.
SORTABLE = {"reference": "reference", "received": "received", "due": "due"}


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    case_queue = selectors.case_queue_for_user(user=request.user, params=request.GET)
    page = Paginator(case_queue.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    record_search(request, area=Area.PSD, result_count=page)
    today = timezone.localdate()
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("sort", None)
    sort = case_queue.sort_key
    headers = {}
    for column, key in SORTABLE.items():
        ascending = sort == key
        descending = sort == f"-{key}"
        headers[column] = {
            "sort": f"-{key}" if ascending else key,
            "aria": "ascending" if ascending else "descending" if descending else "none",
        }
    return render(
        request,
        "complaints/queue.html",
        {
            "filter": case_queue,
            "view": case_queue.view,
            "tabs": selectors.queue_tabs(user=request.user, current=case_queue.view),
            "page": page,
            "today": today,
            "soon": selectors.due_soon_before(today),
            "query": query.urlencode(),
            "headers": headers,
            "sort_label": SORT_LABELS[sort],
            "may_record_dsi": may_record_dsi(request.user),
        },
    )
