"""Reviewers' pages for business interests (/registers/interests/): PSD's register and its
"incompatible or withdrawn - monitor" view, the line manager's and the chief officer's queues, a
record's page and the decision steps. Each view: access (a selector, 404 when out of sight),
service, response; every page that shows a record goes through ``record_page``, every list logs
its search with ``record_search``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from registers.interests import exports, selectors, services
from registers.interests.forms import (
    AppealDecisionForm,
    DecisionForm,
    ExportForm,
    RecommendForm,
    ReviewForm,
)
from registers.interests.models import BusinessInterest
from standards.access.models import AccessAction, Area
from standards.access.pages import record_page, record_search
from standards.core.export import dataset_response
from standards.core.forms import apply_errors

PAGE_SIZE = 50


def _page(request: HttpRequest, queryset):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    return page


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
def register(request: HttpRequest) -> HttpResponse:
    interest_filter = selectors.interest_register_for_user(user=request.user, params=request.GET)
    page = _page(request, interest_filter.qs)
    record_search(request, area=Area.REGISTERS, result_count=page)
    return render(
        request,
        "registers/interests/register.html",
        {
            "filter": interest_filter,
            "page": page,
            "query": _query(request),
            "sees_checks": selectors.sees_checks(request.user),
            "may_export": selectors.may_export(request.user),
        },
    )


@require_GET
def refused(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.interest_monitor_list_for_user(user=request.user))
    record_search(
        request, area=Area.REGISTERS, result_count=page, terms="incompatible and withdrawn"
    )
    return render(request, "registers/interests/refused.html", {"page": page})


@require_GET
def recommendations(request: HttpRequest) -> HttpResponse:
    waiting = selectors.interest_awaiting_recommendation_for_user(user=request.user)
    page = _page(request, waiting)
    team = list(selectors.interest_team_for_user(user=request.user)[:PAGE_SIZE])
    record_search(
        request, area=Area.REGISTERS, result_count=page, terms="awaiting my recommendation"
    )
    return render(request, "registers/interests/recommendations.html", {"page": page, "team": team})


@require_GET
def appeals(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.interest_appeals_for_user(user=request.user))
    record_search(
        request, area=Area.REGISTERS, result_count=page, terms="appeals awaiting decision"
    )
    return render(request, "registers/interests/appeals.html", {"page": page})


def _record_context(request: HttpRequest, interest: BusinessInterest) -> dict:
    decisions = selectors.interest_decisions(interest=interest)
    checks = selectors.interest_checks_for_user(user=request.user, interest=interest)
    sees_checks = selectors.sees_checks(request.user)
    return {
        "interest": interest,
        "decisions": decisions,
        "current": selectors.current_decision(decisions),
        "recommendation": selectors.latest_recommendation(decisions),
        "checks": checks,
        "check": checks[-1] if checks else None,
        "sees_checks": sees_checks,
        "actions": selectors.reviewer_actions(user=request.user, interest=interest, checks=checks),
        "next_step": selectors.reviewer_next_step(
            interest=interest, decisions=decisions, checks=checks, sees_checks=sees_checks
        ),
        "timeline": selectors.interest_timeline(
            interest=interest, decisions=decisions, checks=checks
        ),
    }


@require_GET
@record_page(selectors.interest_get_for_user)
def detail(request: HttpRequest, interest: BusinessInterest) -> HttpResponse:
    return render(request, "registers/interests/detail.html", _record_context(request, interest))


def _decision_page(
    request: HttpRequest,
    interest: BusinessInterest,
    *,
    form_class,
    service,
    template: str,
    done: str,
    confirm_template: str = "",
    **kw,
) -> HttpResponse:
    """The shared shape of the four decision pages: the record, a form, the service. With a
    ``confirm_template`` a valid form is first shown back to be checked (a final decision);
    the page's "Record" button then records it, its "Change" button reopens the form."""
    form = form_class(request.POST or None, **kw)
    if request.method == "POST" and form.is_valid():
        if confirm_template and "confirm" not in request.POST:
            template = template if "change" in request.POST else confirm_template
        else:
            try:
                decision = service(interest=interest, acting_user=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, f"{done} {selectors.after_decision(decision)}")
                return redirect("interests:detail", pk=interest.pk)
    context = _record_context(request, interest)
    context["form"] = form
    return render(request, template, context)


def _not_now(request: HttpRequest, interest: BusinessInterest, message: str) -> HttpResponse:
    """The person may take this step on this record, just not now (it has moved on)."""
    messages.info(request, message)
    return redirect("interests:detail", pk=interest.pk)


@require_http_methods(["GET", "POST"])
@record_page(selectors.interest_get_for_recommendation)
def recommend(request: HttpRequest, interest: BusinessInterest) -> HttpResponse:
    if not selectors.reviewer_actions(user=request.user, interest=interest, checks=[]).recommend:
        return _not_now(request, interest, "This application is no longer waiting for you.")
    return _decision_page(
        request,
        interest,
        form_class=RecommendForm,
        service=services.interest_recommend,
        template="registers/interests/recommend.html",
        done="Your recommendation is recorded.",
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.interest_get_for_decision)
def decide(request: HttpRequest, interest: BusinessInterest) -> HttpResponse:
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
        done="The decision is recorded.",
        trace=checks[-1].is_trace,
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.interest_get_for_decision)
def review(request: HttpRequest, interest: BusinessInterest) -> HttpResponse:
    if not selectors.reviewer_actions(user=request.user, interest=interest, checks=[]).review:
        return _not_now(request, interest, "Only an approved interest can be reviewed.")
    return _decision_page(
        request,
        interest,
        form_class=ReviewForm,
        service=services.interest_review,
        template="registers/interests/review.html",
        done="The review is recorded.",
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.interest_get_for_appeal)
def decide_appeal(request: HttpRequest, interest: BusinessInterest) -> HttpResponse:
    actions = selectors.reviewer_actions(user=request.user, interest=interest, checks=[])
    if not actions.decide_appeal:
        return _not_now(request, interest, "This interest is not under appeal.")
    return _decision_page(
        request,
        interest,
        form_class=AppealDecisionForm,
        service=services.interest_decide_appeal,
        template="registers/interests/decide_appeal.html",
        confirm_template="registers/interests/confirm_appeal.html",
        done="Your decision on the appeal is recorded.",
    )


@require_POST
@record_page(selectors.interest_get_for_check_request)
def request_check(request: HttpRequest, interest: BusinessInterest) -> HttpResponse:
    try:
        services.interest_request_check(interest=interest, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "The CCU has been asked for an intelligence check. The head of PSD can decide once "
            "the CCU has answered.",
        )
    return redirect("interests:detail", pk=interest.pk)


@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    """The filtered register as CSV or XLSX, for PSD: who it is for goes in the access log."""
    interest_filter = selectors.interest_export_for_user(user=request.user, params=request.GET)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        interests = interest_filter.qs
        record_search(
            request,
            area=Area.REGISTERS,
            action=AccessAction.DISCLOSURE,
            recipient=form.cleaned_data["recipient"],
            result_count=interests.count(),
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        return dataset_response(
            exports.register_dataset(interests.iterator(chunk_size=2000)),
            filename=f"business-interests-{stamp}",
            file_format=form.cleaned_data["file_format"],
        )
    return render(
        request,
        "registers/interests/export.html",
        {"form": form, "count": interest_filter.qs.count(), "query": _query(request)},
    )
