"""The outcome of a complaint: a result and actions for each allegation, with the rationale."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from complaints.models import Allegation, Case, CaseStatus, Handling
from complaints.services.outcomes import complaint_outcome_record
from tests.complaints.test_letters_cases import TODAY, ready_case, with_outcome, with_outcome_letter

pytestmark = pytest.mark.django_db


def test_the_outcome_records_each_allegation_the_date_and_the_rationale(caseworker):
    case = ready_case([caseworker])
    with_outcome(case, caseworker, outcome_on=TODAY() - dt.timedelta(days=3))
    case.refresh_from_db()
    assert case.status == CaseStatus.OUTCOME
    assert case.outcome_on == TODAY() - dt.timedelta(days=3)
    assert "Body-worn video" in case.outcome_rationale
    results = list(case.allegations.values_list("result", "actions_taken"))
    assert results[0][0] == "not_acceptable" and "reflect" in results[0][1]
    assert results[1][0] == "acceptable"
    change = case.allegations.first().history.first()
    assert change.history_user == caseworker
    assert change.history_change_reason == "Outcome: Service not acceptable"


def _attempt(case, user, **overrides):
    allegations = list(case.allegations.all())
    kwargs = {
        "results": {a: "acceptable" for a in allegations},
        "actions_taken": {a: "No further action" for a in allegations},
        "outcome_on": TODAY(),
        "rationale": "Reasons.",
    } | overrides
    return complaint_outcome_record(case=case, acting_user=user, **kwargs)


def _nothing_stored(case):
    case.refresh_from_db()
    assert case.outcome_on is None
    assert case.status == CaseStatus.INVESTIGATION
    assert not Allegation.objects.filter(case=case).exclude(result="").exists()


def test_every_allegation_needs_a_result_and_what_was_done(caseworker):
    case = ready_case([caseworker])
    first, second = case.allegations.all()
    with pytest.raises(ValidationError) as error:
        _attempt(case, caseworker, results={first: "acceptable"}, actions_taken={first: ""})
    assert f"result_{second.pk}" in error.value.error_dict
    assert f"actions_{first.pk}" in error.value.error_dict
    _nothing_stored(case)


def test_undecided_is_not_a_result(caseworker):
    case = ready_case([caseworker])
    allegations = list(case.allegations.all())
    with pytest.raises(ValidationError):
        _attempt(case, caseworker, results={a: "" for a in allegations})
    _nothing_stored(case)


def test_a_rationale_and_a_date_not_in_the_future_are_required(caseworker):
    case = ready_case([caseworker])
    with pytest.raises(ValidationError) as error:
        _attempt(case, caseworker, rationale=" ", outcome_on=TODAY() + dt.timedelta(days=1))
    assert set(error.value.error_dict) == {"rationale", "outcome_on"}
    _nothing_stored(case)


def test_the_outcome_needs_a_schedule_3_handling_decision(caseworker):
    case = ready_case([caseworker])
    Case.objects.filter(pk=case.pk).update(handling=Handling.OUTSIDE_SCHEDULE_3)
    with pytest.raises(ValidationError, match="under Schedule 3"):
        _attempt(case, caseworker)
    _nothing_stored(case)


def test_the_outcome_cannot_change_once_the_letter_has_gone(caseworker):
    case = ready_case([caseworker])
    with_outcome_letter(case, caseworker)
    with pytest.raises(ValidationError, match="outcome letter has been issued"):
        _attempt(case, caseworker)
    assert case.allegations.first().result == "not_acceptable"


def _form(case, **overrides):
    first, second = case.allegations.all()
    on = TODAY() - dt.timedelta(days=2)
    data = {
        f"result_{first.pk}": "not_acceptable",
        f"actions_{first.pk}": "An apology from the officer.",
        f"result_{second.pk}": "unable",
        f"actions_{second.pk}": "No further action.",
        "outcome_on_day": on.day,
        "outcome_on_month": on.month,
        "outcome_on_year": on.year,
        "rationale": "The footage shows the first; nothing shows the second either way.",
    }
    return data | overrides


def test_the_outcome_page_records_it_and_sends_on_to_the_letter(caseworker, client_for):
    case = ready_case([caseworker])
    client = client_for(caseworker)
    page = client.get(reverse("complaints:outcome", args=[case.pk]))
    assert page.status_code == 200
    assert "Allegation 2: Stop and search" in page.content.decode()
    response = client.post(reverse("complaints:outcome", args=[case.pk]), _form(case))
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:letter_new", args=[case.pk])
    case.refresh_from_db()
    assert case.status == CaseStatus.OUTCOME
    assert sorted(case.allegations.values_list("result", flat=True)) == [
        "not_acceptable",
        "unable",
    ]


def test_bad_input_on_the_outcome_page_stores_nothing_and_says_why(caseworker, client_for):
    case = ready_case([caseworker])
    second = case.allegations.last()
    data = _form(case, **{f"result_{second.pk}": "", "rationale": ""})
    response = client_for(caseworker).post(reverse("complaints:outcome", args=[case.pk]), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Select the result of allegation 2" in body
    assert "Explain why this is the outcome" in body
    _nothing_stored(case)


def test_the_outcome_page_is_the_case_teams(caseworker, client_for, reviewer):
    from tests.accounts.factories import UserFactory

    other = UserFactory(username="other.caseworker", roles=["PSD caseworker"])
    case = ready_case([caseworker])
    for user in (other, reviewer):
        assert (
            client_for(user).get(reverse("complaints:outcome", args=[case.pk])).status_code == 404
        )


def test_only_the_case_team_records_the_outcome(caseworker, ccu_analyst):
    """The service's one guard: a reader outside the case team (the CCU reads PSD cases) gets
    the 404 of a missing case, and nothing is stored."""
    from django.http import Http404

    case = ready_case([caseworker])
    with pytest.raises(Http404):
        _attempt(case, ccu_analyst)
    _nothing_stored(case)
