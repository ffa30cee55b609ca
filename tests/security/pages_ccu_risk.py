"""Corridor entries for the CCU's risk pages.

Everything is a 404 outside the CCU; the People Intelligence Board is the CCU head's alone. The
assessment is about the "subject" persona (a CCU analyst): the risk pages are theirs like any
analyst's, but their own score history is a 404 to them.
"""

from __future__ import annotations

from tests.security.registry import CCU, Page
from tests.security.world import World

HEAD_AND_ANALYST = frozenset({"ccu_analyst", "ccu_head"})


def _person(world: World) -> dict:
    return {"pk": world.users["subject"].person_id}


def _slug(world: World) -> dict:
    return {"slug": "abuse-of-position"}


PAGES: dict[str, Page] = {
    "ccu:risk_index": Page(allowed=CCU, logs=1),
    "ccu:risk_assess": Page(allowed=CCU, kwargs=_slug, acts=CCU),
    "ccu:person_risk": Page(allowed=HEAD_AND_ANALYST, kwargs=_person),
    "ccu:pib": Page(allowed=frozenset({"ccu_head"}), logs=1),
}


def build(world: World) -> None:
    from ccu.models import Questionnaire
    from ccu.services.risk import risk_assess

    questionnaire = Questionnaire.objects.get(slug="abuse-of-position")
    world.records["risk_assessment"] = risk_assess(
        person=world.users["subject"].person,
        questionnaire=questionnaire,
        answers={question.pk: True for question in questionnaire.questions.all()},
        rationale="Matrix assessment",
        acting_user=world.users["ccu_head"],
    )
