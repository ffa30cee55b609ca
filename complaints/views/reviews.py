"""Reviews (reg 29): PSD records the complainant's application; the review body's list of the
reviews with it, a review's page (what the reviewer needs: the case summary, the allegations,
the outcome and the outcome letter, without the rest of the case file) and its result."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from complaints import clocks
from complaints.forms.reviews import ReviewApplicationForm, ReviewDecisionForm
from complaints.models import Case, Review, ReviewBody
from complaints.selectors import reviews as selectors
from complaints.selectors.cases import case_get_for_work
from complaints.selectors.letters import outcome_letter
from complaints.services.reviews import review_decide, review_record_application
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.core.forms import apply_errors

PAGE_SIZE = 50


@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    reviews = selectors.review_list_for_user(user=request.user)
    page = Paginator(reviews, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    record_search(request, area=Area.PSD, result_count=page, terms="reviews")
    return render(request, "complaints/reviews/list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@record_page(selectors.review_get_for_user)
def detail(request: HttpRequest, review: Review) -> HttpResponse:
    if request.method == "POST":
        # The page takes one POST: the reason given on the break-glass page, which
        # ``record_page`` has logged by now. The page itself changes nothing.
        return redirect(request.path)
    context = {"review": review, **selectors.review_file(user=request.user, review=review)}
    return render(request, "complaints/reviews/detail.html", context)


@require_http_methods(["GET", "POST"])
@record_page(selectors.review_get_for_decision)
def decide(request: HttpRequest, review: Review) -> HttpResponse:
    form = ReviewDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review_decide(review=review, acting_user=request.user, **form.service_kwargs())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                "The result of the review is recorded. PSD will send the complainant the review "
                "outcome letter.",
            )
            return redirect("complaints:review", pk=review.pk)
    context = {
        "review": review,
        "form": form,
        **selectors.review_file(user=request.user, review=review),
    }
    return render(request, "complaints/reviews/decide.html", context)


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def apply(request: HttpRequest, case: Case) -> HttpResponse:
    letter = outcome_letter(user=request.user, case=case)
    form = ReviewApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = review_record_application(
                case=case, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            where = (
                "It is now with the review body, who will record the result here."
                if review.body == ReviewBody.LOCAL_POLICING_BODY
                else "Send it to the IOPC; record the IOPC's result here when it comes."
            )
            late = " It was made after the last day and is flagged late." if review.late else ""
            messages.success(request, f"The review application is recorded.{late} {where}")
            return redirect("complaints:review", pk=review.pk)
    context = {
        "case": case,
        "form": form,
        "letter": letter,
        "last_day": clocks.review_last_day(letter.issued_on) if letter else None,
    }
    return render(request, "complaints/reviews/apply.html", context)
