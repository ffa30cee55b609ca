"""The counter-corruption figures for the integrity board: every report of the force (not only
those the head of the CCU may see), by national category and by route, the interventions,
referrals and checks answered. Known records either side of the period's boundaries, exact
figures, and a fixed number of queries whatever the rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import F
from django.utils import timezone

from ccu.board import NOT_CATEGORISED, SECTION
from ccu.models import CorruptionCategory, InterventionStatus, ReportReferral, Route
from ccu.selectors import threat
from standards.core.periods import Period, financial_year_start, quarters_ending
from standards.exchange.models import CheckAnswer, SanitisedReferral
from tests.ccu.factories import InterventionFactory, ReportFactory
from tests.exchange.factories import IntelligenceCheckFactory

pytestmark = pytest.mark.django_db

FY = financial_year_start(dt.date.today()) - 1  # last financial year: complete
PERIOD = Period.quarter(FY, 2)  # July to September
BEFORE = dt.date(FY, 6, 30)
START = dt.date(FY, 7, 1)
END = dt.date(FY, 9, 30)
AFTER = dt.date(FY, 10, 1)
QUARTERS = quarters_ending(AFTER, 3)  # Q1, Q2 and Q3 of FY


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@pytest.fixture
def known(ccu_head):
    r1 = ReportFactory(
        received_on=START, route=Route.LINE_MANAGER, categories=["disclosure", "systems-misuse"]
    )
    ReportFactory(received_on=END, route=Route.CONFIDENTIAL_LINE, categories=["disclosure"])
    ReportFactory(received_on=dt.date(FY, 8, 15), route=Route.VETTING).categories.clear()
    # About the head of the CCU: never shown to them, but the force's figure counts it.
    ReportFactory(
        received_on=dt.date(FY, 9, 1),
        route=Route.COMPLAINT,
        categories=["association"],
        subjects=[ccu_head.person],
    )
    ReportFactory(received_on=BEFORE, route=Route.LINE_MANAGER, categories=["drugs"])
    ReportFactory(received_on=AFTER, route=Route.OTHER_FORCE, categories=["drugs"])

    def intervention(proposed, status=InterventionStatus.PROPOSED, decided=None, meeting=None):
        InterventionFactory(
            report=r1,
            proposed_at=_at(proposed),
            status=status,
            decided_at=_at(decided) if decided else None,
            meeting_on=meeting,
        )

    intervention(START)
    intervention(BEFORE, InterventionStatus.AUTHORISED, decided=START)
    intervention(dt.date(FY, 8, 1), InterventionStatus.HELD, dt.date(FY, 8, 2), meeting=AFTER)
    intervention(BEFORE, InterventionStatus.HELD, decided=BEFORE, meeting=END)
    intervention(dt.date(FY, 8, 5), InterventionStatus.DECLINED, decided=dt.date(FY, 8, 6))
    intervention(AFTER)

    for sent_on in (BEFORE, START, END, AFTER):
        referral = SanitisedReferral.objects.create(summary="Sanitised.", sent_on=sent_on)
        ReportReferral.objects.create(report=r1, referral=referral)

    for answer, answered in (
        (CheckAnswer.TRACE, START),
        (CheckAnswer.NO_TRACE, END),
        (CheckAnswer.NO_TRACE, BEFORE),
        (CheckAnswer.NO_TRACE, AFTER),
    ):
        IntelligenceCheckFactory(answer=answer, answered_at=_at(answered))
    IntelligenceCheckFactory()  # not yet answered


def _name(code: str) -> str:
    return CorruptionCategory.objects.get(code=code).name


def test_the_figures_are_exact(known, django_assert_num_queries):
    with django_assert_num_queries(5):
        section = SECTION.figures(PERIOD)
    assert {m.key: m.value for m in section.measures} == {
        "ccu.reports_received": 4,
        "ccu.interventions_proposed": 3,
        "ccu.interventions_authorised": 2,
        "ccu.interventions_held": 1,
        "ccu.referrals_to_psd": 2,
        "ccu.checks_answered": 2,
    }
    (by_category,) = [b for b in section.breakdowns if b.key == "ccu.by_category"]
    categories = dict(by_category.rows)
    # Every national category, in the threat picture's order, then the reports not yet put in one.
    order = (F("priority").asc(nulls_last=True), "order", "name")
    names = CorruptionCategory.objects.order_by(*order).values_list("name", flat=True)
    assert list(categories) == [*names, NOT_CATEGORISED]
    assert categories[_name("disclosure")] == (2,)
    assert categories[_name("systems-misuse")] == (1,)
    assert categories[_name("association")] == (1,)
    assert categories[_name("drugs")] == (0,)
    assert categories[NOT_CATEGORISED] == (1,)
    assert sum(n for (n,) in categories.values()) == 5  # one report is in two categories

    (by_route,) = [b for b in section.breakdowns if b.key == "ccu.by_route"]
    assert dict(by_route.rows) == {
        label: (1,)
        if value in ("line_manager", "confidential_line", "vetting", "complaint")
        else (0,)
        for value, label in Route.choices
    }


def test_the_board_counts_the_report_the_head_may_not_see(known, ccu_head):
    picture = threat.threat_picture(user=ccu_head, period=PERIOD)
    board = {m.key: m.value for m in SECTION.figures(PERIOD).measures}
    assert sum(picture.reports.counts) == 3
    assert board["ccu.reports_received"] == 4
    # The rest is counted by the same rules as the head's threat picture.
    held = {row.label: sum(row.counts) for row in picture.interventions}
    assert [
        board["ccu.interventions_proposed"],
        board["ccu.interventions_authorised"],
        board["ccu.interventions_held"],
    ] == list(held.values())
    assert board["ccu.referrals_to_psd"] == sum(picture.referrals.counts)


def test_reports_per_quarter(known, django_assert_num_queries):
    with django_assert_num_queries(1):
        (trend,) = SECTION.trends(QUARTERS)
    assert trend.key == "ccu.reports_received"
    assert [trend.counts[quarter.start] for quarter in QUARTERS] == [1, 4, 1]
