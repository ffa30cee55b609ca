"""Reads for the outcome, letters and reviews of a case: the correspondence log (case team only:
letters hold the complainant's name and address), the letter templates in use, and the panels the
case page shows (``letters_panels``)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from complaints import clocks
from complaints.models import (
    Allegation,
    Case,
    CaseKind,
    CaseStatus,
    Handling,
    Letter,
    LetterKind,
    LetterTemplate,
    Review,
)
from complaints.selectors.cases import case_access
from standards.access import policy

SCHEDULE_3 = frozenset({Handling.OTHERWISE, Handling.INVESTIGATION})
# The outcome is given once the complaint has been handled; not while it waits to be assessed,
# and not again once a review or closure has followed it.
OUTCOME_FROM = frozenset(
    {CaseStatus.HANDLING, CaseStatus.INVESTIGATION, CaseStatus.PROCEEDINGS, CaseStatus.OUTCOME}
)


def letter_list_for_case(*, user, case: Case) -> QuerySet[Letter]:
    """The case's correspondence log as the user may see it (none outside the case team)."""
    return policy.visible(
        user,
        Letter.objects.filter(case=case).select_related("issued_by__person", "complainant"),
    ).order_by("-issued_at", "-pk")


def letter_get_for_user(*, user, pk) -> Letter:
    """One issued letter (its page and its downloads), or the 404 of a missing one."""
    try:
        return policy.visible(user, Letter.objects.select_related("case", "complainant")).get(pk=pk)
    except (Letter.DoesNotExist, ValueError, TypeError):
        raise Http404("No such letter") from None


def letter_templates(*, case: Case) -> list[LetterTemplate]:
    """The templates in use (reference data, not a protected record)."""
    return list(LetterTemplate.objects.filter(active=True).order_by("kind", "name"))


def case_allegations(*, case: Case) -> list[Allegation]:
    return list(case.allegations.select_related("category").order_by("pk"))


def outcome_letter(*, user, case: Case) -> Letter | None:
    """The latest outcome letter, if the user may see letters on the case."""
    return (
        letter_list_for_case(user=user, case=case)
        .filter(kind=LetterKind.OUTCOME)
        .order_by("-issued_on", "-pk")
        .first()
    )


def case_reviews(*, user, case: Case) -> list[Review]:
    return list(
        policy.visible(
            user, Review.objects.filter(case=case).select_related("decided_by__person")
        ).order_by("applied_on", "pk")
    )


def letters_panels(*, user, case: Case) -> dict:
    """Everything the letters tab, and the outcome and review panels of the allegations and
    decisions tabs, need (keys prefixed ``letters_``)."""
    access = case_access(user=user, case=case)
    may_work, in_team = access.may_work, access.in_team
    log = list(letter_list_for_case(user=user, case=case)) if in_team else []
    outcome_letters = [letter for letter in log if letter.kind == LetterKind.OUTCOME]
    latest_outcome = outcome_letters[0] if outcome_letters else None
    reviews = case_reviews(user=user, case=case)
    open_review = next((review for review in reviews if review.is_open), None)
    is_complaint = case.kind == CaseKind.COMPLAINT
    return {
        "letters_in_team": in_team,
        "letters_log": log,
        "letters_is_complaint": is_complaint,
        "letters_may_write": may_work and is_complaint and case.is_open,
        "letters_allegations": case_allegations(case=case),
        "letters_may_record_outcome": may_work
        and is_complaint
        and case.handling in SCHEDULE_3
        and case.status in OUTCOME_FROM
        and not outcome_letters,
        "letters_outcome_letter": latest_outcome,
        "letters_review_last_day": clocks.review_last_day(latest_outcome.issued_on)
        if latest_outcome
        else None,
        "letters_reviews": reviews,
        "letters_open_review": open_review,
        "letters_may_record_review": may_work
        and latest_outcome is not None
        and case.status == CaseStatus.OUTCOME,
        "letters_may_send_review_outcome": may_work
        and case.status == CaseStatus.REVIEW
        and open_review is None
        and bool(reviews),
    }


def outcome_blocker(*, case: Case) -> str | None:
    """Why the outcome cannot be recorded now, in words for the page (None when it can)."""
    if case.kind != CaseKind.COMPLAINT:
        return "Only a complaint has an outcome of this kind."
    if case.handling not in SCHEDULE_3:
        return "Record the handling decision under Schedule 3 before recording the outcome."
    if case.letters.filter(kind=LetterKind.OUTCOME).exists():
        return (
            "The outcome letter has been issued: the outcome is what the complainant was told "
            "and can no longer change."
        )
    if case.status not in OUTCOME_FROM:
        return f"The outcome cannot be recorded while the case is {case.get_status_display()}."
    if not case.allegations.exists():
        return "The case has no allegations yet. Add them before recording the outcome."
    return None
