"""The one way a page reaches a protected record.

A view that shows or acts on a protected record is decorated with ``record_page``, handing it the
app's ``<model>_get_for_user`` selector. The decorator, not the view, then does the four things
the corridor demands, in order, so no page can forget one:

1. **access**: the selector (through ``standards.access.policy``) returns the record or raises
   ``Http404``, the same page for a record out of sight as for one that does not exist;
2. **break glass**: where the model's ``Rule`` has ``allocated``, a visible record not allocated
   to the user opens only after they have given a reason (``standards.access.gate``);
3. **the view** runs with the record in hand: ``view(request, record, **other_url_kwargs)``;
4. **the access log**: a page that answers 200 shows the record, so exactly one row is written
   about it (consultation, or the ``action`` given, e.g. disclosure for an export) before the
   response leaves. If the row cannot be written the exception propagates and nothing is served.

A redirect (the usual answer to a successful POST) writes no consultation row: the change itself
is in the record's history. List pages log the search they ran with ``record_search``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.core.paginator import Page
from django.db import models
from django.http import HttpRequest, HttpResponse

from standards.access import policy
from standards.access.audit import record_access
from standards.access.gate import justification_gate
from standards.access.models import AccessAction, AccessLogEntry, Area

P = ParamSpec("P")
M = TypeVar("M", bound=models.Model)

Selector = Callable[..., M]
RecordView = Callable[Concatenate[HttpRequest, M, P], HttpResponse]


def record_page(
    selector: Selector,
    *,
    action: AccessAction = AccessAction.CONSULTATION,
    url_kwarg: str = "pk",
) -> Callable[[RecordView], Callable[..., HttpResponse]]:
    """Decorate a view of one protected record; see the module docstring for what it does."""

    def decorator(view: RecordView) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            key = kwargs.pop(url_kwarg)
            record = selector(user=request.user, pk=key)
            if gate := justification_gate(request, record):
                return gate
            response = view(request, record, *args, **kwargs)
            if response.status_code == 200:
                log_record(request, record, action=action)
            return response

        wrapper.record_selector = selector  # type: ignore[attr-defined]
        return wrapper

    return decorator


def log_record(
    request: HttpRequest,
    record: models.Model,
    *,
    action: AccessAction = AccessAction.CONSULTATION,
    recipient: str = "",
) -> AccessLogEntry:
    """One access-log row about ``record``, in the area its access rule names."""
    return record_access(
        request=request,
        action=action,
        area=policy.rule_for(type(record)).area,
        obj=record,
        recipient=recipient,
    )


def record_search(
    request: HttpRequest,
    *,
    area: Area,
    result_count: int | Page,
    terms: str | None = None,
    action: AccessAction = AccessAction.SEARCH,
    recipient: str = "",
) -> AccessLogEntry:
    """One access-log row for a list, search or export: what was asked and how many answered.

    ``terms`` defaults to the request's query string without the page number; ``result_count``
    may be a paginator page, whose paginator's count is used.
    """
    if isinstance(result_count, Page):
        result_count = result_count.paginator.count
    if terms is None:
        query = request.GET.copy()
        query.pop("page", None)
        terms = query.urlencode()
    return record_access(
        request=request,
        action=action,
        area=area,
        search_terms=terms,
        result_count=result_count,
        recipient=recipient,
    )
