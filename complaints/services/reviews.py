"""Reviews (Police (Complaints and Misconduct) Regulations 2020, reg 29): the complainant's
application, and the review body's result.

**Which body reviews** (``relevant_review_body``): the IOPC when the complaint was referred to
the IOPC (any ``Referral`` with ``referred=True``), or when a subject of the complaint holds a
senior officer's rank (above chief superintendent: Chief Constable, Deputy Chief Constable,
Assistant Chief Constable, and the Metropolitan and City of London ranks from Commander up, as
``is_senior_officer_rank`` reads them); otherwise the local policing body. The outcome letter
names the body so worked out.

**The window**: 28 days starting with the day after the outcome letter (``clocks.review_last_day``:
a letter issued on day 0 makes day 28 the last day; an application on day 29 is late). A late
application is recorded and flagged (``late``), with the complainant's explanation, for the review
body to consider; it is never refused.

The review body role (the local policing body's reviewers) decides the reviews with it; the head
of PSD records the IOPC's result. The review outcome letter then goes to the complainant
(``complaints.services.letters``), and the case closes.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from complaints import clocks
from complaints.models import (
    Case,
    CaseStatus,
    Letter,
    LetterKind,
    Review,
    ReviewBody,
    ReviewResult,
)
from complaints.services.common import locked_case, save_with_history
from standards.access import policy
from standards.access.roles import Role
from standards.notifications.services import notifications_done, notify

# Senior officer ranks (above chief superintendent), for reg 30: a complaint about a senior
# officer is reviewed by the IOPC. Compared without case, surrounding spaces or a temporary or
# acting prefix ("T/ACC", "Acting Deputy Chief Constable"); the Metropolitan and City of London
# ranks are included, and the abbreviations directories use.
CHIEF_OFFICER_RANKS = frozenset(
    {
        "chief constable",
        "deputy chief constable",
        "assistant chief constable",
        "commander",
        "commissioner",
        "deputy commissioner",
        "assistant commissioner",
        "deputy assistant commissioner",
        "cc",
        "dcc",
        "acc",
        "dac",
    }
)
RANK_PREFIXES = ("temporary ", "acting ", "t/", "a/")


def is_senior_officer_rank(rank: str) -> bool:
    words = " ".join((rank or "").lower().split())
    for prefix in RANK_PREFIXES:
        if words.startswith(prefix):
            words = words.removeprefix(prefix).strip()
    return words in CHIEF_OFFICER_RANKS


DECIDED_RESULTS = frozenset({ReviewResult.UPHELD, ReviewResult.NOT_UPHELD})


def relevant_review_body(case: Case) -> str:
    """The body that reviews this complaint's outcome (see the module docstring)."""
    if case.referrals.filter(referred=True).exists():
        return ReviewBody.IOPC
    ranks = case.subjects.filter(person__isnull=False).values_list(
        "person__rank_or_grade", flat=True
    )
    if any(is_senior_officer_rank(rank) for rank in ranks):
        return ReviewBody.IOPC
    return ReviewBody.LOCAL_POLICING_BODY


def latest_outcome_letter(case: Case) -> Letter | None:
    return case.letters.filter(kind=LetterKind.OUTCOME).order_by("-issued_on", "-pk").first()


@transaction.atomic
def review_record_application(
    *,
    case: Case,
    applied_on: dt.date,
    grounds: str,
    acting_user,
    body: str | None = None,
    late_reason: str = "",
) -> Review:
    """Record the complainant's application for a review. A late one is recorded and flagged
    (with their explanation for the delay), never refused."""
    case = locked_case(case, acting_user)
    letter = latest_outcome_letter(case)
    if letter is None:
        raise ValidationError(
            "Issue the outcome letter first: the review window starts from the day after it"
        )
    if case.status != CaseStatus.OUTCOME or case.reviews.filter(decided_on__isnull=True).exists():
        raise ValidationError("A review application is already with the review body")
    body = body or letter.review_body or relevant_review_body(case)
    if letter.review_body and body != letter.review_body:
        raise ValidationError(
            f"The outcome letter named {ReviewBody(letter.review_body).label.lower()} as the "
            "review body: record the application with it"
        )
    errors: dict[str, list[str]] = {}
    if applied_on is None:
        errors["applied_on"] = ["Enter the date the complainant applied"]
    elif applied_on > timezone.localdate():
        errors["applied_on"] = ["The date they applied must be today or in the past"]
    elif applied_on < letter.issued_on:
        errors["applied_on"] = [
            "The date they applied must be on or after the day the outcome letter was issued"
        ]
    if not (grounds or "").strip():
        errors["grounds"] = ["Say why the complainant is not satisfied with the outcome"]
    late = applied_on is not None and clocks.review_is_late(
        told_on=letter.issued_on, applied_on=applied_on
    )
    if late and not (late_reason or "").strip():
        last_day = clocks.review_last_day(letter.issued_on)
        errors["late_reason"] = [
            f"The application is late (the last day was {last_day.day} {last_day:%B %Y}): "
            "give the complainant's explanation, or say they gave none"
        ]
    if errors:
        raise ValidationError(errors)

    review = Review(
        case=case,
        outcome_letter=letter,
        body=body,
        applied_on=applied_on,
        late=late,
        late_reason=late_reason.strip() if late else "",
        grounds=grounds.strip(),
        recorded_by=acting_user,
    )
    save_with_history(
        review, "Review application (late)" if late else "Review application", acting_user
    )
    case.status = CaseStatus.REVIEW
    save_with_history(case, "Review applied for", acting_user, update_fields=["status"])
    clocks.refresh(case)
    if body == ReviewBody.LOCAL_POLICING_BODY:
        reviewers = get_user_model().objects.filter(groups__name=Role.REVIEW_BODY, is_active=True)
        notify(
            recipients=reviewers,
            key=f"complaints-review-{review.pk}-applied",
            subject="review application waiting for your decision",
            url=reverse("complaints:review", kwargs={"pk": review.pk}),
            record=review,
            step="decide",
        )
    return review


@transaction.atomic
def review_decide(
    *,
    review: Review,
    result: str,
    recommendation: str,
    rationale: str,
    acting_user,
    decided_on: dt.date | None = None,
) -> Review:
    """The review body's result: the local policing body's reviewer for its reviews, the head
    of PSD recording the IOPC's. An upheld review says what the body recommends."""
    review = Review.objects.select_for_update().select_related("case").get(pk=review.pk)
    # The pages reach this only through the review selector; this guards other callers.
    if not policy.can_change(acting_user, review):
        raise ValidationError("You cannot record the result of this review")
    if not review.is_open:
        raise ValidationError("The result of this review has already been recorded")
    decided_on = decided_on or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if result not in DECIDED_RESULTS:
        errors["result"] = ["Select the result of the review"]
    if result == ReviewResult.UPHELD and not (recommendation or "").strip():
        errors["recommendation"] = ["Say what the review body recommends"]
    if not (rationale or "").strip():
        errors["rationale"] = ["Give the reasons for the result"]
    if decided_on > timezone.localdate() or decided_on < review.applied_on:
        errors["decided_on"] = ["The date of the result must be between the application and today"]
    if errors:
        raise ValidationError(errors)
    review.result = result
    review.recommendation = (recommendation or "").strip()
    review.rationale = rationale.strip()
    review.decided_on = decided_on
    review.decided_by = acting_user
    save_with_history(review, f"Review result: {review.get_result_display()}", acting_user)
    notifications_done(record=review, steps=("decide",))
    case = review.case
    if case.lead_id:
        notify(
            recipients=[case.lead],
            key=f"complaints-review-{review.pk}-decided",
            subject="review result recorded: send the review outcome letter",
            url=reverse("complaints:case_letters", kwargs={"pk": case.pk}),
            record=case,
        )
    return review
