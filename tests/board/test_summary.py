"""The board's summary: exact figures from the sections (rates per 1,000 and per 100 of the
workforce, percentages, money, days), suppression, the national figures beside, the grids,
trends and disproportionality tables, who reads which section, and the pages."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils.timezone import localtime

from standards.access.models import AccessLogEntry, Area
from standards.board.models import ReferenceFigure, ReferenceScope
from standards.board.selectors.summary import build_summary, summary_query_string
from standards.core.periods import Period
from standards.people.models import Person
from tests.board.conftest import PERIOD, SUBJECT
from tests.people.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def workforce():
    """10,984 people serving on 30 September 2025 (10,985 with the board member) and 15 more
    who left in July, so 11,000 served on 30 June 2025 and on 30 September 2024. 600 are Black
    and female, 6,000 White and male; 30 of the Black and 100 of the White staff were subjects
    of complaints."""
    unit = OrgUnitFactory()
    people = []
    for number in range(10_984 + 15):  # and the board member, who serves too
        black, white = number < 600, 600 <= number < 6600
        subject = number < 30 or 600 <= number < 700
        people.append(
            Person(
                staff_number=f"W{number:06d}",
                first_name="Member",
                last_name=f"Number {number}",
                role_type="officer",
                org_unit=unit,
                ethnicity="B1" if black else "W1" if white else "",
                sex="F" if black else "M" if white else "",
                job_title=SUBJECT if subject else "",
                leave_date=dt.date(2025, 7, 15) if number >= 10_984 else None,
            )
        )
    Person.objects.bulk_create(people, batch_size=2000)


def _texts(row):
    return (row.current.text, row.previous.text, row.year_before.text)


def test_the_figures_exactly(board_member, sections, workforce):
    ReferenceFigure.objects.create(
        measure_key="testing.cases_logged.per_1000",
        scope=ReferenceScope.NATIONAL,
        period_start=PERIOD.start,
        period_end=PERIOD.end,
        value=Decimal("120.50"),
        source="IOPC statistics",
        recorded_by=board_member,
    )
    summary = build_summary(user=board_member, period=PERIOD)
    assert summary.workforce == 10_985
    assert summary.previous.label.startswith("Q1 2025/26")
    assert summary.year_before.label.startswith("Q2 2024/25")
    section = summary.sections[0]
    assert [row.key for row in section.figures] == [
        "testing.cases_logged",
        "testing.cases_logged.per_1000",
        "testing.cases_logged.per_100",
        "testing.reviews_received_pct",
        "testing.offered_value",
        "testing.days_to_finalise",
    ]
    assert _texts(summary.figure("testing.cases_logged")) == ("1,439", "1,200", "1,100")
    # 1,439 / 10,985 x 1,000 = 130.997; 1,200 / 11,000 x 1,000 = 109.09; 1,100 / 11,000 = 100.0.
    per_1000 = summary.figure("testing.cases_logged.per_1000")
    assert _texts(per_1000) == ("131.0", "109.1", "100.0")
    assert per_1000.label == "Cases logged per 1,000 workforce"
    assert per_1000.unit == "rate"
    assert per_1000.national.text == "120.5"
    assert per_1000.similar is None
    assert _texts(summary.figure("testing.cases_logged.per_100")) == ("13.1", "10.9", "10.0")
    # 41 of 410 is 10.0%; 3 of 410 is 0.73% (a force-level figure, shown); 0 of 410 is 0.0%.
    assert _texts(summary.figure("testing.reviews_received_pct")) == ("10.0%", "0.7%", "0.0%")
    assert summary.figure("testing.offered_value").current.text == "£1,234"
    assert summary.figure("testing.days_to_finalise").current.text == "12.5"

    # The grid, suppressed (worked by hand in tests/board/test_suppression.py), and its chart.
    (grid,) = section.grids
    assert [[cell.text for cell in row.cells] for row in grid.rows] == [
        ["not shown", "fewer than 5"],
        ["not shown", "not shown"],
    ]
    assert [row.total.text for row in grid.rows] == ["12", "28"]
    assert [cell.text for cell in grid.totals.cells] + [grid.totals.total.text] == [
        "18",
        "22",
        "40",
    ]
    assert grid.chart.rows == (
        ("Use of force", "not shown", "fewer than 5"),
        ("Discriminatory behaviour", "not shown", "not shown"),
    )
    # No suppressed number is drawn: the chart's labels are the printed texts.
    labels = re.findall(r">([^<>]*)</text>", grid.chart.svg)
    assert not {"10", "2", "8", "20"} & {label.strip() for label in labels}
    assert "fewer than 5" in " ".join(labels)

    # The trend: the 8 quarters ending with July to September 2025.
    (trend,) = section.trends
    assert [row[0] for row in trend.rows] == [
        "Q3 2023/24",
        "Q4 2023/24",
        "Q1 2024/25",
        "Q2 2024/25",
        "Q3 2024/25",
        "Q4 2024/25",
        "Q1 2025/26",
        "Q2 2025/26",
    ]
    assert [row[1] for row in trend.rows] == [str(100 + n) for n in range(8)]

    # Disproportionality: (30 / 600) / (100 / 6,000) = 0.05 / 0.01667 = 3.00, for ethnicity
    # (Black against White) and for sex (the same people: female against male).
    by_ethnicity, by_sex = summary.disproportionality
    assert by_ethnicity.key == "complaints.ethnicity"
    black = next(row for row in by_ethnicity.rows if row.group == "Black")
    assert (black.headcount.text, black.events.text, black.rate.text, black.rri.text) == (
        "600",
        "30",
        "50.0",
        "3.00",
    )
    female = next(row for row in by_sex.rows if row.group == "Female")
    assert (female.rate.text, female.rri.text, female.within_parity) == ("50.0", "3.00", False)
    assert by_ethnicity.chart.rows[1] == ("Black", "3.00")


def test_a_sensitive_section_suppresses_even_force_level_figures(board_member, sections):
    summary = build_summary(user=board_member, period=PERIOD)
    ccu = summary.sections[1]
    assert ccu.key == "testing-ccu" and ccu.sensitive
    assert _texts(summary.figure("testing_ccu.reports_received")) == ("fewer than 5", "12", "12")
    # 2 of 3 and 2 of 12: the 2 is small in a sensitive section, so no percentage.
    assert _texts(summary.figure("testing_ccu.interventions_pct")) == (
        "not shown",
        "not shown",
        "not shown",
    )
    (grid,) = ccu.grids
    # 3 and 0: the 3, its row's total, the column's total and the grand total are all 3.
    assert [row.cells[0].text for row in grid.rows] == ["fewer than 5", "0"]
    assert grid.totals.total.text == "fewer than 5"
    (trend,) = ccu.trends
    assert [row[1] for row in trend.rows] == [
        "0",
        "fewer than 5",
        "fewer than 5",
        "fewer than 5",
        "fewer than 5",
        "5",
        "6",
        "7",
    ]


def test_who_reads_which_section(board_member, psd_head, ccu_head, staff_member, sections):
    def keys(user):
        return [section.key for section in build_summary(user=user, period=PERIOD).sections]

    assert keys(board_member) == ["testing", "testing-ccu"]
    assert keys(ccu_head) == ["testing", "testing-ccu"]
    assert keys(psd_head) == ["testing"]
    with pytest.raises(Http404):
        build_summary(user=staff_member, period=PERIOD)
    with pytest.raises(Http404):
        build_summary(user=psd_head, period=PERIOD, section="testing-ccu")
    one = build_summary(user=ccu_head, period=PERIOD, section="testing-ccu")
    assert [section.key for section in one.sections] == ["testing-ccu"]


def test_a_bounded_number_of_queries(board_member, sections, django_assert_max_num_queries):
    # Roles (1), the workforce on three days (3), the reference figures (1), the test section's
    # two GROUP BYs for each of three periods (6), the headcount by group (1).
    with django_assert_max_num_queries(12):
        build_summary(user=board_member, period=PERIOD)


def test_figures_are_kept_for_a_few_minutes_and_a_year_is_counted_once(
    board_member, sections, workforce, settings, django_assert_max_num_queries
):
    """Each section's figures for a period and the workforce on a day are kept in the shared
    cache for BOARD_FIGURES_CACHE_SECONDS, then counted again; a financial year's previous
    period, which is also the same period a year earlier, is counted once."""
    from django.core.cache import cache

    cache.clear()
    settings.BOARD_FIGURES_CACHE_SECONDS = 300
    subjects = lambda summary: [  # noqa: E731
        row.events.text for table in summary.disproportionality for row in table.rows
    ]
    first = build_summary(user=board_member, period=PERIOD)
    OrgUnitFactory()  # nothing the section counts
    Person.objects.filter(job_title=SUBJECT).update(job_title="")
    # Kept: roles (1), the reference figures (1) and the headcount by group (1) only.
    with django_assert_max_num_queries(3):
        kept = build_summary(user=board_member, period=PERIOD)
    assert subjects(kept) == subjects(first)
    cache.clear()
    assert subjects(build_summary(user=board_member, period=PERIOD)) != subjects(first)

    settings.BOARD_FIGURES_CACHE_SECONDS = 0
    year = Period.financial_year(2025)
    assert year.previous() == year.year_before()
    # Roles (1), the workforce on three days (3), the reference figures (1), the section's two
    # GROUP BYs for two periods (4), the headcount by group (1), the trends (0: none here).
    with django_assert_max_num_queries(10):
        build_summary(user=board_member, period=year)
    cache.clear()


def test_the_query_string_for_each_kind_of_period():
    assert summary_query_string(Period.quarter(2025, 2)) == "period=quarter&quarter=2025-2"
    assert summary_query_string(Period.financial_year(2024)) == "period=year&year=2024"
    custom = Period.custom(dt.date(2025, 5, 1), dt.date(2025, 6, 9))
    assert summary_query_string(custom) == (
        "period=custom&date_from_day=1&date_from_month=5&date_from_year=2025"
        "&date_to_day=9&date_to_month=6&date_to_year=2025"
    )


# --- the pages ----------------------------------------------------------------------------------


def _get(client, name="board:summary", **kwargs):
    return client.get(
        reverse(name, kwargs=kwargs or None), {"period": "quarter", "quarter": "2025-2"}
    )


def test_the_summary_page(client_for, board_member, sections):
    response = _get(client_for(board_member))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Q2 2025/26 (July to September 2025)" in html
    for text in ("1,439", "10.0%", "£1,234", "fewer than 5", "not shown", "Show the figures"):
        assert text in html
    assert "From 0.80 to 1.25 is read as parity" in html
    assert reverse("board:section", kwargs={"key": "testing-ccu"}) in html
    assert f"{reverse('board:report')}?period=quarter&amp;quarter=2025-2" in html
    assert reverse("board:tracker") in html and reverse("board:reference_list") in html
    entry = AccessLogEntry.objects.get(user=board_member)
    assert (entry.area, entry.result_count) == (Area.BOARD, 2)


def test_a_section_page(client_for, ccu_head, sections):
    response = _get(client_for(ccu_head), "board:section", key="testing-ccu")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Counter corruption for testing" in html
    assert "Complaints for testing" not in html
    assert AccessLogEntry.objects.get(user=ccu_head).result_count == 1


def test_psd_never_sees_a_sensitive_section(client_for, psd_head, sections):
    client = client_for(psd_head)
    html = _get(client).content.decode()
    assert "Complaints for testing" in html
    assert "Counter corruption for testing" not in html
    assert "testing-ccu" not in html
    assert _get(client, "board:section", key="testing-ccu").status_code == 404


def test_anyone_else_gets_404(client_for, staff_member, caseworker, ccu_analyst, sections):
    for user in (staff_member, caseworker, ccu_analyst):
        assert _get(client_for(user)).status_code == 404
    assert not AccessLogEntry.objects.filter(area=Area.BOARD).exists()


def test_the_pages_link_to_no_record_of_any_area(client_for, board_member, sections):
    client = client_for(board_member)
    for response in (_get(client), _get(client, "board:section", key="testing")):
        links = re.findall(r'href="([^"]+)"', response.content.decode())
        assert links
        # The header's links to each area's own start page are there; a record's address
        # carries its number or reference.
        records = re.compile(r"^/(complaints|ccu|registers|crosschecks)/.*\d")
        assert not [link for link in links if records.match(link)]


def test_the_home_page_shows_the_boards_headline_figures(client_for, board_member, sections):
    html = client_for(board_member).get(reverse("core:home")).content.decode()
    assert 'data-testid="board-headlines"' in html
    assert "Cases logged" in html and "Reports received" in html
    assert f"{reverse('board:summary')}?period=quarter" in html


def test_the_standing_periods_are_counted_ahead_so_a_reader_waits_for_no_count(
    board_member, sections, workforce, settings, django_assert_max_num_queries
):
    """The board's scheduled task counts the periods its pages open on (with the period before
    and a year earlier) and keeps them; a reader then reads them without a count, and the next
    run replaces them with what the records say by then."""
    from django.core.cache import cache

    from standards.board.selectors.summary import count_ahead, standing_periods
    from standards.board.tasks import count_board_figures

    cache.clear()
    settings.BOARD_FIGURES_CACHE_SECONDS = 300
    today = dt.date(2025, 10, 6)  # in Q3 2025/26: the last complete quarter is PERIOD
    assert PERIOD in standing_periods(today)
    assert [period.label for period in standing_periods(today)] == [
        Period.financial_year(2025).label,
        Period.quarter(2025, 3).label,
        PERIOD.label,
        Period.financial_year(2024).label,
    ]
    # Two sections for the distinct periods, their trends, and the workforce on each last day.
    assert count_ahead(today=today) > 0
    subjects = lambda summary: [  # noqa: E731
        row.events.text for table in summary.disproportionality for row in table.rows
    ]
    # Roles (1), the reference figures (1) and the headcount by group (1): no figure counted.
    with django_assert_max_num_queries(3):
        kept = build_summary(user=board_member, period=PERIOD)
    Person.objects.filter(job_title=SUBJECT).update(job_title="")
    assert subjects(build_summary(user=board_member, period=PERIOD)) == subjects(kept)
    count_ahead(today=today)
    assert subjects(build_summary(user=board_member, period=PERIOD)) != subjects(kept)

    # The task counts the standing periods of the force's today; nothing is kept with keeping off.
    assert count_board_figures() > 0
    assert settings.CELERY_BEAT_SCHEDULE["board-figures"]["task"] == count_board_figures.name
    settings.BOARD_FIGURES_CACHE_SECONDS = 0
    assert count_ahead(today=today) == 0
    cache.clear()


def test_the_page_says_when_its_figures_were_counted(client_for, board_member, sections, settings):
    from django.core.cache import cache

    cache.clear()
    settings.BOARD_FIGURES_CACHE_SECONDS = 300
    client = client_for(board_member)
    first = build_summary(user=board_member, period=PERIOD).counted_at
    page = _get(client).content.decode()
    assert f"Figures counted from the records at {localtime(first):%H:%M}" in page
    assert "counted again every 5 minutes" in page
    settings.BOARD_FIGURES_CACHE_SECONDS = 0
    page = _get(client).content.decode()
    assert "counted afresh each time this page is opened" in page
    cache.clear()
