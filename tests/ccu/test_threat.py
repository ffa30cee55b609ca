"""The threat picture: exact figures by category, route and quarter, interventions and referrals,
for the head of the CCU only; the CSV says what the page says."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from ccu.models import InterventionStatus, ReportReferral, Route
from ccu.selectors import threat as selectors
from standards.access.models import AccessAction, AccessLogEntry, Area
from standards.core.forms import PeriodForm
from standards.core.periods import Period, financial_year_label, financial_year_start
from standards.exchange.models import SanitisedReferral
from tests.accounts.factories import UserFactory
from tests.ccu.factories import InterventionFactory, OperationFactory, ReportFactory
from tests.form_data import date_parts

pytestmark = pytest.mark.django_db

FY = financial_year_start(dt.date.today()) - 1  # last financial year: complete


def _on(month: int, day: int) -> dt.date:
    """A day of financial year FY (April to March)."""
    return dt.date(FY + (1 if month < 4 else 0), month, day)


def _at(month: int, day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(_on(month, day), dt.time(12)))


@pytest.fixture
def known(ccu_head):
    """Reports in each quarter of FY, some outside it, one about the head, one in an operation
    the head has not been allocated; interventions at each stage; referrals."""
    r1 = ReportFactory(
        received_on=_on(4, 10),
        route=Route.LINE_MANAGER,
        categories=["disclosure", "systems-misuse"],
    )
    ReportFactory(received_on=_on(6, 30), route=Route.CONFIDENTIAL_LINE, categories=["disclosure"])
    ReportFactory(
        received_on=_on(8, 15),
        route=Route.OTHER_FORCE,
        categories=["sexual-misconduct"],
        operation=OperationFactory(),
    )
    ReportFactory(received_on=_on(12, 1), route=Route.VETTING, categories=["association"])
    ReportFactory(received_on=_on(3, 31), route=Route.LINE_MANAGER, categories=["theft-fraud"])
    # Outside the year, either side.
    ReportFactory(received_on=dt.date(FY, 3, 31), categories=["disclosure"])
    ReportFactory(received_on=dt.date(FY + 1, 4, 1), categories=["disclosure"])
    # About the head: never shown to them, so never counted for them either.
    ReportFactory(received_on=_on(9, 1), categories=["drugs"], subjects=[ccu_head.person])

    InterventionFactory(report=r1, proposed_at=_at(5, 1))
    InterventionFactory(
        report=r1,
        proposed_at=_at(5, 2),
        status=InterventionStatus.AUTHORISED,
        decided_at=_at(7, 3),
    )
    InterventionFactory(
        report=r1,
        proposed_at=_at(9, 30),
        status=InterventionStatus.HELD,
        decided_at=_at(10, 2),
        meeting_on=_on(1, 15),
    )
    InterventionFactory(
        report=r1,
        proposed_at=_at(6, 1),
        status=InterventionStatus.DECLINED,
        decided_at=_at(6, 5),
    )
    for sent_on in (_on(11, 1), _on(2, 1), dt.date(FY + 1, 5, 1)):
        referral = SanitisedReferral.objects.create(summary="Sanitised.", sent_on=sent_on)
        ReportReferral.objects.create(report=r1, referral=referral)
    return r1


def _rows(rows) -> dict[str, tuple[int, ...]]:
    return {row.label: row.counts for row in rows}


def _name(code: str) -> str:
    from ccu.models import CorruptionCategory

    return CorruptionCategory.objects.get(code=code).name


def test_the_figures_are_exact(ccu_head, known):
    picture = selectors.threat_picture(user=ccu_head, period=Period.financial_year(FY))
    assert [q.label for q in picture.quarters] == [
        f"Q{n} {financial_year_label(FY)}" for n in (1, 2, 3, 4)
    ]
    categories = _rows(picture.categories)
    assert categories[_name("disclosure")] == (2, 0, 0, 0)
    assert categories[_name("systems-misuse")] == (1, 0, 0, 0)
    assert categories[_name("sexual-misconduct")] == (0, 1, 0, 0)
    assert categories[_name("association")] == (0, 0, 1, 0)
    assert categories[_name("theft-fraud")] == (0, 0, 0, 1)
    assert categories[_name("drugs")] == (0, 0, 0, 0)  # the report about the head
    assert picture.reports.counts == (2, 1, 1, 1)
    assert picture.reports.total == 5
    routes = _rows(picture.routes)
    assert routes[Route.LINE_MANAGER.label] == (1, 0, 0, 1)
    assert routes[Route.CONFIDENTIAL_LINE.label] == (1, 0, 0, 0)
    assert routes[Route.OTHER_FORCE.label] == (0, 1, 0, 0)
    assert routes[Route.VETTING.label] == (0, 0, 1, 0)
    assert routes[Route.COMPLAINT.label] == (0, 0, 0, 0)
    proposed, authorised, held = picture.interventions
    assert proposed.counts == (3, 1, 0, 0)
    assert authorised.counts == (0, 1, 1, 0)
    assert held.counts == (0, 0, 0, 1)
    assert picture.referrals.counts == (0, 0, 1, 1)


def test_the_strategic_priorities_come_first_and_are_marked(client_for, ccu_head):
    picture = selectors.threat_picture(user=ccu_head, period=Period.financial_year(FY))
    priorities = [row.priority for row in picture.categories]
    assert priorities[:5] == [1, 1, 2, 3, 4]
    assert set(priorities[5:]) == {None}
    body = client_for(ccu_head).get(reverse("ccu:threat")).content.decode()
    assert body.count("Priority 1</strong>") == 2 and "Priority 4</strong>" in body


def test_a_quarter_and_a_custom_period(ccu_head, known):
    quarter = selectors.threat_picture(user=ccu_head, period=Period.quarter(FY, 1))
    assert len(quarter.quarters) == 1 and quarter.reports.counts == (2,)
    assert [row.counts for row in quarter.interventions] == [(3,), (0,), (0,)]
    # Part quarters: only the days inside the period count.
    custom = selectors.threat_picture(user=ccu_head, period=Period.custom(_on(5, 15), _on(10, 1)))
    assert len(custom.quarters) == 3
    assert custom.reports.counts == (1, 1, 0)  # 30 June; 15 August; not 10 April, not 1 Dec
    assert custom.interventions[1].counts == (0, 1, 0)  # 3 July in; 2 October out


def test_the_figures_take_five_queries_however_many_reports(
    ccu_head, known, django_assert_num_queries
):
    period = Period.financial_year(FY)
    selectors.require_head(user=ccu_head)  # the head's roles, read once per request
    with django_assert_num_queries(5):
        selectors.threat_picture(user=ccu_head, period=period)
    for index in range(30):
        ReportFactory(received_on=_on(4 + index % 9, 1), categories=["disclosure", "drugs"])
    with django_assert_num_queries(5):
        picture = selectors.threat_picture(user=ccu_head, period=period)
    assert picture.reports.total == 35


def test_the_page_shows_the_figures_and_logs_the_search(client_for, ccu_head, known):
    before = AccessLogEntry.objects.count()
    response = client_for(ccu_head).get(reverse("ccu:threat"), {"period": "year", "year": FY})
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Financial year {financial_year_label(FY)}" in body
    assert 'data-testid="by-category"' in body and 'data-testid="by-route"' in body
    assert response.context["picture"].reports.total == 5
    # Counts only: nothing from a report reaches the page.
    assert known.sanitised_text not in body and known.reference not in body
    entry = AccessLogEntry.objects.order_by("-pk").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert entry.action == AccessAction.SEARCH and entry.area == Area.CCU
    assert entry.result_count == 5


def test_the_page_defaults_to_the_current_financial_year(client_for, ccu_head):
    response = client_for(ccu_head).get(reverse("ccu:threat"))
    current = financial_year_start(timezone.localdate())
    assert response.context["picture"].period == Period.financial_year(current)


def test_a_custom_period_must_make_sense(client_for, ccu_head):
    response = client_for(ccu_head).get(
        reverse("ccu:threat"),
        {
            "period": "custom",
            **date_parts("date_from", _on(9, 1)),
            **date_parts("date_to", _on(8, 1)),
        },
    )
    body = response.content.decode()
    assert "There is a problem" in body
    assert "The end date must be the same as or after the start date" in body
    assert response.context["picture"] is None
    form = PeriodForm({"period": "custom", **date_parts("date_from", _on(9, 1))})
    assert not form.is_valid() and "Enter the end date" in str(form.errors)


def test_the_csv_says_what_the_page_says(client_for, ccu_head, known):
    client = client_for(ccu_head)
    params = {"period": "year", "year": FY}
    picture = client.get(reverse("ccu:threat"), params).context["picture"]
    response = client.get(reverse("ccu:threat_export"), params)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, body = rows[0], rows[1:]
    assert header == [
        "Table",
        "Measure",
        "Strategic priority",
        *(q.label for q in picture.quarters),
        "Total",
    ]
    expected = [
        *(("Reports by national category", row) for row in [*picture.categories, picture.reports]),
        *(("Reports by route", row) for row in [*picture.routes, picture.reports]),
        *(("Management interventions", row) for row in picture.interventions),
        ("Sanitised referrals", picture.referrals),
    ]
    assert len(body) == len(expected)
    for line, (table, row) in zip(body, expected, strict=True):
        assert line == [
            table,
            row.label,
            str(row.priority or ""),
            *(str(n) for n in row.counts),
            str(row.total),
        ]
    entry = AccessLogEntry.objects.order_by("-pk").first()
    assert entry.action == AccessAction.DISCLOSURE and entry.area == Area.CCU


@pytest.mark.parametrize("url_name", ["ccu:threat", "ccu:threat_export"])
def test_only_the_head_of_the_ccu(client_for, ccu_analyst, psd_head, auditor, url_name):
    before = AccessLogEntry.objects.count()
    for user in (ccu_analyst, psd_head, auditor, UserFactory()):
        assert client_for(user).get(reverse(url_name)).status_code == 404
    assert AccessLogEntry.objects.count() == before
