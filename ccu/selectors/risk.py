"""Reads of the risk tools, through the access policy (``ccu.rules``): questionnaires, each
person's score history, and the People Intelligence Board.

All of it is a 404 outside the CCU, and a person's scores are a 404 to the person themselves,
whatever their role. The board is the head of the CCU's alone.
"""

from __future__ import annotations

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.http import Http404

from ccu.models import Questionnaire, RiskAssessment
from standards.access import policy
from standards.access.roles import Role
from standards.people.models import Person


def questionnaire_list_for_user(*, user) -> QuerySet[Questionnaire]:
    """The questionnaires in use, each with its questions; a 404 outside the CCU."""
    if not policy.in_ccu(user):
        raise Http404
    return (
        policy.visible(user, Questionnaire.objects.filter(active=True))
        .prefetch_related("questions")
        .order_by("title")
    )


def questionnaire_get_for_assessment(*, user, pk: str) -> Questionnaire:
    """A questionnaire in use, by its slug (``pk`` is the slug in the URL), or 404."""
    questionnaire = (
        policy.visible(user, Questionnaire.objects.filter(active=True, slug=pk))
        .prefetch_related("questions")
        .first()
    )
    if questionnaire is None:
        raise Http404
    return questionnaire


def recent_assessments_for_user(*, user, limit: int = 20) -> QuerySet[RiskAssessment]:
    """The latest scorings the user may see (never one about themselves)."""
    if not policy.in_ccu(user):
        raise Http404
    return (
        policy.visible(user, RiskAssessment.objects.all())
        .select_related("person", "questionnaire", "assessed_by__person")
        .order_by("-assessed_on", "-pk")[:limit]
    )


def person_get_for_risk(*, user, pk: int) -> Person:
    """The person whose scores are asked for: a 404 outside the CCU, and to the person."""
    if not policy.in_ccu(user) or pk == user.person_id:
        raise Http404
    person = policy.visible(user, Person.objects.select_related("org_unit")).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def person_for_staff_number(*, user, staff_number: str) -> Person | None:
    staff_number = (staff_number or "").strip()
    if not staff_number:
        return None
    return policy.visible(user, Person.objects.filter(staff_number=staff_number)).first()


def person_history_for_user(*, user, person: Person) -> list[tuple[Questionnaire, list]]:
    """The person's scores, newest first, grouped by questionnaire (the title's order)."""
    assessments = (
        policy.visible(user, RiskAssessment.objects.filter(person=person))
        .select_related("questionnaire", "assessed_by__person")
        .order_by("questionnaire__title", "-assessed_on", "-pk")
    )
    groups: dict[int, tuple[Questionnaire, list]] = {}
    for assessment in assessments:
        groups.setdefault(assessment.questionnaire_id, (assessment.questionnaire, []))[1].append(
            assessment
        )
    return list(groups.values())


def may_see_board(user) -> bool:
    return policy.holds(user, Role.CCU_HEAD)


def board_for_user(*, user) -> QuerySet[RiskAssessment]:
    """The People Intelligence Board: each person whose latest score on a questionnaire is at or
    above the threshold it was measured against, highest score first. One row per person and
    questionnaire; the head of the CCU only (a 404 to anyone else)."""
    if not may_see_board(user):
        raise Http404
    latest = (
        RiskAssessment.objects.filter(
            person=OuterRef("person"), questionnaire=OuterRef("questionnaire")
        )
        .order_by("-assessed_on", "-pk")
        .values("pk")[:1]
    )
    return (
        policy.visible(user, RiskAssessment.objects.all())
        .filter(pk=Subquery(latest), score__gte=F("threshold"))
        .select_related("person", "person__org_unit", "questionnaire")
        .order_by("-assessed_on", "-score", "person__last_name", "pk")
    )
