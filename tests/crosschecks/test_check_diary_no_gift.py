"""diary-no-gift: diary hospitality with an outside organisation and no declaration from it."""

from __future__ import annotations

import datetime as dt

import pytest

from registers.crosschecks import checks
from registers.crosschecks.models import CrossCheckRun, Finding, FindingStatus
from registers.crosschecks.services.runs import crosschecks_run_by_hand
from registers.gifts.models import Direction, GiftStatus, Kind, Response
from tests.crosschecks.factories import DiaryEntryFactory
from tests.people.factories import PersonFactory
from tests.registers.gifts.factories import GiftFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)
DINNER = dt.date(2026, 6, 10)
NAME = "diary-no-gift"


def run() -> list[Finding]:
    crosschecks_run_by_hand(today=TODAY, names=[NAME])
    return list(Finding.objects.filter(check_name=NAME, status=FindingStatus.OPEN).order_by("key"))


def declared(person, donor: str, offered_on: dt.date, **kwargs):
    kwargs.setdefault("kind", Kind.HOSPITALITY)
    return GiftFactory(declarant=person, donor_name=donor, offered_on=offered_on, **kwargs)


def test_dinner_with_no_declaration_is_found_with_what_was_declared_nearby():
    entry = DiaryEntryFactory(date=DINNER, organisation="Acme Ltd", event_type="Dinner")
    other = declared(entry.person, "Bravo Catering", DINNER)

    [finding] = run()

    assert finding.key == f"diary-no-gift:diary-{entry.pk}"
    assert list(finding.people.all()) == [entry.person]
    assert "dinner with Acme Ltd on 10 June 2026" in finding.summary
    assert finding.details["diary_entry"]["organisation"] == "Acme Ltd"
    assert finding.details["other_declarations"] == [
        {"reference": other.reference, "donor": "Bravo Catering", "offered_on": "2026-06-10"}
    ]


@pytest.mark.parametrize("donor", ["Acme Ltd", "ACME Limited", "acme ltd."])
def test_a_declaration_from_the_same_organisation_answers_the_entry(donor):
    entry = DiaryEntryFactory(date=DINNER, organisation="Acme Ltd")
    declared(entry.person, donor, DINNER)

    assert run() == []


@pytest.mark.parametrize("donor", ["Acme Holdings", "Acne Ltd"])
def test_a_declaration_from_a_different_organisation_does_not(donor):
    entry = DiaryEntryFactory(date=DINNER, organisation="Acme Ltd")
    declared(entry.person, donor, DINNER)

    assert [f.key for f in run()] == [f"diary-no-gift:diary-{entry.pk}"]


@pytest.mark.parametrize(("offset", "found"), [(3, False), (-3, False), (4, True), (-4, True)])
def test_the_declaration_must_be_within_three_days_either_side(offset, found):
    entry = DiaryEntryFactory(date=DINNER, organisation="Acme Ltd")
    declared(entry.person, "Acme Ltd", DINNER + dt.timedelta(days=offset))

    assert bool(run()) is found


def test_only_the_members_own_declaration_counts():
    DiaryEntryFactory(date=DINNER, organisation="Acme Ltd")
    declared(PersonFactory(), "Acme Ltd", DINNER)

    assert len(run()) == 1


def test_a_declined_offer_answers_the_entry_but_a_withdrawn_or_given_one_does_not():
    declined = DiaryEntryFactory(date=DINNER, organisation="Acme Ltd")
    declared(declined.person, "Acme Ltd", DINNER, response=Response.DECLINED)
    withdrawn = DiaryEntryFactory(date=DINNER, organisation="Acme Ltd")
    declared(withdrawn.person, "Acme Ltd", DINNER, status=GiftStatus.WITHDRAWN)
    given = DiaryEntryFactory(date=DINNER, organisation="Acme Ltd")
    declared(given.person, "Acme Ltd", DINNER, direction=Direction.GIVEN)

    assert [f.key for f in run()] == sorted(
        [f"diary-no-gift:diary-{withdrawn.pk}", f"diary-no-gift:diary-{given.pk}"]
    )


@pytest.mark.parametrize(
    ("event_type", "found"),
    [
        ("Dinner", True),
        ("Charity gala dinner", True),
        ("Drinks reception", True),
        ("Annual conference", True),
        ("Lunches", True),
        ("Meeting", False),
        ("Telephone call", False),
        ("Site visit", False),
        ("Eventually a meeting", False),
    ],
)
def test_only_event_types_that_mean_hospitality_are_checked(event_type, found):
    DiaryEntryFactory(date=DINNER, event_type=event_type)

    assert bool(run()) is found


def test_an_engagement_too_recent_to_have_been_declared_yet_is_not_flagged(settings):
    settings.CROSSCHECK_DECLARATION_GRACE_DAYS = 28
    DiaryEntryFactory(date=TODAY - dt.timedelta(days=27))
    old = DiaryEntryFactory(date=TODAY - dt.timedelta(days=28))

    assert [f.key for f in run()] == [f"diary-no-gift:diary-{old.pk}"]


def test_a_rerun_updates_the_finding_and_a_late_declaration_resolves_it():
    entry = DiaryEntryFactory(date=DINNER)
    [first] = run()
    [again] = run()
    assert again.pk == first.pk
    assert Finding.objects.filter(check_name=NAME).count() == 1

    declared(entry.person, "Acme Ltd", DINNER)
    assert run() == []
    first.refresh_from_db()
    assert first.status == FindingStatus.RESOLVED


def _mixed_diary(count: int) -> None:
    people = PersonFactory.create_batch(4)
    for n in range(count):
        person = people[n % 4]
        day = DINNER + dt.timedelta(days=n)
        DiaryEntryFactory(person=person, date=day, organisation=f"Firm {n % 5} Ltd")
        if n % 3 == 0:
            declared(person, f"Firm {n % 5} Limited", day + dt.timedelta(days=n % 4))


def test_a_run_in_many_chunks_finds_what_one_chunk_finds(settings):
    _mixed_diary(24)
    one = {(f.key, f.summary) for f in run()}
    Finding.objects.all().delete()
    CrossCheckRun.objects.all().delete()
    settings.CROSSCHECK_CHUNK_ROWS = 5

    assert len(checks.check_named(NAME).plan(today=TODAY)) > 1
    assert {(f.key, f.summary) for f in run()} == one
    assert 0 < len(one) < 24


def test_a_chunk_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    _mixed_diary(60)
    check = checks.check_named(NAME)
    [params] = check.plan(today=TODAY)

    with django_assert_max_num_queries(3):
        result = check.run_chunk(params, today=TODAY)

    assert result.rows_compared == 60
    assert len(result.hits) > 10
