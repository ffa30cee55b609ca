"""vetting: expired vetting, or vetting below the level the post requires."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from registers.crosschecks import checks
from registers.crosschecks.models import CrossCheckRun, Finding, FindingStatus
from registers.crosschecks.services.runs import crosschecks_run_by_hand
from standards.people.models import VettingLevel as V
from standards.people.models import vetting_satisfies
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)
NAME = "vetting"


def run() -> list[Finding]:
    crosschecks_run_by_hand(today=TODAY, names=[NAME])
    return list(Finding.objects.filter(check_name=NAME, status=FindingStatus.OPEN).order_by("key"))


def keys() -> list[str]:
    return [finding.key for finding in run()]


def member(**kwargs):
    kwargs.setdefault("vetting_level", V.MV)
    kwargs.setdefault("vetting_expires", TODAY + dt.timedelta(days=400))
    return PersonFactory(**kwargs)


def test_vetting_that_expired_yesterday_is_found_and_today_or_tomorrow_is_not():
    expired = member(vetting_expires=TODAY - dt.timedelta(days=1), staff_number="900001")
    member(vetting_expires=TODAY)
    member(vetting_expires=TODAY + dt.timedelta(days=1))
    member(vetting_expires=None)

    [finding] = run()

    assert finding.key == f"vetting:person-{expired.pk}:expired"
    assert list(finding.people.all()) == [expired]
    assert finding.summary == (
        "Staff number 900001: management vetting (mv) expired on 29 November 2026"
    )


@pytest.mark.parametrize(
    ("held", "required", "below"),
    [
        (V.MV, V.MV, False),
        (V.SC, V.MV, False),
        (V.DV, V.SC, False),
        (V.NPPV3, V.MV, False),
        (V.RV, V.NPPV2, False),
        (V.RV, V.NPPV1, False),
        (V.MV, V.NONE, False),
        (V.RV, V.MV, True),
        (V.NPPV2, V.NPPV3, True),
        (V.NPPV1, V.RV, True),
        (V.MV, V.SC, True),
        (V.SC, V.DV, True),
        (V.NONE, V.RV, True),
    ],
)
def test_vetting_below_the_posts_level_is_found(held, required, below):
    person = member(vetting_level=held, post_vetting_level=required)

    assert keys() == ([f"vetting:person-{person.pk}:below-post"] if below else [])


def test_the_order_of_levels_follows_the_vetting_app():
    order = [V.NONE, V.NPPV1, V.RV, V.MV, V.SC, V.DV]
    for lower, higher in itertools.pairwise(order):
        assert vetting_satisfies(higher, lower)
        assert not vetting_satisfies(lower, higher)
    assert vetting_satisfies(V.NPPV2, V.RV) and vetting_satisfies(V.RV, V.NPPV2)
    assert vetting_satisfies(V.NPPV3, V.MV) and vetting_satisfies(V.MV, V.NPPV3)


def test_both_problems_are_two_findings_and_a_leaver_has_none():
    both = member(vetting_level=V.RV, post_vetting_level=V.MV, vetting_expires=dt.date(2026, 1, 1))
    member(
        vetting_level=V.RV,
        post_vetting_level=V.MV,
        vetting_expires=dt.date(2026, 1, 1),
        leave_date=TODAY,
    )
    member(vetting_expires=dt.date(2026, 1, 1), leave_date=TODAY + dt.timedelta(days=1))

    found = keys()

    assert f"vetting:person-{both.pk}:expired" in found
    assert f"vetting:person-{both.pk}:below-post" in found
    assert len(found) == 3  # the member leaving tomorrow is still serving today


def test_renewed_vetting_resolves_the_finding_and_a_rerun_does_not_duplicate():
    person = member(vetting_expires=dt.date(2026, 1, 1))
    [first] = run()
    [again] = run()
    assert again.pk == first.pk

    person.vetting_expires = dt.date(2031, 1, 1)
    person.save()

    assert run() == []
    first.refresh_from_db()
    assert first.status == FindingStatus.RESOLVED


def _workforce(count: int) -> None:
    for n in range(count):
        member(
            vetting_level=[V.RV, V.MV, V.SC][n % 3],
            post_vetting_level=[V.NONE, V.MV, V.RV, V.SC][n % 4],
            vetting_expires=TODAY + dt.timedelta(days=(n % 5) - 2),
        )


def test_a_run_in_many_chunks_finds_what_one_chunk_finds(settings):
    _workforce(30)
    one = {(f.key, f.summary) for f in run()}
    Finding.objects.all().delete()
    CrossCheckRun.objects.all().delete()
    settings.CROSSCHECK_CHUNK_ROWS = 7

    assert len(checks.check_named(NAME).plan(today=TODAY)) > 1
    assert {(f.key, f.summary) for f in run()} == one
    assert len(one) > 10


def test_a_chunk_takes_one_query(django_assert_max_num_queries):
    _workforce(60)
    check = checks.check_named(NAME)
    [params] = check.plan(today=TODAY)

    with django_assert_max_num_queries(1):
        result = check.run_chunk(params, today=TODAY)

    assert result.rows_compared == 60
    assert len(result.hits) > 20
