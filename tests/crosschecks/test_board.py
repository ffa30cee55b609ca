"""The cross-checks' figures for the integrity board: PSD's findings in one section and the
CCU's in another, never each other's. Known findings either side of the period's boundaries,
exact figures, and a fixed number of queries whatever the rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from registers.crosschecks.board import CCU_SECTION, PSD_SECTION
from registers.crosschecks.models import Audience, Disposition, FindingStatus
from registers.crosschecks.selectors.findings import check_titles
from standards.core.periods import Period, financial_year_start
from tests.crosschecks.factories import CrossCheckRunFactory, FindingFactory

pytestmark = pytest.mark.django_db

FY = financial_year_start(dt.date.today()) - 1  # last financial year: complete
PERIOD = Period.quarter(FY, 2)  # July to September
BEFORE = dt.date(FY, 6, 30)
START = dt.date(FY, 7, 1)
END = dt.date(FY, 9, 30)
AFTER = dt.date(FY, 10, 1)

GIFTS = "gift-donor-supplier"
VETTING = "vetting"
CCU_CHECK = "association-nominal"


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _finding(check, audience, found, *, resolved=None, disposed=None, disposition=""):
    status = FindingStatus.OPEN
    if resolved:
        status = FindingStatus.RESOLVED
    if disposed:
        status = FindingStatus.DISPOSED
    return FindingFactory(
        first_run=CrossCheckRunFactory(check_name=check, audience=audience),
        first_found_at=_at(found),
        status=status,
        resolved_at=_at(resolved) if resolved else None,
        disposed_at=_at(disposed) if disposed else None,
        disposition=disposition,
    )


@pytest.fixture
def findings():
    psd = Audience.PSD
    _finding(GIFTS, psd, START)  # raised, open at the end
    _finding(GIFTS, psd, BEFORE, resolved=END)  # raised before, no longer found on the last day
    _finding(GIFTS, psd, START, disposed=END, disposition=Disposition.REFERRED_PSD)
    _finding(GIFTS, psd, BEFORE, resolved=BEFORE)  # over before the period
    _finding(VETTING, psd, dt.date(FY, 8, 1), disposed=dt.date(FY, 9, 1),
             disposition=Disposition.EXPLAINED)  # fmt: skip
    # Dealt with the day after: still open at the end.
    _finding(VETTING, psd, dt.date(FY, 5, 1), disposed=AFTER,
             disposition=Disposition.FALSE_POSITIVE)  # fmt: skip
    _finding(VETTING, psd, AFTER)  # the day after
    # The CCU's own: never in PSD's figures.
    ccu = Audience.CCU
    _finding(CCU_CHECK, ccu, START)
    _finding(CCU_CHECK, ccu, dt.date(FY, 8, 1), disposed=dt.date(FY, 8, 2),
             disposition=Disposition.REFERRED_CCU)  # fmt: skip
    _finding(CCU_CHECK, ccu, BEFORE, resolved=START)


def _measures(section):
    return {measure.key: measure.value for measure in section.measures}


def _grid(section, key):
    (breakdown,) = [b for b in section.breakdowns if b.key == key]
    return dict(breakdown.rows)


def test_psd_findings_are_counted_exactly(findings, django_assert_num_queries):
    with django_assert_num_queries(3):
        section = PSD_SECTION.figures(PERIOD)
    assert _measures(section) == {
        "crosschecks.raised": 3,
        "crosschecks.resolved": 3,
        "crosschecks.dealt_with": 2,
        "crosschecks.open": 2,
    }
    by_check = _grid(section, "crosschecks.by_check")
    titles = check_titles(Audience.PSD)
    assert list(by_check) == list(titles.values())  # every PSD check, in the order they run
    assert by_check[titles[GIFTS]] == (2, 2, 1)
    assert by_check[titles[VETTING]] == (1, 1, 1)
    assert sum(sum(counts) for counts in by_check.values()) == 8
    assert _grid(section, "crosschecks.dispositions") == {
        "Explained": (1,),
        "Referred to a PSD case": (1,),
        "Referred to the Counter Corruption Unit": (0,),
        "False positive": (0,),
    }


def test_ccu_findings_are_counted_apart(findings, django_assert_num_queries):
    with django_assert_num_queries(3):
        section = CCU_SECTION.figures(PERIOD)
    assert _measures(section) == {
        "crosschecks-ccu.raised": 2,
        "crosschecks-ccu.resolved": 2,
        "crosschecks-ccu.dealt_with": 1,
        "crosschecks-ccu.open": 1,
    }
    by_check = _grid(section, "crosschecks-ccu.by_check")
    titles = check_titles(Audience.CCU)
    assert list(by_check) == list(titles.values())
    assert not set(by_check) & set(check_titles(Audience.PSD).values())  # no PSD check
    assert by_check[titles[CCU_CHECK]] == (2, 2, 1)
    assert by_check["Referred by Professional Standards"] == (0, 0, 0)
    assert _grid(section, "crosschecks-ccu.dispositions") == {
        "Explained": (0,),
        "False positive": (0,),
        "Referred to the Counter Corruption Unit": (1,),
    }


def test_the_day_after_belongs_to_the_next_period(findings):
    measures = _measures(PSD_SECTION.figures(Period.quarter(FY, 3)))
    # Raised: the one found the day after. Resolved: the false positive dealt with that day.
    assert measures["crosschecks.raised"] == 1
    assert measures["crosschecks.resolved"] == 1
    assert measures["crosschecks.open"] == 2
