"""Reads for reviews (reg 29). The review body (the local policing body's reviewers) sees only
the reviews with it, and through them only what a reviewer needs: the case summary, the
allegations with their results, the outcome and the outcome letter. PSD sees every review."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from complaints.models import Case, Letter, Review
from standards.access import policy
from standards.access.roles import Role


def sees_reviews(user) -> bool:
    return policy.in_psd(user) or policy.in_ccu(user) or policy.holds(user, Role.REVIEW_BODY)


def review_list_for_user(*, user) -> QuerySet[Review]:
    """The reviews the user may see, open ones first; a 404 for anyone who reads no reviews."""
    if not user.is_authenticated or not sees_reviews(user):
        raise Http404("No such page")
    return policy.visible(
        user,
        Review.objects.select_related("case", "decided_by__person", "outcome_letter"),
    ).order_by("-decided_on", "applied_on", "pk")


def review_get_for_user(*, user, pk) -> Review:
    try:
        return policy.visible(user, Review.objects.select_related("case", "outcome_letter")).get(
            pk=pk
        )
    except (Review.DoesNotExist, ValueError, TypeError):
        raise Http404("No such review") from None


def review_get_for_decision(*, user, pk) -> Review:
    """A review still open, for the body that decides it (the review body for the local policing
    body's reviews, the head of PSD for the IOPC's result); anyone else gets the 404."""
    try:
        return policy.changeable(
            user,
            policy.visible(
                user,
                Review.objects.select_related("case", "outcome_letter").filter(
                    decided_on__isnull=True
                ),
            ),
        ).get(pk=pk)
    except (Review.DoesNotExist, ValueError, TypeError):
        raise Http404("No such review") from None


def review_file(*, user, review: Review) -> dict:
    """What the reviewer is shown: the case summary, the allegations and their results, the
    outcome, and the outcome letter as the complainant received it (when the user may see
    letters on the case)."""
    case: Case = review.case
    # A PSD caseworker (or the CCU) who may see every case still opens one not allocated to them
    # only after giving a reason: the review page must not be a way round that. They see the
    # review itself, and open the case through its own page (which asks for the reason).
    shows_case = not policy.needs_justification(user, case)
    letter = None
    if shows_case and review.outcome_letter_id:
        letter = policy.visible(user, Letter.objects.filter(pk=review.outcome_letter_id)).first()
    allegations = case.allegations.select_related("category").order_by("pk")
    return {
        "case": case,
        "shows_case": shows_case,
        "allegations": list(allegations) if shows_case else [],
        "outcome_letter": letter,
        "may_decide": review.is_open and policy.can_change(user, review),
    }
