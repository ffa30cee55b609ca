"""The CCU's triage pages: the intake queue, a report's triage tab, development actions,
management interventions and the sanitised referral to PSD. Every one is a 404 outside the CCU
(the selectors see to it); each POST calls one service and redirects saying what happens next."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from ccu.forms.triage import (
    ActionCompleteForm,
    ActionForm,
    InterventionDecideForm,
    InterventionProposeForm,
    MeetingForm,
    ReferralForm,
    TriageForm,
)
from ccu.models import TriageOutcome
from ccu.selectors import triage as selectors
from ccu.selectors.reports import report_get_for_user, report_get_for_work, report_tab_context
from ccu.services import triage as services
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.core.forms import apply_errors

PAGE_SIZE = 50


@require_GET
def triage_queue(request: HttpRequest) -> HttpResponse:
    reports = selectors.triage_queue_for_user(user=request.user)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    record_search(request, area=Area.CCU, result_count=page)
    today = timezone.localdate()
    for report in page:
        report.age_days = (today - report.received_on).days
    return render(request, "ccu/triage/queue.html", {"page": page})


@require_http_methods(["GET", "POST"])
@record_page(report_get_for_user)
def report_triage(request: HttpRequest, report) -> HttpResponse:
    triage = selectors.triage_of_report(user=request.user, report=report)
    form = TriageForm(request.POST or None, may_refer=triage["may_refer"])
    if request.method == "POST" and triage["may_work"] and form.is_valid():
        outcome = form.cleaned_data["outcome"]
        if outcome == TriageOutcome.INTERVENTION:
            return redirect("ccu:intervention_propose", pk=report.pk)
        if outcome == TriageOutcome.REFERRAL:
            return redirect("ccu:report_refer", pk=report.pk)
        try:
            services.report_triage(
                report=report,
                outcome=outcome,
                rationale=form.cleaned_data["rationale"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            next_step = {
                TriageOutcome.NO_FURTHER_ACTION: "The report is closed with no further action. "
                "It stays on record and can be triaged again if more comes in.",
                TriageOutcome.DEVELOP: "The report is being developed. Add the actions it needs, "
                "each with an owner and a due date.",
                TriageOutcome.COVERT: "The report is under covert investigation. Nobody outside "
                "the CCU is told.",
            }[TriageOutcome(outcome)]
            messages.success(request, next_step)
            return redirect("ccu:report_triage", pk=report.pk)
    return render(
        request,
        "ccu/triage/report_triage.html",
        {
            **report_tab_context(user=request.user, report=report, tab="report_triage"),
            **triage,
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(report_get_for_work)
def action_add(request: HttpRequest, report) -> HttpResponse:
    owners = selectors.action_owner_choices(report=report)
    form = ActionForm(request.POST or None, owners=owners, initial={"owner": request.user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_add(
                report=report,
                description=form.cleaned_data["description"],
                owner=form.cleaned_data["owner"],
                due_on=form.cleaned_data["due_on"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            who = (
                "It is on your list of actions"
                if action.owner_id == request.user.pk
                else f"{action.owner.display_name} has been told and will see it on their list"
            )
            messages.success(request, f"Action added, due {action.due_on:%-d %B %Y}. {who}.")
            return redirect("ccu:report_triage", pk=report.pk)
    return render(request, "ccu/triage/action_add.html", {"report": report, "form": form})


@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    actions = selectors.action_list_for_user(user=request.user)
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    record_search(request, area=Area.CCU, result_count=page)
    today = timezone.localdate()
    for action in page:
        action.overdue = action.due_on < today
    return render(request, "ccu/triage/action_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@record_page(selectors.action_get_for_completion)
def action_complete(request: HttpRequest, action) -> HttpResponse:
    form = ActionCompleteForm(request.POST or None)
    if request.method == "POST" and not action.done_on and form.is_valid():
        try:
            services.action_complete(
                action=action, result=form.cleaned_data["result"], acting_user=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                "Action completed. Its result is on the report's triage record: decide there "
                "whether the report needs anything more.",
            )
            return redirect("ccu:report_triage", pk=action.report_id)
    return render(request, "ccu/triage/action_complete.html", {"action": action, "form": form})


@require_http_methods(["GET", "POST"])
@record_page(report_get_for_work)
def intervention_propose(request: HttpRequest, report) -> HttpResponse:
    subjects = selectors.report_subjects(user=request.user, report=report)
    form = InterventionProposeForm(request.POST or None, subjects=subjects)
    if request.method == "POST" and form.is_valid():
        try:
            intervention = services.intervention_propose(
                report=report,
                subject=form.cleaned_data["subject"],
                proposal=form.cleaned_data["proposal"],
                no_case_confirmed=form.cleaned_data["no_case_confirmed"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if selectors.is_head(request.user):
                done = "The proposal is recorded. Authorise it, or not, on the next page."
            else:
                done = (
                    "The proposal is with the head of the CCU, who has been told. Nothing "
                    "happens until they authorise it."
                )
            messages.success(request, done)
            return redirect("ccu:intervention_detail", pk=intervention.pk)
    return render(
        request,
        "ccu/triage/intervention_propose.html",
        {"report": report, "form": form, "subjects": subjects},
    )


@require_GET
def intervention_list(request: HttpRequest) -> HttpResponse:
    lists = selectors.intervention_lists_for_user(user=request.user)
    rows = {name: list(queryset[:200]) for name, queryset in lists.items()}
    record_search(request, area=Area.CCU, result_count=sum(len(r) for r in rows.values()))
    return render(
        request,
        "ccu/triage/intervention_list.html",
        {"is_head": selectors.is_head(request.user), **rows},
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.intervention_get_for_user)
def intervention_detail(request: HttpRequest, intervention) -> HttpResponse:
    may_decide = selectors.may_decide_intervention(user=request.user, intervention=intervention)
    form = InterventionDecideForm(request.POST or None)
    if request.method == "POST" and may_decide and form.is_valid():
        authorise = form.cleaned_data["decision"] == "authorise"
        try:
            services.intervention_decide(
                intervention=intervention,
                authorise=authorise,
                rationale=form.cleaned_data["rationale"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if authorise:
                done = (
                    "The meeting is authorised and the proposer has been told. Record the "
                    "meeting, the advice and a follow-up date once it has been held."
                )
            else:
                done = (
                    "The meeting is not authorised and the proposer has been told. The report is "
                    "back in the triage queue for another decision."
                )
            messages.success(request, done)
            return redirect("ccu:intervention_detail", pk=intervention.pk)
    return render(
        request,
        "ccu/triage/intervention_detail.html",
        {
            "intervention": intervention,
            "form": form,
            "may_decide": may_decide,
            "may_record_meeting": selectors.may_record_meeting(
                user=request.user, intervention=intervention
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.intervention_get_for_meeting)
def intervention_meeting(request: HttpRequest, intervention) -> HttpResponse:
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.intervention_record_meeting(
                intervention=intervention, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                "The meeting is recorded. Follow up on "
                f"{form.cleaned_data['follow_up_on']:%-d %B %Y}, and triage the report again "
                "if more comes in.",
            )
            return redirect("ccu:intervention_detail", pk=intervention.pk)
    return render(
        request,
        "ccu/triage/intervention_meeting.html",
        {"intervention": intervention, "form": form},
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.report_get_for_referral)
def report_refer(request: HttpRequest, report) -> HttpResponse:
    """The summary and subjects, then a check-your-answers page showing exactly what PSD will
    receive, then the service."""
    subjects = selectors.report_subjects(user=request.user, report=report)
    initial = {
        "summary": report.sanitised_text,
        "subjects": [str(link.person_id) for link in subjects],
    }
    form = ReferralForm(request.POST or None, subjects=subjects, initial=initial)
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        try:
            if "confirmed" not in request.POST:
                summary, people = services.clean_referral(
                    report=report,
                    summary=form.cleaned_data["summary"],
                    subjects=form.cleaned_data["subjects"],
                )
                return render(
                    request,
                    "ccu/triage/refer_check.html",
                    {
                        "report": report,
                        "form": form,
                        "summary": summary,
                        "people": people,
                        "sent_on": timezone.localdate(),
                    },
                )
            services.report_refer(
                report=report,
                summary=form.cleaned_data["summary"],
                subjects=form.cleaned_data["subjects"],
                rationale=form.cleaned_data["rationale"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                "The referral has gone to PSD, who will open a conduct matter from the summary "
                "alone. The link to this report stays in the CCU.",
            )
            return redirect("ccu:report_triage", pk=report.pk)
    return render(
        request,
        "ccu/triage/refer.html",
        {
            "report": report,
            "form": form,
            "already_referred": report.status == "referred",
        },
    )
