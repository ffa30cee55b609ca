"""early-intervention: N or more complaints, allegations of one category or conduct matters in M
months, counted from the complaints area's "person_events" cross-check data."""

from __future__ import annotations

import datetime as dt

import pytest

from complaints.crosscheck_data import person_events
from complaints.models import AllegationCategory, CaseKind
from registers.crosschecks import checks
from registers.crosschecks.checks.early_intervention import months_before, window
from registers.crosschecks.models import CrossCheckRun, Finding, FindingStatus
from registers.crosschecks.services.runs import crosschecks_run_by_hand
from standards.core.extensions import PersonEvent, crosscheck_data
from tests.complaints.factories import AllegationFactory, CaseFactory, SubjectFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)
NAME = "early-intervention"


@pytest.fixture(autouse=True)
def three_in_twelve_months(settings):
    settings.EARLY_INTERVENTION_COUNT = 3
    settings.EARLY_INTERVENTION_MONTHS = 12
    settings.EARLY_INTERVENTION_KINDS = ["complaint", "allegation", "conduct"]


def run(today: dt.date = TODAY) -> list[Finding]:
    crosschecks_run_by_hand(today=today, names=[NAME])
    return list(Finding.objects.filter(check_name=NAME, status=FindingStatus.OPEN).order_by("key"))


def keys(today: dt.date = TODAY) -> list[str]:
    return [finding.key for finding in run(today)]


def case_about(person, received_on: dt.date, *, kind=CaseKind.COMPLAINT, categories=()):
    case = CaseFactory(kind=kind, received_on=received_on)
    subject = SubjectFactory(case=case, person=person)
    for code in categories:
        AllegationFactory(
            case=case, category=AllegationCategory.objects.get(code=code), subjects=[subject]
        )
    return case


def test_the_provider_yields_subjects_allegations_and_conduct_matters_in_the_window():
    person = PersonFactory()
    complaint = case_about(person, dt.date(2026, 3, 1), categories=["F1", "F2"])
    conduct = case_about(person, dt.date(2026, 4, 1), kind=CaseKind.CONDUCT)
    case_about(person, dt.date(2025, 1, 1))  # before the window
    dsi = CaseFactory(kind=CaseKind.DSI, received_on=dt.date(2026, 5, 1))
    SubjectFactory(case=dsi, person=person)
    SubjectFactory(case=CaseFactory(), person=None, description="Officer in a blue car")

    events = set(person_events(since=dt.date(2025, 12, 1), until=TODAY))

    assert events == {
        PersonEvent(person.pk, "complaint", "", dt.date(2026, 3, 1), complaint.reference),
        PersonEvent(person.pk, "conduct", "", dt.date(2026, 4, 1), conduct.reference),
        PersonEvent(
            person.pk, "allegation", "Discriminatory behaviour", dt.date(2026, 3, 1),
            complaint.reference,
        ),
    }  # fmt: skip
    assert len(list(person_events(since=dt.date(2025, 12, 1), until=TODAY))) == 4
    assert set(crosscheck_data("person_events", since=dt.date(2025, 12, 1), until=TODAY)) == events


def test_the_provider_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    for n in range(20):
        case_about(PersonFactory(), dt.date(2026, 1, 1 + n), categories=["H1"])

    with django_assert_max_num_queries(2):
        events = list(person_events(since=dt.date(2025, 12, 1), until=TODAY))

    assert len(events) == 40


def test_three_complaints_in_twelve_months_are_found_and_two_are_not():
    flagged = PersonFactory()
    cases = [case_about(flagged, day) for day in (dt.date(2026, 1, 5), dt.date(2026, 6, 1))]
    cases.append(case_about(flagged, dt.date(2026, 11, 30)))
    quiet = PersonFactory()
    case_about(quiet, dt.date(2026, 2, 1))
    case_about(quiet, dt.date(2026, 3, 1))

    [finding] = run()

    assert finding.key == f"early-intervention:person-{flagged.pk}:complaint"
    assert list(finding.people.all()) == [flagged]
    assert finding.summary == (
        "3 complaints in the last 12 months: " + ", ".join(c.reference for c in cases)
    )
    assert [c["reference"] for c in finding.details["cases"]] == [c.reference for c in cases]


@pytest.mark.parametrize(
    ("oldest", "found"),
    [(dt.date(2025, 12, 1), True), (dt.date(2025, 11, 30), False), (dt.date(2026, 12, 1), False)],
)
def test_only_cases_received_in_the_last_twelve_months_count(oldest, found):
    person = PersonFactory()
    case_about(person, oldest)
    case_about(person, dt.date(2026, 5, 1))
    case_about(person, dt.date(2026, 9, 1))

    assert bool(keys()) is found


def test_the_window_slides_and_the_finding_is_resolved_when_a_case_ages_out():
    person = PersonFactory()
    for day in (dt.date(2026, 1, 10), dt.date(2026, 2, 1), dt.date(2026, 3, 1)):
        case_about(person, day)
    [first] = run()
    [again] = run(dt.date(2027, 1, 9))
    assert again.pk == first.pk
    assert Finding.objects.filter(check_name=NAME).count() == 1

    assert run(dt.date(2027, 1, 10)) == []
    first.refresh_from_db()
    assert first.status == FindingStatus.RESOLVED


def test_allegations_are_counted_per_iopc_category_and_per_case():
    person = PersonFactory()
    # Three complaints with a discrimination allegation each (race, sex, age: one category).
    for day, code in ((dt.date(2026, 2, 1), "F1"), (dt.date(2026, 3, 1), "F2")):
        case_about(person, day, categories=[code])
    case_about(person, dt.date(2026, 4, 1), categories=["F4", "H1"])
    # Another member: three impolite-language allegations, but all in one complaint.
    one_case = PersonFactory()
    case_about(one_case, dt.date(2026, 4, 1), categories=["H1", "H2", "H3"])

    assert keys() == [
        f"early-intervention:person-{person.pk}:allegation:discriminatory-behaviour",
        f"early-intervention:person-{person.pk}:complaint",
    ]
    [finding] = [f for f in run() if ":allegation:" in f.key]
    assert finding.summary.startswith(
        "3 allegations of discriminatory behaviour in the last 12 months: "
    )


def test_allegations_of_different_categories_are_not_added_together(settings):
    settings.EARLY_INTERVENTION_KINDS = ["allegation"]
    person = PersonFactory()
    for day, code in ((dt.date(2026, 2, 1), "F1"), (dt.date(2026, 3, 1), "H1")):
        case_about(person, day, categories=[code])
    case_about(person, dt.date(2026, 4, 1), categories=["B5"])

    assert keys() == []


def test_conduct_matters_are_counted_and_kinds_not_in_the_setting_are_not(settings):
    person = PersonFactory()
    for month in (2, 3, 4):
        case_about(person, dt.date(2026, month, 1), kind=CaseKind.CONDUCT)
    assert keys() == [f"early-intervention:person-{person.pk}:conduct"]

    settings.EARLY_INTERVENTION_KINDS = ["complaint", "allegation"]
    assert keys() == []


def test_a_leaver_is_not_flagged():
    person = PersonFactory(leave_date=dt.date(2026, 10, 1))
    for month in (2, 3, 4):
        case_about(person, dt.date(2026, month, 1))

    assert keys() == []


def test_the_count_and_months_come_from_the_settings(settings):
    person = PersonFactory()
    for month in (2, 3):
        case_about(person, dt.date(2026, month, 1))
    assert keys() == []

    settings.EARLY_INTERVENTION_COUNT = 2
    assert len(keys()) == 1
    settings.EARLY_INTERVENTION_MONTHS = 9  # from 1 March 2026: one case
    assert keys() == []


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(dt.date(2026, 11, 30), 12) == dt.date(2025, 11, 30)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)
    assert window(TODAY) == (dt.date(2025, 12, 1), TODAY)


def _caseload(people: int) -> list:
    members = PersonFactory.create_batch(people)
    for n, person in enumerate(members):
        for m in range(n % 4):
            case_about(person, dt.date(2026, 1 + m, 1), categories=["H1"] if n % 2 else [])
    return members


def test_a_run_in_many_chunks_finds_what_one_chunk_finds(settings):
    _caseload(12)
    one = {(f.key, f.summary) for f in run()}
    Finding.objects.all().delete()
    CrossCheckRun.objects.all().delete()
    settings.CROSSCHECK_CHUNK_ROWS = 3

    assert len(checks.check_named(NAME).plan(today=TODAY)) > 1
    assert {(f.key, f.summary) for f in run()} == one
    assert len(one) == 6  # three members with three complaints, three of them with allegations


def test_a_chunk_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    _caseload(24)
    check = checks.check_named(NAME)
    [params] = check.plan(today=TODAY)

    with django_assert_max_num_queries(3):
        result = check.run_chunk(params, today=TODAY)

    assert len(result.hits) == 12
