"""Risk tools: questionnaires held as data, weighted scores that keep the weights and threshold
they were given under, each person's score history, and the People Intelligence Board."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.html import escape

from ccu.models import Questionnaire, RiskAnswer, RiskAssessment
from ccu.selectors import risk as selectors
from ccu.services.risk import answer_field, risk_assess
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _questionnaire(slug="abuse-of-position") -> Questionnaire:
    return Questionnaire.objects.get(slug=slug)


def _answers(questionnaire, yes: int) -> dict[int, bool]:
    """The first ``yes`` questions answered yes, the rest no."""
    return {q.pk: index < yes for index, q in enumerate(questionnaire.questions.order_by("order"))}


def _assess(person, user, *, yes: int, slug="abuse-of-position", on: dt.date | None = None):
    questionnaire = _questionnaire(slug)
    assessment = risk_assess(
        person=person,
        questionnaire=questionnaire,
        answers=_answers(questionnaire, yes),
        rationale="Two reports and an audit of system searches.",
        acting_user=user,
    )
    if on is not None:
        assessment.assessed_on = on
        assessment.save()
    return assessment


def test_two_questionnaires_are_installed_as_data():
    slugs = set(Questionnaire.objects.values_list("slug", flat=True))
    assert {"abuse-of-position", "notifiable-association"} <= slugs
    for slug in ("abuse-of-position", "notifiable-association"):
        questionnaire = _questionnaire(slug)
        assert questionnaire.questions.count() >= 5
        assert questionnaire.threshold > 0


def test_a_score_is_the_sum_of_the_weights_answered_yes_and_keeps_them(ccu_analyst):
    questionnaire = _questionnaire()
    questions = list(questionnaire.questions.order_by("order"))
    person = PersonFactory()
    assessment = _assess(person, ccu_analyst, yes=2)
    assert assessment.score == questions[0].weight + questions[1].weight
    assert assessment.threshold == questionnaire.threshold
    answers = {a.question_id: a for a in RiskAnswer.objects.filter(assessment=assessment)}
    assert len(answers) == len(questions)
    assert [answers[q.pk].answer for q in questions[:3]] == [True, True, False]
    # A later change of weights and threshold leaves the score as it was given.
    weight, threshold = questions[0].weight, questionnaire.threshold
    questions[0].weight = 99
    questions[0].save()
    questionnaire.threshold = 1
    questionnaire.save()
    assessment.refresh_from_db()
    assert RiskAnswer.objects.get(assessment=assessment, question=questions[0]).weight == weight
    assert assessment.threshold == threshold
    assert assessment.history.first().history_user == ccu_analyst


def test_every_question_must_be_answered_and_nothing_is_stored_otherwise(ccu_analyst):
    questionnaire = _questionnaire()
    answers = _answers(questionnaire, 1)
    missing = next(iter(answers))
    del answers[missing]
    with pytest.raises(ValidationError) as error:
        risk_assess(
            person=PersonFactory(),
            questionnaire=questionnaire,
            answers=answers,
            rationale="x",
            acting_user=ccu_analyst,
        )
    assert error.value.message_dict == {answer_field(missing): ["Select yes or no"]}
    assert not RiskAssessment.objects.exists()


def test_nobody_assesses_themselves_and_nobody_outside_the_ccu_assesses(ccu_analyst, caseworker):
    with pytest.raises(ValidationError, match="yourself"):
        _assess(ccu_analyst.person, ccu_analyst, yes=1)
    with pytest.raises(Http404):
        _assess(PersonFactory(), caseworker, yes=1)


def test_the_assess_page_scores_and_says_whether_it_is_above_the_threshold(client_for, ccu_analyst):
    questionnaire = _questionnaire()
    questions = list(questionnaire.questions.order_by("order"))
    person = PersonFactory()
    url = reverse("ccu:risk_assess", kwargs={"slug": questionnaire.slug})
    client = client_for(ccu_analyst)
    page = client.get(f"{url}?person={person.staff_number}").content.decode()
    assert f'value="{person.staff_number}"' in page
    for question in questions:
        assert escape(question.text) in page
        assert escape(question.hint) in page
    data = {answer_field(q.pk): "yes" for q in questions}
    data.update(staff_number=person.staff_number, rationale="Three reports and an audit.")
    response = client.post(url, data, follow=True)
    most = sum(q.weight for q in questions)
    assert response.redirect_chain[-1][0] == reverse("ccu:person_risk", kwargs={"pk": person.pk})
    page = response.content.decode()
    assert f"scored {most} on {questionnaire.title}" in page
    assert f"at or above the threshold of {questionnaire.threshold}" in page
    assert "At or above threshold" in page

    data.update({answer_field(q.pk): "no" for q in questions})
    page = client.post(url, data, follow=True).content.decode()
    assert f"scored 0 on {questionnaire.title}: below the threshold" in page


def test_the_assess_page_explains_what_is_missing(client_for, ccu_head):
    questionnaire = _questionnaire()
    url = reverse("ccu:risk_assess", kwargs={"slug": questionnaire.slug})
    response = client_for(ccu_head).post(url, {"staff_number": "NOPE", "rationale": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Select yes or no" in page
    assert "Enter the reasons for the answers you gave" in page
    assert not RiskAssessment.objects.exists()


def test_a_persons_history_is_grouped_by_questionnaire_and_hidden_from_them(
    client_for, ccu_head, ccu_analyst, caseworker
):
    colleague = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    _assess(colleague.person, ccu_head, yes=1, on=dt.date(2026, 1, 5))
    _assess(colleague.person, ccu_head, yes=7, on=dt.date(2026, 3, 5))
    _assess(colleague.person, ccu_head, yes=1, slug="notifiable-association")
    url = reverse("ccu:person_risk", kwargs={"pk": colleague.person_id})
    page = client_for(ccu_analyst).get(url).content.decode()
    assert "Abuse of position for a sexual purpose" in page
    assert "Notifiable association risk" in page
    assert page.index("5 Mar 2026") < page.index("5 Jan 2026")
    # The person themselves, and anyone outside the CCU, get the 404 of a missing page.
    assert client_for(colleague).get(url).status_code == 404
    assert client_for(caseworker).get(url).status_code == 404
    # Nor do they see their scores among the recent ones.
    index = client_for(colleague).get(reverse("ccu:risk_index")).content.decode()
    assert colleague.person.staff_number not in index
    assert "Nobody has been scored yet" in index


def test_the_board_lists_latest_scores_at_or_above_the_threshold(client_for, ccu_head):
    questionnaire = _questionnaire()
    high_then_low, low_then_high, exactly, below = (PersonFactory() for _ in range(4))
    _assess(high_then_low, ccu_head, yes=7, on=dt.date(2026, 1, 1))
    _assess(high_then_low, ccu_head, yes=0, on=dt.date(2026, 2, 1))
    _assess(low_then_high, ccu_head, yes=0, on=dt.date(2026, 1, 1))
    _assess(low_then_high, ccu_head, yes=7, on=dt.date(2026, 2, 1))
    _assess(below, ccu_head, yes=1)
    # Exactly at the threshold counts: answers whose weights add up to it.
    weights = {q.pk: q.weight for q in questionnaire.questions.all()}
    answers, total = {}, 0
    for pk, weight in sorted(weights.items(), key=lambda item: -item[1]):
        answers[pk] = total + weight <= questionnaire.threshold
        total += weight if answers[pk] else 0
    assert total == questionnaire.threshold
    risk_assess(
        person=exactly,
        questionnaire=questionnaire,
        answers=answers,
        rationale="At the line.",
        acting_user=ccu_head,
    )
    board = list(selectors.board_for_user(user=ccu_head))
    assert {a.person for a in board} == {low_then_high, exactly}
    page = client_for(ccu_head).get(reverse("ccu:pib")).content.decode()
    assert low_then_high.display_name in page and exactly.display_name in page
    assert high_then_low.display_name not in page and below.display_name not in page


def test_the_board_is_the_ccu_heads_alone(client_for, ccu_analyst, psd_head):
    for user in (ccu_analyst, psd_head):
        assert client_for(user).get(reverse("ccu:pib")).status_code == 404
    index = client_for(ccu_analyst).get(reverse("ccu:risk_index")).content.decode()
    assert reverse("ccu:pib") not in index


def test_the_lists_are_a_fixed_number_of_queries(
    client_for, ccu_head, ccu_analyst, django_assert_max_num_queries
):
    for _ in range(30):
        _assess(PersonFactory(), ccu_analyst, yes=7)
        _assess(PersonFactory(), ccu_analyst, yes=7, slug="notifiable-association")
    client = client_for(ccu_head)
    for name in ("ccu:pib", "ccu:risk_index"):
        with django_assert_max_num_queries(16):
            assert client.get(reverse(name)).status_code == 200
