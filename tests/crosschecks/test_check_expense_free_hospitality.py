"""expense-free-hospitality: hospitality claimed on expenses and declared as received free."""

from __future__ import annotations

import datetime as dt

import pytest

from registers.crosschecks import checks
from registers.crosschecks.models import CrossCheckRun, Finding, FindingStatus
from registers.crosschecks.services.runs import crosschecks_run_by_hand
from registers.gifts.models import Direction, GiftStatus, Kind, Response
from tests.crosschecks.factories import ExpenseClaimFactory
from tests.people.factories import PersonFactory
from tests.registers.gifts.factories import GiftFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)
DAY = dt.date(2026, 6, 10)
NAME = "expense-free-hospitality"


def run() -> list[Finding]:
    crosschecks_run_by_hand(today=TODAY, names=[NAME])
    return list(Finding.objects.filter(check_name=NAME, status=FindingStatus.OPEN).order_by("key"))


def free(person, donor: str, offered_on: dt.date = DAY, **kwargs):
    kwargs.setdefault("kind", Kind.HOSPITALITY)
    return GiftFactory(declarant=person, donor_name=donor, offered_on=offered_on, **kwargs)


def claim(person=None, payee: str = "Acme Ltd", date: dt.date = DAY, **kwargs):
    if person is not None:
        kwargs["person"] = person
    return ExpenseClaimFactory(payee=payee, date=date, **kwargs)


def test_a_claim_for_hospitality_declared_as_free_is_found():
    line = claim(payee="Acme Ltd", purpose="Dinner with suppliers", category="Hospitality")
    gift = free(line.person, "ACME Limited")

    [finding] = run()

    assert finding.key == f"expense-free-hospitality:expense-{line.pk}:gift-{gift.pk}"
    assert list(finding.people.all()) == [line.person]
    assert "£45.00 to Acme Ltd on 10 June 2026" in finding.summary
    assert gift.reference in finding.summary
    assert finding.details["declaration"]["donor"] == "ACME Limited"
    assert finding.details["expense"]["amount"] == "45.00"


@pytest.mark.parametrize("donor", ["Acme Ltd", "ACME Limited", "Acme Ltd."])
def test_the_same_organisation_written_differently_matches(donor):
    line = claim(payee="Acme Ltd")
    free(line.person, donor)

    assert len(run()) == 1


@pytest.mark.parametrize("donor", ["Acme Holdings", "Acne Ltd"])
def test_a_different_organisation_does_not(donor):
    line = claim(payee="Acme Ltd")
    free(line.person, donor)

    assert run() == []


@pytest.mark.parametrize(("offset", "found"), [(0, True), (2, True), (-2, True), (3, False)])
def test_the_declaration_must_be_within_two_days_of_the_claim(offset, found):
    line = claim()
    free(line.person, "Acme Ltd", DAY + dt.timedelta(days=offset))

    assert bool(run()) is found


@pytest.mark.parametrize(
    ("category", "purpose", "found"),
    [
        ("Hospitality", "Visit", True),
        ("", "Working lunch", True),
        ("Meals", "", True),
        ("Subsistence", "Overnight", True),
        ("Travel", "Mileage to the conference", False),
        ("Stationery", "Printer paper", False),
        ("Travel", "Mealtime parking", False),
    ],
)
def test_only_claims_for_hospitality_or_meals_are_checked(category, purpose, found):
    line = claim(category=category, purpose=purpose)
    free(line.person, "Acme Ltd")

    assert bool(run()) is found


def test_only_a_free_accepted_declaration_by_the_same_member_counts():
    declined = claim()
    free(declined.person, "Acme Ltd", response=Response.DECLINED)
    withdrawn = claim()
    free(withdrawn.person, "Acme Ltd", status=GiftStatus.WITHDRAWN)
    given = claim()
    free(given.person, "Acme Ltd", direction=Direction.GIVEN)
    claim()  # someone else declared Acme's hospitality
    free(PersonFactory(), "Acme Ltd")
    gift_kind = claim()
    free(gift_kind.person, "Acme Ltd", kind=Kind.GIFT)

    [finding] = run()

    assert finding.key.startswith(f"expense-free-hospitality:expense-{gift_kind.pk}:")


def test_a_rerun_updates_instead_of_duplicating():
    line = claim()
    free(line.person, "Acme Ltd")
    [first] = run()
    [again] = run()

    assert again.pk == first.pk
    assert Finding.objects.filter(check_name=NAME).count() == 1


def _mixed_claims(count: int) -> None:
    people = PersonFactory.create_batch(5)
    for n in range(count):
        person = people[n % 5]
        day = DAY + dt.timedelta(days=n)
        claim(person, payee=f"Venue {n % 4} Ltd", date=day, purpose="Dinner")
        if n % 2 == 0:
            free(person, f"Venue {n % 4} Limited", day + dt.timedelta(days=n % 3))
        if n % 5 == 0:
            claim(person, payee=f"Venue {n % 4} Ltd", date=day, category="Travel", purpose="Taxi")


def test_a_run_in_many_chunks_finds_what_one_chunk_finds(settings):
    _mixed_claims(20)
    one = {(f.key, f.summary) for f in run()}
    Finding.objects.all().delete()
    CrossCheckRun.objects.all().delete()
    settings.CROSSCHECK_CHUNK_ROWS = 4

    assert len(checks.check_named(NAME).plan(today=TODAY)) > 1
    assert {(f.key, f.summary) for f in run()} == one
    assert len(one) >= 10


def test_a_chunk_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    _mixed_claims(50)
    check = checks.check_named(NAME)
    [params] = check.plan(today=TODAY)

    with django_assert_max_num_queries(3):
        result = check.run_chunk(params, today=TODAY)

    assert result.rows_compared == 50
    assert len(result.hits) >= 25
