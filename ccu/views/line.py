"""The CCU's side of the confidential reporting line: the reports that came in on it, the dialogue
with each reporter, and (for the head only, after a reason) a confidential reporter's identity.

Messages to the reporter are kept apart from the CCU's internal notes: the reporter reads them
with their receipt code, dated to the day and without the writer's name; notes live on the
report's Notes tab and never reach them.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ccu.forms.line import LineMessageForm
from ccu.selectors import line as selectors
from ccu.services import line as services
from standards.access.forms import JustificationForm
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.core.forms import apply_errors

PAGE_SIZE = 50


@require_GET
def line_list(request: HttpRequest) -> HttpResponse:
    reports = selectors.line_list_for_user(user=request.user)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    record_search(request, area=Area.CCU, result_count=page)
    return render(request, "ccu/line/list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@record_page(selectors.line_report_get_for_user)
def line_detail(request: HttpRequest, line_report) -> HttpResponse:
    may_write = selectors.line_may_write(user=request.user, line_report=line_report)
    form = LineMessageForm(request.POST if request.method == "POST" and may_write else None)
    if request.method == "POST" and may_write and form.is_valid():
        try:
            services.line_message_send(
                line_report=line_report, text=form.cleaned_data["text"], acting_user=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                "Your message is waiting for the reporter. They will read it when they come "
                "back with their receipt code; their answer will show here and on the line list.",
            )
            return redirect("ccu:line_detail", pk=line_report.pk)
    return render(
        request,
        "ccu/line/detail.html",
        {
            "line_report": line_report,
            "report": line_report.report,
            "dialogue": selectors.line_messages(line_report=line_report),
            "form": form if may_write else None,
            "has_identity": selectors.line_has_sealed_identity(
                user=request.user, line_report=line_report
            ),
        },
    )


@record_page(selectors.sealed_identity_get_for_head)
def _identity_page(request: HttpRequest, sealed) -> HttpResponse:
    if request.method == "POST":  # the reason was just given: open the record
        return redirect(request.path)
    return render(
        request,
        "ccu/line/identity.html",
        {
            "sealed": sealed,
            "line_report": sealed.line_report,
            "person": sealed.person,
            "openings": selectors.identity_openings(user=request.user, sealed=sealed),
        },
    )


@require_http_methods(["GET", "POST"])
@transaction.atomic
def line_identity(request: HttpRequest, pk: int) -> HttpResponse:
    """The head opens a sealed identity only after recording why (``record_page``'s break
    glass: the rule is never "allocated"). The reason given at that gate is also the opening's
    reason (``IdentityOpening``), written in the same transaction as the gate's access-log row."""
    if request.method == "POST":
        sealed = selectors.sealed_identity_get_for_head(user=request.user, pk=pk)
        form = JustificationForm(request.POST)
        if selectors.identity_needs_reason(user=request.user, sealed=sealed) and form.is_valid():
            services.identity_open(
                sealed=sealed,
                reason=form.cleaned_data["justification"],
                acting_user=request.user,
            )
    return _identity_page(request, pk=pk)
