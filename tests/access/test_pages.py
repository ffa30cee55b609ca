"""``record_page``: the one way a page reaches a protected record. Access (404 alike for missing
and hidden), break glass where the rule has ``allocated``, then exactly one access-log row for a
page that is served, and none for a redirect or a refusal."""

from __future__ import annotations

import pytest
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.test import RequestFactory
from guardian.shortcuts import assign_perm

from ccu.models import Operation
from ccu.selectors import operations as selectors
from standards.access.models import AccessAction, AccessLogEntry, Area
from standards.access.pages import record_page, record_search
from tests.ccu.factories import OperationFactory

pytestmark = pytest.mark.django_db


def _request(user, method: str = "get", data: dict | None = None):
    request = getattr(RequestFactory(), method)("/ccu/operations/x/", data or {})
    user.is_verified = lambda: True  # past the second factor, as OTPMiddleware would mark it
    request.user = user
    request.session = {}
    request.request_id = "test"
    request._messages = []
    return request


@record_page(selectors.operation_get_for_user)
def _shows(request, operation: Operation) -> HttpResponse:
    return HttpResponse(operation.code_name)


@record_page(selectors.operation_get_for_user, action=AccessAction.DISCLOSURE)
def _exports(request, operation: Operation) -> HttpResponse:
    return HttpResponse(operation.code_name)


@record_page(selectors.operation_get_for_user)
def _acts(request, operation: Operation) -> HttpResponse:
    return redirect("/elsewhere/")


def test_a_served_page_writes_one_row_about_its_record(ccu_head):
    operation = OperationFactory(opened_by=ccu_head)
    assign_perm("view_operation", ccu_head, operation)
    response = _shows(_request(ccu_head), pk=operation.pk)
    assert response.status_code == 200
    (row,) = AccessLogEntry.objects.all()
    assert row.action == AccessAction.CONSULTATION
    assert row.area == Area.CCU  # taken from the operation's access rule
    assert row.record_ref.startswith("CCU-")


def test_the_action_can_be_a_disclosure(ccu_head):
    operation = OperationFactory(opened_by=ccu_head)
    assign_perm("view_operation", ccu_head, operation)
    _exports(_request(ccu_head), pk=operation.pk)
    assert AccessLogEntry.objects.get().action == AccessAction.DISCLOSURE


def test_a_redirect_writes_no_consultation_row(ccu_head):
    operation = OperationFactory(opened_by=ccu_head)
    assign_perm("view_operation", ccu_head, operation)
    assert _acts(_request(ccu_head, "post"), pk=operation.pk).status_code == 302
    assert not AccessLogEntry.objects.exists()


def test_hidden_and_missing_records_are_the_same_404_and_log_nothing(psd_head, ccu_head):
    operation = OperationFactory(opened_by=ccu_head)
    with pytest.raises(Http404):
        _shows(_request(psd_head), pk=operation.pk)
    with pytest.raises(Http404):
        _shows(_request(psd_head), pk=operation.pk + 1000)
    assert not AccessLogEntry.objects.exists()


def test_an_unallocated_record_asks_for_a_reason_before_it_is_shown(ccu_head):
    operation = OperationFactory(opened_by=ccu_head)  # not granted to the head: break glass
    response = _shows(_request(ccu_head), pk=operation.pk)
    assert response.status_code == 200
    assert operation.code_name.encode() not in response.content
    assert b"Give a reason to open this record" in response.content
    assert not AccessLogEntry.objects.exists()

    given = _shows(
        _request(ccu_head, "post", {"justification": "Reviewing the operation's grants."}),
        pk=operation.pk,
    )
    assert given.status_code == 302
    assert AccessLogEntry.objects.get().action == AccessAction.JUSTIFICATION
    assert _shows(_request(ccu_head), pk=operation.pk).content == operation.code_name.encode()


def test_a_page_whose_log_row_cannot_be_written_is_not_served(ccu_head, monkeypatch):
    operation = OperationFactory(opened_by=ccu_head)
    assign_perm("view_operation", ccu_head, operation)

    def refuse(*args, **kwargs):
        raise RuntimeError("the access log is unavailable")

    monkeypatch.setattr(AccessLogEntry, "save", refuse)
    with pytest.raises(RuntimeError):
        _shows(_request(ccu_head), pk=operation.pk)


def test_record_search_counts_a_page_and_keeps_the_query_without_the_page_number(psd_head):
    from django.core.paginator import Paginator

    request = RequestFactory().get("/registers/gifts/", {"status": "open", "page": "2"})
    request.user = psd_head
    request.request_id = "test"
    page = Paginator(list(range(120)), 50).get_page(2)
    row = record_search(request, area=Area.REGISTERS, result_count=page)
    assert row.result_count == 120
    assert row.search_terms == "status=open"
