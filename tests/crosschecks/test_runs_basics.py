"""The runner with a check of the test's own: findings written once, reruns update, what is no
longer found is resolved, a split run finds what one chunk finds."""

from __future__ import annotations

import datetime as dt

import pytest

from registers.crosschecks import checks
from registers.crosschecks.models import Audience, CrossCheckRun, Finding, FindingStatus
from registers.crosschecks.services.runs import crosschecks_run_by_hand
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def people_check(settings):
    """A check that finds every person whose first name is in ``wanted``, in chunks of two pks."""
    wanted: set[str] = set()

    def plan(*, today):
        from standards.people.models import Person

        return checks.pk_ranges(Person.objects.all(), rows=2)

    def run_chunk(params, *, today):
        from standards.people.models import Person

        people = list(checks.in_range(Person.objects.all(), params))
        return checks.ChunkResult(
            rows_compared=len(people),
            hits=[
                checks.Hit(
                    key=f"test-people:person-{person.pk}",
                    person_ids=(person.pk,),
                    summary=f"{person.first_name} is wanted",
                )
                for person in people
                if person.first_name in wanted
            ],
        )

    check = checks.register(
        checks.Check(
            name="test-people",
            title="Test",
            audience=Audience.PSD,
            description="",
            plan=plan,
            run_chunk=run_chunk,
        )
    )
    yield check, wanted
    checks._CHECKS.pop("test-people")


def test_a_rerun_updates_and_resolves_instead_of_duplicating(people_check):
    _check, wanted = people_check
    ann, bob, _ = PersonFactory(first_name="Ann"), PersonFactory(first_name="Bob"), PersonFactory()
    wanted |= {"Ann", "Bob"}

    [first] = crosschecks_run_by_hand(today=TODAY, names=["test-people"])
    assert (first.rows_compared, first.findings_new, first.chunks_total) == (3, 2, 2)

    wanted.discard("Bob")
    [second] = crosschecks_run_by_hand(today=TODAY, names=["test-people"])
    assert (second.findings_new, second.findings_still_open, second.findings_resolved) == (0, 1, 1)
    assert Finding.objects.count() == 2
    assert Finding.objects.get(people=bob).status == FindingStatus.RESOLVED
    assert Finding.objects.get(people=ann).status == FindingStatus.OPEN
    assert CrossCheckRun.objects.filter(status="running").count() == 0
