"""Risk tools: scoring a member of the workforce with one of the CCU's questionnaires.

The questions, their weights and the threshold are data (``ccu.defaults``, changed by the head
of the CCU in the admin). A score keeps the weight of each answer and the threshold as they were
when it was given, so a later change of weights leaves the history true.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from ccu.models import Questionnaire, RiskAnswer, RiskAssessment
from ccu.services.common import clean_text, save_with_history
from standards.access import policy
from standards.people.models import Person

RATIONALE_LIMIT = 5000


def answer_field(question_id: int) -> str:
    """The name of a question's answer on the form and in a service's error."""
    return f"question_{question_id}"


@transaction.atomic
def risk_assess(
    *,
    person: Person | None,
    questionnaire: Questionnaire,
    answers: dict[int, bool],
    rationale: str,
    acting_user,
) -> RiskAssessment:
    """Score ``person``: the sum of the weights of the questions answered yes. Every question of
    the questionnaire must be answered, yes or no."""
    if not policy.in_ccu(acting_user):
        raise Http404
    questionnaire = (
        policy.visible(acting_user, Questionnaire.objects.filter(pk=questionnaire.pk, active=True))
        .prefetch_related("questions")
        .first()
    )
    if questionnaire is None:
        raise Http404
    if person is None:
        raise ValidationError(
            {"staff_number": "Enter the staff number of a member of the workforce"}
        )
    if person.pk == acting_user.person_id:
        raise ValidationError({"staff_number": "You cannot assess yourself"})
    questions = list(questionnaire.questions.all())
    missing = {
        answer_field(q.pk): "Select yes or no"
        for q in questions
        if not isinstance(answers.get(q.pk), bool)
    }
    if missing:
        raise ValidationError(missing)
    rationale = clean_text(
        rationale, "rationale", required="Enter the reasons for the answers you gave"
    )
    if len(rationale) > RATIONALE_LIMIT:
        raise ValidationError(
            {"rationale": f"The rationale must be {RATIONALE_LIMIT:,} characters or fewer"}
        )
    assessment = RiskAssessment(
        person=person,
        questionnaire=questionnaire,
        score=sum(q.weight for q in questions if answers[q.pk]),
        threshold=questionnaire.threshold,
        rationale=rationale,
        assessed_by=acting_user,
    )
    save_with_history(assessment, f"Assessed: score {assessment.score}", acting_user)
    for question in questions:
        answer = RiskAnswer(
            assessment=assessment,
            question=question,
            answer=answers[question.pk],
            weight=question.weight,
        )
        save_with_history(answer, "Answered", acting_user)
    return assessment
