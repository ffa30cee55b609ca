"""Board sections of the tests' own, registered for a test and removed after it (the areas'
sections are set aside meanwhile), so the summary is tested on figures known exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Count

from standards.access.roles import Role
from standards.board import figures
from standards.board.figures import (
    BoardSection,
    Breakdown,
    Measure,
    PeopleCounts,
    Section,
    Trend,
)
from standards.core.periods import Period
from standards.people.models import Person

# The period the tests choose and the figures the fake section gives for it, for the period
# before and for the same period a year earlier.
PERIOD = Period.quarter(2025, 2)  # July to September 2025
SUBJECT = "Subject of a complaint"  # the job title marking the people counted as subjects


def _figures(period: Period) -> Section:
    cases, reviews = {
        PERIOD.start: (1439, 41),
        PERIOD.previous().start: (1200, 3),
        PERIOD.year_before().start: (1100, 0),
    }.get(period.start, (0, 0))
    # The people the events were about: counted in the database, as a provider does.
    subjects = Person.objects.filter(job_title=SUBJECT)
    by_ethnicity = dict(
        subjects.values_list("ethnicity").annotate(n=Count("pk")).values_list("ethnicity", "n")
    )
    by_sex = dict(subjects.values_list("sex").annotate(n=Count("pk")).values_list("sex", "n"))
    return Section(
        measures=(
            Measure(
                key="testing.cases_logged",
                label="Cases logged",
                value=cases,
                per_workforce=True,
                hint="cases, not allegations",
            ),
            Measure(
                key="testing.reviews_received_pct",
                label="Reviews received",
                value=reviews,
                unit="percent",
                denominator=410,
            ),
            Measure(
                key="testing.offered_value",
                label="Value of gifts offered",
                value=Decimal("1234.40"),
                unit="money",
            ),
            Measure(
                key="testing.days_to_finalise",
                label="Average working days to finalise",
                value=Decimal("12.45"),
                unit="days",
                basis=3,
            ),
        ),
        breakdowns=(
            Breakdown(
                key="testing.by_category",
                title="Allegations by category",
                row_heading="Category",
                columns=("Officers", "Staff"),
                rows=(("Use of force", (10, 2)), ("Discriminatory behaviour", (8, 20))),
            ),
        ),
        people=(
            PeopleCounts(
                key="complaints",
                label="Subjects of complaints",
                by_ethnicity=by_ethnicity,
                by_sex=by_sex,
            ),
        ),
    )


def _trends(quarters) -> tuple[Trend, ...]:
    return (
        Trend(
            key="testing.cases_logged",
            label="Cases logged",
            counts={quarter.start: 100 + index for index, quarter in enumerate(quarters)},
        ),
    )


def _sensitive_figures(period: Period) -> Section:
    reports = 3 if period.start == PERIOD.start else 12
    return Section(
        measures=(
            Measure(key="testing_ccu.reports_received", label="Reports received", value=reports),
            Measure(
                key="testing_ccu.interventions_pct",
                label="Reports leading to an intervention",
                value=2,
                unit="percent",
                denominator=reports,
            ),
        ),
        breakdowns=(
            Breakdown(
                key="testing_ccu.by_route",
                title="Reports by route",
                row_heading="Route",
                columns=("Reports",),
                rows=(("Line manager", (3,)), ("Confidential line", (0,))),
            ),
        ),
    )


def _sensitive_trends(quarters) -> tuple[Trend, ...]:
    return (
        Trend(
            key="testing_ccu.reports_received",
            label="Reports received",
            counts={quarter.start: index for index, quarter in enumerate(quarters)},
        ),
    )


OPEN = BoardSection(
    key="testing",
    title="Complaints for testing",
    order=10,
    figures=_figures,
    trends=_trends,
    audience=frozenset({Role.PSD_DECISION_MAKER, Role.CCU_HEAD}),
    summary="Figures the tests know exactly.",
)
SENSITIVE = BoardSection(
    key="testing-ccu",
    title="Counter corruption for testing",
    order=50,
    figures=_sensitive_figures,
    trends=_sensitive_trends,
    audience=frozenset({Role.CCU_HEAD}),
    sensitive=True,
    summary="Sensitive figures the tests know exactly.",
)


@pytest.fixture
def sections():
    """The two test sections in place of the areas' own, for the length of a test."""
    saved = dict(figures._SECTIONS)
    figures._SECTIONS.clear()
    figures.register_board_section(OPEN)
    figures.register_board_section(SENSITIVE)
    yield (OPEN, SENSITIVE)
    figures._SECTIONS.clear()
    figures._SECTIONS.update(saved)
