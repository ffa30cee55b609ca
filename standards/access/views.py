"""The auditor's pages: search the access log and export it. No case content is ever shown: rows
about CCU material carry only an opaque reference."""

from __future__ import annotations

import csv
import datetime as dt

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from standards.access import selectors
from standards.access.audit import record_access
from standards.access.models import AccessAction, Area

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


def _cell(value) -> str:
    """Neutralise spreadsheet formulas: a cell starting with =, +, - or @ is opened as text."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_GET
def access_log_export(request: HttpRequest) -> StreamingHttpResponse:
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
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(EXPORT_COLUMNS)
        for entry in entries.iterator(chunk_size=2000):
            yield writer.writerow(
                _cell(value)
                for value in [
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
                    "" if entry.result_count is None else entry.result_count,
                    entry.request_id,
                ]
            )

    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="access-log-{stamp}.csv"'
    return response
