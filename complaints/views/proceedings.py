"""Proceedings pages: arrange a meeting or hearing, publish a hearing's notice, record the
outcome, a Police Appeals Tribunal appeal, the barred or advisory list notification, and a
lesson from the closed case. Same shape as ``views.conduct``."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from complaints.forms import conduct as forms
from complaints.models import Case, ProceedingsForm
from complaints.selectors import conduct as selectors
from complaints.selectors.cases import case_get_for_work
from complaints.services import proceedings as services
from complaints.views.conduct import decisions_path, form_page
from standards.access.pages import record_page
from standards.core.dates import written


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def arrange(request: HttpRequest, case: Case, subject: int) -> HttpResponse:
    subject = selectors.subject_of_case(case=case, pk=subject)
    return form_page(
        request,
        case,
        form=forms.ArrangeForm(request.POST or None),
        action=lambda data: services.proceedings_arrange(
            subject=subject, acting_user=request.user, **data
        ),
        template="complaints/conduct/arrange.html",
        done=lambda p: (
            f"The {p.get_form_display().lower()} for {subject} is arranged for "
            f"{written(p.held_on)}."
            + (" Next: publish its notice." if p.form != ProceedingsForm.MEETING else "")
        ),
        subject=subject,
        current=selectors.current_assessment_of(subject=subject),
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def publish_notice(request: HttpRequest, case: Case, proceedings: int) -> HttpResponse:
    proceedings = selectors.proceedings_of_case(case=case, pk=proceedings)
    if proceedings.notice_published_at:
        messages.info(request, "The notice is already published.")
        return redirect(decisions_path(case))
    return form_page(
        request,
        case,
        form=forms.PublishNoticeForm(
            request.POST or None, initial={"public_notice": proceedings.public_notice}
        ),
        action=lambda data: services.hearing_notice_publish(
            proceedings=proceedings, acting_user=request.user, **data
        ),
        template="complaints/conduct/publish_notice.html",
        done=lambda p: (
            "The notice is on the public hearings page. After the hearing, record "
            "its outcome: it is published with the notice."
        ),
        proceedings=proceedings,
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def outcome(request: HttpRequest, case: Case, proceedings: int) -> HttpResponse:
    proceedings = selectors.proceedings_of_case(case=case, pk=proceedings)
    if proceedings.outcome:
        messages.info(request, "The outcome has already been recorded.")
        return redirect(decisions_path(case))

    def done(p) -> str:
        words = f"The outcome ({p.get_outcome_display().lower()}) is recorded."
        if p.outcome == "dismissal":
            due = selectors.barred_list_due(p.outcome_on)
            words += f" Notify the police barred list by {written(due)}."
        elif p.outcome_published_at:
            words += " It is on the public hearings page."
        return words

    return form_page(
        request,
        case,
        form=forms.OutcomeForm(
            request.POST or None, meeting=proceedings.form == ProceedingsForm.MEETING
        ),
        action=lambda data: services.proceedings_record_outcome(
            proceedings=proceedings, acting_user=request.user, **data
        ),
        template="complaints/conduct/outcome.html",
        done=done,
        proceedings=proceedings,
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def appeal(request: HttpRequest, case: Case, proceedings: int) -> HttpResponse:
    proceedings = selectors.proceedings_of_case(case=case, pk=proceedings)
    return form_page(
        request,
        case,
        form=forms.AppealForm(request.POST or None),
        action=lambda data: services.tribunal_appeal_record(
            proceedings=proceedings, acting_user=request.user, **data
        ),
        template="complaints/conduct/appeal.html",
        done=lambda a: (
            "The appeal to the Police Appeals Tribunal is recorded. Record the "
            "tribunal's result when it comes."
        ),
        proceedings=proceedings,
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def appeal_result(request: HttpRequest, case: Case, appeal: int) -> HttpResponse:
    appeal = selectors.appeal_of_case(case=case, pk=appeal)
    if appeal.decided_on:
        messages.info(request, "The tribunal's result has already been recorded.")
        return redirect(decisions_path(case))
    return form_page(
        request,
        case,
        form=forms.AppealResultForm(request.POST or None),
        action=lambda data: services.tribunal_appeal_decide(
            appeal=appeal, acting_user=request.user, **data
        ),
        template="complaints/conduct/appeal_result.html",
        done=lambda a: "The tribunal's result is recorded.",
        appeal=appeal,
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def barred_list(request: HttpRequest, case: Case, subject: int) -> HttpResponse:
    subject = selectors.subject_of_case(case=case, pk=subject)
    initial = services.barred_list_prefill(subject=subject)
    if initial.get("proceedings_form") == "":
        initial["proceedings_form"] = "none"

    def done(listing) -> str:
        if listing.notified_on:
            return f"The {listing.get_barred_list_display().lower()} notification is recorded."
        due = selectors.barred_list_due(listing.trigger_on)
        return (
            f"The {listing.get_barred_list_display().lower()} notification is recorded. Send "
            f"it to the College of Policing by {written(due)}, then record the date sent."
        )

    return form_page(
        request,
        case,
        form=forms.BarredListForm(request.POST or None, initial=initial),
        action=lambda data: services.barred_list_notify(
            subject=subject, acting_user=request.user, **data
        ),
        template="complaints/conduct/barred_list.html",
        done=done,
        subject=subject,
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def listing_sent(request: HttpRequest, case: Case, listing: int) -> HttpResponse:
    listing = selectors.listing_of_case(case=case, pk=listing)
    return form_page(
        request,
        case,
        form=forms.SentForm(request.POST or None),
        action=lambda data: services.barred_list_sent(
            listing=listing, acting_user=request.user, **data
        ),
        template="complaints/conduct/listing_sent.html",
        done=lambda listing: "The date it was sent is recorded.",
        listing=listing,
        due_on=selectors.barred_list_due(listing.trigger_on),
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def lesson(request: HttpRequest, case: Case) -> HttpResponse:
    return form_page(
        request,
        case,
        form=forms.LessonForm(request.POST or None),
        action=lambda data: services.lesson_publish(case=case, acting_user=request.user, **data),
        template="complaints/conduct/lesson.html",
        done=lambda lesson: (
            "The lesson is published on the force's lessons page, without "
            "names or the case reference."
        ),
    )
