"""Reviewers' pages for business interests (/registers/interests/): PSD's register and its
"refused - monitor" view, the line manager's and the chief officer's queues, a record's page and
the decision steps. Each view: access (a selector, 404 when out of sight), service, response."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from registers.interests import selectors, services
from registers.interests.forms import (
    AppealDecisionForm,
    DecisionForm,
    ExportForm,
    RecommendForm,
    ReviewForm,
)
from standards.access import policy
from standards.access.audit import record_access
from standards.access.models import AccessAction, Area
from standards.access.pages import record_page
from standards.core.forms import apply_errors

PAGE_SIZE = 50


def _page(request: HttpRequest, queryset):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    return page


def _log_search(request: HttpRequest, page, terms: str = "") -> None:
    record_access(
        request=request,
        action=AccessAction.SEARCH,
        area=Area.REGISTERS,
        search_terms=terms,
        result_count=page.paginator.count,
    )


@require_GET
def register(request: HttpRequest) -> HttpResponse:
    interest_filter = selectors.interest_register_for_user(user=request.user, params=request.GET)
    page = _page(request, interest_filter.qs)
    query = request.GET.copy()
    query.pop("page", None)
    _log_search(request, page, query.urlencode())
    return render(
        request,
        "registers/interests/register.html",
        {
            "filter": interest_filter,
            "page": page,
            "query": query.urlencode(),
            "sees_checks": selectors.sees_checks(request.user),
            "may_export": policy.in_psd(request.user),
        },
    )


@require_GET
def refused(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.interest_monitor_list_for_user(user=request.user))
    _log_search(request, page, "refused and withdrawn")
    return render(request, "registers/interests/refused.html", {"page": page})


@require_GET
def recommendations(request: HttpRequest) -> HttpResponse:
    waiting = selectors.interest_awaiting_recommendation_for_user(user=request.user)
    page = _page(request, waiting)
    team = list(selectors.interest_team_for_user(user=request.user)[:PAGE_SIZE])
    _log_search(request, page, "awaiting my recommendation")
    return render(request, "registers/interests/recommendations.html", {"page": page, "team": team})


@require_GET
def appeals(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.interest_appeals_for_user(user=request.user))
    _log_search(request, page, "appeals awaiting decision")
    return render(request, "registers/interests/appeals.html", {"page": page})


def _record_context(request: HttpRequest, interest) -> dict:
    decisions = selectors.interest_decisions(interest=interest)
    checks = selectors.interest_checks_for_user(user=request.user, interest=interest)
    return {
        "interest": interest,
        "decisions": decisions,
        "current": selectors.current_decision(decisions),
        "recommendation": selectors.latest_recommendation(decisions),
        "checks": checks,
        "check": checks[-1] if checks else None,
        "sees_checks": selectors.sees_checks(request.user),
        "actions": selectors.reviewer_actions(user=request.user, interest=interest, checks=checks),
        "timeline": selectors.interest_timeline(
            interest=interest, decisions=decisions, checks=checks
        ),
    }


@require_GET
@record_page(selectors.interest_get_for_user)
def detail(request: HttpRequest, interest) -> HttpResponse:
    return render(request, "registers/interests/detail.html", _record_context(request, interest))


def _decision_page(request: HttpRequest, interest, *, form_class, service, template, done, **kw):
    """The shared shape of the four decision pages: the record, a form, the service."""
    form = form_class(request.POST or None, **kw)
    if request.method == "POST" and form.is_valid():
        try:
            service(interest=interest, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("interests:detail", pk=interest.pk)
    context = _record_context(request, interest)
    context["form"] = form
    return render(request, template, context)


def _not_now(request: HttpRequest, interest, message: str) -> HttpResponse:
    """The person may take this step on this record, just not now (it has moved on)."""
    messages.info(request, message)
    return redirect("interests:detail", pk=interest.pk)


@require_http_methods(["GET", "POST"])
@record_page(selectors.interest_get_for_recommendation)
def recommend(request: HttpRequest, interest) -> HttpResponse:
    if not selectors.reviewer_actions(user=request.user, interest=interest, checks=[]).recommend:
        return _not_now(request, interest, "This application is no longer waiting for you.")
    return _decision_page(
        request,
        interest,
        form_class=RecommendForm,
        service=services.interest_recommend,
        template="registers/interests/recommend.html",
        done="Your recommendation is recorded and the application has gone to PSD.",
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.interest_get_for_decision)
def decide(request: HttpRequest, interest) -> HttpResponse:
    checks = selectors.interest_checks_for_user(user=request.user, interest=interest)
    if not selectors.reviewer_actions(user=request.user, interest=interest, checks=checks).decide:
        return _not_now(
            request,
            interest,
            "This application can be decided once it is with PSD and the CCU has answered "
            "the intelligence check.",
        )
    return _decision_page(
        request,
        interest,
        form_class=DecisionForm,
        service=services.interest_decide,
        template="registers/interests/decide.html",
        done="The decision is recorded and the member has been told.",
        trace=checks[-1].is_trace,
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.interest_get_for_decision)
def review(request: HttpRequest, interest) -> HttpResponse:
    if not selectors.reviewer_actions(user=request.user, interest=interest, checks=[]).review:
        return _not_now(request, interest, "Only an approved interest can be reviewed.")
    return _decision_page(
        request,
        interest,
        form_class=ReviewForm,
        service=services.interest_review,
        template="registers/interests/review.html",
        done="The review is recorded and the member has been told.",
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.interest_get_for_appeal)
def decide_appeal(request: HttpRequest, interest) -> HttpResponse:
    actions = selectors.reviewer_actions(user=request.user, interest=interest, checks=[])
    if not actions.decide_appeal:
        return _not_now(request, interest, "This interest is not under appeal.")
    return _decision_page(
        request,
        interest,
        form_class=AppealDecisionForm,
        service=services.interest_decide_appeal,
        template="registers/interests/decide_appeal.html",
        done="Your decision on the appeal is recorded and the member has been told.",
    )


@require_POST
@record_page(selectors.interest_get_for_check_request)
def request_check(request: HttpRequest, interest) -> HttpResponse:
    try:
        services.interest_request_check(interest=interest, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The CCU has been asked for an intelligence check.")
    return redirect("interests:detail", pk=interest.pk)


@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    """The filtered register as CSV, for PSD: who it is for goes in the access log."""
    if not policy.in_psd(request.user):
        raise Http404
    interest_filter = selectors.interest_register_for_user(user=request.user, params=request.GET)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _csv(request, interest_filter, form.cleaned_data["recipient"])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "registers/interests/export.html",
        {"form": form, "count": interest_filter.qs.count(), "query": query.urlencode()},
    )


EXPORT_COLUMNS = (
    "reference",
    "staff_number",
    "name",
    "unit",
    "type",
    "employer_business_or_premises",
    "role",
    "hours_per_week",
    "paid",
    "start_date",
    "end_date",
    "status",
    "submitted",
    "review_due",
    "review_due_now",
)


def _cell(value) -> str:
    """Neutralise spreadsheet formulas: a cell starting with =, +, - or @ opens as text."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv(request: HttpRequest, interest_filter, recipient: str) -> StreamingHttpResponse:
    interests = interest_filter.qs
    query = request.GET.copy()
    query.pop("page", None)
    record_access(
        request=request,
        action=AccessAction.DISCLOSURE,
        area=Area.REGISTERS,
        recipient=recipient,
        search_terms=query.urlencode(),
        result_count=interests.count(),
    )
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(EXPORT_COLUMNS)
        for interest in interests.iterator(chunk_size=2000):
            person = interest.declarant
            yield writer.writerow(
                _cell(value)
                for value in (
                    interest.reference,
                    person.staff_number,
                    person.display_name,
                    person.org_unit.name,
                    interest.get_interest_type_display(),
                    interest.organisation,
                    interest.role,
                    interest.hours_per_week,
                    "yes" if interest.paid else "no",
                    interest.start_date,
                    interest.end_date or "",
                    interest.get_status_display(),
                    timezone.localtime(interest.submitted_at).date(),
                    interest.review_due or "",
                    "yes" if interest.review_due_now else "no",
                )
            )

    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="business-interests-{stamp}.csv"'
    return response
