"""The corridor exchange knows no area: it takes a check for any kind of record whose area has
registered for the answer, tells that area the sanitised outcome and nothing more, keeps one
kind of record's checks apart from another's, and refuses a check nobody would hear or answer."""

from __future__ import annotations

import dataclasses

import pytest
from django.core.exceptions import ImproperlyConfigured

from registers.gifts.models import Gift
from registers.interests.models import BusinessInterest
from standards.exchange import registry, selectors, services
from standards.exchange.models import CheckAnswer, IntelligenceCheck
from tests.exchange.factories import IntelligenceCheckFactory
from tests.registers.gifts.factories import GiftFactory
from tests.registers.interests.factories import BusinessInterestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gifts_ask(monkeypatch):
    """Gifts register for intelligence checks too (as a new area would, from its ready()); the
    answers they are given are collected."""
    answers: list = []

    def on_answer(*, asked_for, outcome):
        answers.append((asked_for, outcome))

    monkeypatch.setitem(registry._ANSWER_HANDLERS, "gifts.gift", on_answer)
    monkeypatch.setitem(
        registry._DETAIL_PROVIDERS,
        "gifts.gift",
        lambda gift: [registry.CheckDetail("Donor", (gift.donor_name,))],
    )
    return answers


def test_any_registered_kind_of_record_can_ask(gifts_ask, caseworker, ccu_analyst):
    gift = GiftFactory(donor_name="Harbour Security Ltd")
    check = services.intelligence_check_request(
        subject=gift.declarant,
        purpose="Gift from a supplier",
        asked_for=gift,
        acting_user=caseworker,
    )
    assert check.asked_for == gift
    assert check.asked_for_ref == gift.reference
    assert check.asked_for_details == [registry.CheckDetail("Donor", ("Harbour Security Ltd",))]

    services.intelligence_check_answer(
        check=check, answer=CheckAnswer.TRACE, ccu_note="Log 2231.", acting_user=ccu_analyst
    )
    [(record, outcome)] = gifts_ask
    assert record == gift
    # The area hears the answer and its dates, never the CCU's note or who answered.
    assert outcome.answer == CheckAnswer.TRACE and outcome.is_trace
    fields = {field.name for field in dataclasses.fields(outcome)}
    assert fields == {"pk", "requested_at", "requested_by_id", "answer", "answered_at"}


def test_one_kind_of_records_checks_never_show_on_another(gifts_ask, caseworker, ccu_analyst):
    interest = BusinessInterestFactory()
    gift = GiftFactory(pk=interest.pk)  # the same id in another table
    IntelligenceCheckFactory(asked_for=gift, subject=gift.declarant, answer=CheckAnswer.TRACE)

    assert selectors.check_outcomes_for(interest) == []
    assert [o.answer for o in selectors.check_outcomes_for(gift)] == [CheckAnswer.TRACE]
    listed = selectors.annotate_latest_answer(BusinessInterest.objects.filter(pk=interest.pk))
    assert listed.get().check_answer is None
    listed = selectors.annotate_latest_answer(Gift.objects.filter(pk=gift.pk))
    assert listed.get().check_answer == CheckAnswer.TRACE
    # Nor does a check waiting for the gift hold up one for the interest.
    services.intelligence_check_request(
        subject=interest.declarant, purpose="A check", asked_for=interest, acting_user=caseworker
    )


def test_a_check_nobody_would_hear_the_answer_to_is_refused(caseworker):
    gift = GiftFactory()  # gifts have not registered for answers
    with pytest.raises(ImproperlyConfigured, match=r"gifts\.gift"):
        services.intelligence_check_request(
            subject=gift.declarant, purpose="A check", asked_for=gift, acting_user=caseworker
        )
    assert not IntelligenceCheck.objects.exists()


def test_a_check_nobody_would_answer_is_refused(monkeypatch, caseworker):
    monkeypatch.setattr(registry, "_REQUEST_HANDLERS", {})
    interest = BusinessInterestFactory()
    with pytest.raises(ImproperlyConfigured, match="answers"):
        services.intelligence_check_request(
            subject=interest.declarant,
            purpose="A check",
            asked_for=interest,
            acting_user=caseworker,
        )
    assert not IntelligenceCheck.objects.exists()


def test_an_answer_the_asking_area_cannot_take_is_not_recorded(monkeypatch, ccu_analyst):
    check = IntelligenceCheckFactory()

    def broken(*, asked_for, outcome):
        raise RuntimeError("the register is down")

    monkeypatch.setitem(registry._ANSWER_HANDLERS, "interests.businessinterest", broken)
    with pytest.raises(RuntimeError):
        services.intelligence_check_answer(
            check=check, answer=CheckAnswer.NO_TRACE, acting_user=ccu_analyst
        )
    check.refresh_from_db()
    assert not check.is_answered
    assert check.history.count() == 1
