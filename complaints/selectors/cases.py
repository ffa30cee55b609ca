"""The case itself: the one record every complaints page starts from."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from complaints import rules
from complaints.models import Case, Complainant
from standards.access import policy


def case_list_for_user(*, user) -> QuerySet[Case]:
    """Every case the user may see (one query); the queue pages narrow and order it."""
    return policy.visible(user, Case.objects.select_related("lead"))


def case_get_for_user(*, user, pk) -> Case:
    """The case, or the same 404 for a case out of sight as for one that does not exist."""
    try:
        return case_list_for_user(user=user).get(pk=pk)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404("No such case") from None


def case_get_for_work(*, user, pk) -> Case:
    """The case, for a page that changes it: the case team only (caseworkers granted it, the
    head of PSD). Anyone else who may read it gets the 404 of a missing case."""
    try:
        return policy.changeable(user, Case.objects.select_related("lead")).get(pk=pk)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404("No such case") from None


def in_case_team(*, user, case: Case) -> bool:
    """Whether the user is in the case team (and may see the complainant's details and the
    documents): the head of PSD, a caseworker granted the case, or the review body for a case
    whose review is with it."""
    if not user.is_authenticated:
        return False
    condition = rules.case_team_filter(user) & policy.not_about(user, rules.ABOUT_CASE)
    return Case.objects.filter(pk=case.pk).filter(condition).exists()


@dataclass(frozen=True)
class CaseAccess:
    """What a user may do with one case, asked once: change it (the case team), and see what is
    the team's alone (the complainant's details, documents, letters)."""

    user_id: int | None
    may_work: bool
    in_team: bool


def case_access(*, user, case: Case) -> CaseAccess:
    """The user's access to the case, asked of the policy once for the case as fetched: a case
    page's header and panels each need it, and each question costs a query (and more to build
    it). Kept on the instance, which a page fetches afresh on every request."""
    cached = case.__dict__.get("_case_access")
    if cached is not None and cached.user_id == user.pk:
        return cached
    access = CaseAccess(
        user_id=user.pk,
        may_work=policy.can_change(user, case),
        in_team=in_case_team(user=user, case=case),
    )
    case.__dict__["_case_access"] = access
    return access


def complainants_for_user(*, user, case: Case) -> QuerySet[Complainant]:
    """The case's complainants as the user may see them: all of them for the case team, none
    for anyone else (check ``in_case_team`` to say "withheld" rather than "none")."""
    return policy.visible(user, Complainant.objects.filter(case=case))


def case_opens_directly(*, user, case: Case) -> bool:
    """Whether the case opens for the user without a reason first (it is allocated to them, or
    they are the head of PSD): where to send someone who has just opened or changed it."""
    return not policy.needs_justification(user, case)
