"""The audit pages: the auditor's access log (rows about CCU material, and rows written by CCU
members, show only an opaque reference) and the CCU head's log of the CCU's own rows in full.
Both can be searched and exported; every search and export is itself logged."""

from __future__ import annotations

from collections.abc import Callable

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from standards.access import selectors
from standards.access.log_rows import LogRow, audited_row, export_dataset, full_row
from standards.access.models import AccessAction, AccessLogEntry, Area
from standards.access.pages import record_search
from standards.core.export import dataset_response


def _log_page(
    request: HttpRequest,
    log_filter: selectors.AccessLogFilter,
    to_row: Callable[[AccessLogEntry], LogRow],
    template: str,
) -> HttpResponse:
    page = Paginator(log_filter.qs, 100).get_page(request.GET.get("page"))
    # Read the page before logging this search, or the new row would push the oldest one off it.
    page.object_list = [to_row(entry) for entry in page.object_list]
    record_search(request, area=Area.AUDIT, result_count=page)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, template, {"filter": log_filter, "page": page, "query": query.urlencode()}
    )


def _log_export(
    request: HttpRequest,
    log_filter: selectors.AccessLogFilter,
    to_row: Callable[[AccessLogEntry], LogRow],
    filename: str,
    *,
    page_url: str,
    with_opaque_ref: bool = False,
) -> HttpResponse:
    if log_filter.is_bound and not log_filter.is_valid():
        # The page says what is wrong with the filters; an empty file would not.
        return redirect(f"{page_url}?{request.GET.urlencode()}")
    entries = log_filter.qs
    record_search(
        request,
        area=Area.AUDIT,
        result_count=entries.count(),
        action=AccessAction.DISCLOSURE,
        recipient=request.GET.get("recipient", ""),
    )
    rows = (to_row(entry) for entry in entries.iterator(chunk_size=2000))
    dataset = export_dataset(rows, with_opaque_ref=with_opaque_ref)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return dataset_response(dataset, filename=f"{filename}-{stamp}")


@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    entries = selectors.access_log_for_user(user=request.user)
    log_filter = selectors.AccessLogFilter(request.GET or None, queryset=entries)
    return _log_page(request, log_filter, audited_row, "audit/access_log.html")


@require_GET
def access_log_export(request: HttpRequest) -> HttpResponse:
    entries = selectors.access_log_for_user(user=request.user)
    log_filter = selectors.AccessLogFilter(request.GET or None, queryset=entries)
    return _log_export(
        request, log_filter, audited_row, "access-log", page_url=reverse("audit:access_log")
    )


@require_GET
def ccu_log(request: HttpRequest) -> HttpResponse:
    entries = selectors.ccu_log_for_user(user=request.user)
    log_filter = selectors.CcuLogFilter(request.GET or None, queryset=entries)
    return _log_page(request, log_filter, full_row, "audit/ccu_log.html")


@require_GET
def ccu_log_export(request: HttpRequest) -> HttpResponse:
    entries = selectors.ccu_log_for_user(user=request.user)
    log_filter = selectors.CcuLogFilter(request.GET or None, queryset=entries)
    return _log_export(
        request,
        log_filter,
        full_row,
        "ccu-access-log",
        page_url=reverse("audit:ccu_log"),
        with_opaque_ref=True,
    )
