"""declaration-missing: a member in an open PSD finding who has not made the annual declaration
gets a finding; CCU findings are never read; the member's declaration resolves it."""

from __future__ import annotations

import datetime as dt

import pytest

from registers.annual.models import year_of
from registers.crosschecks.models import Audience, Finding, FindingStatus
from registers.crosschecks.services.runs import crosschecks_run_by_hand
from tests.crosschecks.factories import FindingFactory
from tests.people.factories import PersonFactory
from tests.registers.annual.factories import declaration_made

pytestmark = pytest.mark.django_db

NAME = "declaration-missing"
# After 30 June: this year's declaration has fallen due.
TODAY = dt.date(2026, 8, 1)
YEAR = 2026


@pytest.fixture(autouse=True)
def _due_30_june(settings):
    settings.ANNUAL_DECLARATION_DUE_MONTH = 6
    settings.ANNUAL_DECLARATION_DUE_DAY = 30
    settings.ANNUAL_DECLARATION_FIRST_YEAR = 2025


def _finding(*people, audience=Audience.PSD, check="gift-donor-supplier", **kwargs):
    return FindingFactory(audience=audience, check_name=check, people=list(people), **kwargs)


def _ours():
    return Finding.objects.filter(check_name=NAME).order_by("key")


def test_a_member_in_a_finding_without_a_declaration_is_found():
    undeclared, declared, bystander = PersonFactory(), PersonFactory(), PersonFactory()
    declaration_made(declared, year=YEAR)
    first = _finding(undeclared, declared)
    second = _finding(undeclared, check="diary-no-gift")
    crosschecks_run_by_hand(today=TODAY, names=[NAME])
    [finding] = _ours()
    assert finding.key == f"{NAME}:person-{undeclared.pk}:year-{YEAR}"
    assert finding.audience == Audience.PSD
    assert list(finding.people.all()) == [undeclared]
    assert finding.summary.startswith(f"{first.reference} and {second.reference} are about")
    assert "2026/27 annual declaration" in finding.summary
    assert finding.details["findings"] == [first.reference, second.reference]
    assert bystander not in finding.people.all()


def test_a_ccu_finding_is_never_read():
    undeclared = PersonFactory()
    _finding(undeclared, audience=Audience.CCU, check="association-nominal")
    crosschecks_run_by_hand(today=TODAY, names=[NAME])
    assert not _ours().exists()


def test_closed_findings_and_its_own_are_left_out():
    undeclared = PersonFactory()
    _finding(undeclared, status=FindingStatus.DISPOSED)
    _finding(undeclared, check=NAME)
    crosschecks_run_by_hand(today=TODAY, names=[NAME])
    assert _ours().count() == 1  # only the planted one of its own, never one about itself
    assert not _ours().filter(key__contains=f"person-{undeclared.pk}:").exists()


def test_before_the_due_date_last_years_declaration_counts():
    member = PersonFactory()
    _finding(member)
    early = dt.date(2026, 5, 1)
    assert year_of(early) == YEAR
    declaration_made(member, year=YEAR - 1)
    crosschecks_run_by_hand(today=early, names=[NAME])
    assert not _ours().exists()
    crosschecks_run_by_hand(today=TODAY, names=[NAME])
    assert _ours().get().key.endswith(f"year-{YEAR}")


def test_a_leaver_owes_nothing():
    leaver = PersonFactory(leave_date=TODAY - dt.timedelta(days=3))
    _finding(leaver)
    crosschecks_run_by_hand(today=TODAY, names=[NAME])
    assert not _ours().exists()


def test_the_declaration_resolves_the_finding():
    member = PersonFactory()
    _finding(member)
    crosschecks_run_by_hand(today=TODAY, names=[NAME])
    assert _ours().get().status == FindingStatus.OPEN
    declaration_made(member, year=YEAR)
    crosschecks_run_by_hand(today=TODAY, names=[NAME])
    assert _ours().get().status == FindingStatus.RESOLVED


def test_chunks_find_the_same(settings):
    people = [PersonFactory() for _ in range(7)]
    for person in people:
        _finding(person, people[0])
    crosschecks_run_by_hand(today=TODAY, names=[NAME])
    whole = [(f.key, f.summary) for f in _ours()]
    Finding.objects.filter(check_name=NAME).delete()
    settings.CROSSCHECK_CHUNK_ROWS = 2
    [run] = crosschecks_run_by_hand(today=TODAY, names=[NAME])
    assert run.chunks_total > 2
    assert [(f.key, f.summary) for f in _ours()] == whole
    assert len(whole) == 7


def test_one_chunk_costs_a_fixed_number_of_queries(django_assert_max_num_queries):
    from registers.crosschecks.checks import check_named

    people = [PersonFactory() for _ in range(30)]
    for person in people:
        _finding(person)
    check = check_named(NAME)
    [params] = check.plan(today=TODAY)
    with django_assert_max_num_queries(3):
        result = check.run_chunk(params, today=TODAY)
    assert len(result.hits) == 30


def test_nothing_is_found_for_a_year_the_force_does_not_run(settings):
    _finding(PersonFactory())
    settings.ANNUAL_DECLARATION_FIRST_YEAR = YEAR + 1
    crosschecks_run_by_hand(today=TODAY, names=[NAME])
    assert not _ours().exists()
