"""The auditor's pages: search the access log and export it. No case content is ever shown: rows
about CCU material carry only an opaque reference."""

from __future__ import annotations

import datetime as dt

import tablib
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from standards.access import selectors
from standards.access.audit import record_access
from standards.access.models import AccessAction, Area
from standards.core.export import dataset_response

EXPORT_COLUMNS = (
    "at_utc",
    "username",
    "action",
    "area",
    "record_ref",
    "record_label",
    "view_name",
    "justification",
    "recipient",
    "search_terms",
    "result_count",
    "request_id",
)


def _filtered(request: HttpRequest):
    entries = selectors.access_log_for_user(user=request.user)
    return selectors.AccessLogFilter(request.GET or None, queryset=entries)


@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    log_filter = _filtered(request)
    page = Paginator(log_filter.qs, 100).get_page(request.GET.get("page"))
    # Read the page before logging this search, or the new row would push the oldest one off it.
    page.object_list = list(page.object_list)
    record_access(
        request=request,
        action=AccessAction.SEARCH,
        area=Area.AUDIT,
        search_terms=request.GET.urlencode(),
        result_count=page.paginator.count,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/access_log.html",
        {"filter": log_filter, "page": page, "query": query.urlencode()},
    )


@require_GET
def access_log_export(request: HttpRequest) -> HttpResponse:
    log_filter = _filtered(request)
    entries = log_filter.qs
    record_access(
        request=request,
        action=AccessAction.DISCLOSURE,
        area=Area.AUDIT,
        search_terms=request.GET.urlencode(),
        result_count=entries.count(),
        recipient=request.GET.get("recipient", "")[:300],
    )
    dataset = tablib.Dataset(headers=list(EXPORT_COLUMNS))
    for entry in entries.iterator(chunk_size=2000):
        dataset.append(
            [
                entry.at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                entry.username,
                entry.action,
                entry.area,
                entry.record_ref,
                entry.record_label,
                entry.view_name,
                entry.justification,
                entry.recipient,
                entry.search_terms,
                entry.result_count,
                entry.request_id,
            ]
        )
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return dataset_response(dataset, filename=f"access-log-{stamp}")
