"""Access rules for complaints and conduct (see standards.access.policy).

- The appropriate authority (PSD decision maker, the head of PSD) sees and changes every case.
- A PSD caseworker sees every case, but opens directly only the cases allocated to them (a
  need-to-know grant, guardian); any other opens after they give a reason (break glass). They
  change only the cases they are granted to work.
- The CCU reads PSD cases (read-only; after a reason: they are nobody's allocation in the CCU).
- The review body (the local policing body's reviewers) sees only the cases whose review is with
  it, or that it decided; read-only except for the review itself.
- The complainant's details and the case's documents are for the case team only: the caseworkers
  granted the case, the head of PSD and, for their cases, the review body.
- A complaint in the intake queue is PSD's; once it is opened as a case or added to one, it is
  that case's team's (it holds the complainant's details).
- Nobody sees a case they are a subject of or complained in (``subject_paths``), whatever role.
"""

from __future__ import annotations

from django.db.models import Q

from complaints.models import (
    Case,
    CaseDocument,
    Complainant,
    Intake,
    Letter,
    Review,
    ReviewBody,
)
from standards.access import policy
from standards.access.models import Area
from standards.access.roles import Role

ABOUT_CASE = ("subjects__person", "complainants__person")
ABOUT_CASE_OF = tuple(f"case__{path}" for path in ABOUT_CASE)


def _review_body_cases(user) -> Q:
    if not policy.holds(user, Role.REVIEW_BODY):
        return policy.NOTHING
    with_them = Review.objects.filter(
        Q(body=ReviewBody.LOCAL_POLICING_BODY) & (Q(decided_on__isnull=True) | Q(decided_by=user))
    )
    return Q(pk__in=with_them.values("case_id"))


def _team_cases(user) -> Q:
    """The case team: the head of PSD for every case, a caseworker for the cases granted."""
    if policy.holds(user, Role.PSD_DECISION_MAKER):
        return policy.EVERYTHING
    if policy.holds(user, Role.PSD_CASEWORKER):
        return policy.granted(user, Case, "view_case")
    return policy.NOTHING


def _case_visible(user) -> Q:
    if policy.in_psd(user) or policy.in_ccu(user):
        return policy.EVERYTHING
    return _review_body_cases(user)


def _case_changeable(user) -> Q:
    if policy.holds(user, Role.PSD_DECISION_MAKER):
        return policy.EVERYTHING
    if policy.holds(user, Role.PSD_CASEWORKER):
        return policy.granted(user, Case, "work_case")
    return policy.NOTHING


def _case_allocated(user) -> Q:
    if policy.holds(user, Role.PSD_DECISION_MAKER) or policy.holds(user, Role.REVIEW_BODY):
        return policy.EVERYTHING
    return _team_cases(user)


def _of_cases(condition: Q) -> Q:
    if condition == policy.EVERYTHING:
        return policy.EVERYTHING
    return Q(case__in=Case.objects.filter(condition).values("pk"))


def case_team_filter(user) -> Q:
    """The cases whose team the user is in (a filter on ``Case``)."""
    team = _team_cases(user)
    if team == policy.EVERYTHING:
        return team
    return team | _review_body_cases(user)


def _case_team_and_reviewers(user) -> Q:
    return _of_cases(case_team_filter(user))


policy.register(
    policy.Rule(
        model=Case,
        area=Area.PSD,
        visible=_case_visible,
        changeable=_case_changeable,
        subject_paths=ABOUT_CASE,
        allocated=_case_allocated,
    )
)

policy.register(
    policy.Rule(
        model=Complainant,
        area=Area.PSD,
        visible=_case_team_and_reviewers,
        changeable=lambda user: _of_cases(_case_changeable(user)),
        subject_paths=("person", *ABOUT_CASE_OF),
    )
)

policy.register(
    policy.Rule(
        model=CaseDocument,
        area=Area.PSD,
        visible=_case_team_and_reviewers,
        changeable=lambda user: _of_cases(_case_changeable(user)),
        subject_paths=ABOUT_CASE_OF,
    )
)

policy.register(
    policy.Rule(
        model=Letter,
        area=Area.PSD,
        visible=_case_team_and_reviewers,
        # A letter is issued, never edited.
        changeable=lambda user: policy.NOTHING,
        subject_paths=ABOUT_CASE_OF,
    )
)


def _review_visible(user) -> Q:
    if policy.in_psd(user) or policy.in_ccu(user):
        return policy.EVERYTHING
    if not policy.holds(user, Role.REVIEW_BODY):
        return policy.NOTHING
    return Q(body=ReviewBody.LOCAL_POLICING_BODY) & (
        Q(decided_on__isnull=True) | Q(decided_by=user)
    )


def _review_changeable(user) -> Q:
    if policy.holds(user, Role.PSD_DECISION_MAKER):
        return policy.EVERYTHING
    if policy.holds(user, Role.REVIEW_BODY):
        return Q(body=ReviewBody.LOCAL_POLICING_BODY, decided_on__isnull=True)
    return policy.NOTHING


def _review_allocated(user) -> Q:
    """A review opens directly for its case's team, the head of PSD and the review body; anyone
    else who may read it (another caseworker, the CCU) gives a reason first, as for the case:
    the grounds and a late application's reason are the complainant's own words."""
    return _of_cases(_case_allocated(user))


policy.register(
    policy.Rule(
        model=Review,
        area=Area.PSD,
        visible=_review_visible,
        changeable=_review_changeable,
        subject_paths=ABOUT_CASE_OF,
        allocated=_review_allocated,
    )
)


def _intake_visible(user) -> Q:
    """A complaint waiting in the intake queue: the complainant's own words and details, for PSD
    alone. Once opened as a case or added to one it is part of that case's file, and its
    complainant's details are the case team's: the head of PSD and the caseworkers granted it."""
    if not policy.in_psd(user):
        return policy.NOTHING
    team = case_team_filter(user)
    if team == policy.EVERYTHING:
        return team
    return Q(case__isnull=True) | Q(case__in=Case.objects.filter(team).values("pk"))


policy.register(
    policy.Rule(
        model=Intake,
        area=Area.PSD,
        visible=_intake_visible,
        changeable=_intake_visible,
        # Nobody reads the complaint that became a case about them.
        subject_paths=ABOUT_CASE_OF,
    )
)
