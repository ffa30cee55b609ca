"""The registers' figures for the integrity board: gifts and hospitality, business interests, the
annual declaration and notifiable associations. Known records either side of the period's
boundaries, exact figures, and a fixed number of queries whatever the rows; and every section's
keys unique and named after the section."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from registers.annual.board import SECTION as ANNUAL
from registers.annual.models import AnnualDeclaration
from registers.associations.board import SECTION as ASSOCIATIONS
from registers.associations.models import AssociationStatus, ConcernCategory
from registers.gifts import services as gift_services
from registers.gifts.board import SECTION as GIFTS
from registers.gifts.models import Direction, DonorType, Kind, Response
from registers.interests.board import SECTION as INTERESTS
from registers.interests.models import (
    DecisionOutcome,
    DecisionStage,
    InterestStatus,
    InterestType,
)
from standards.access.roles import Role
from standards.board.figures import board_sections
from standards.core.periods import Period, financial_year_start, quarters_ending
from tests.people.factories import PersonFactory
from tests.registers.annual.factories import declaration_made
from tests.registers.associations.factories import AssessmentFactory, AssociationFactory
from tests.registers.gifts.factories import declare
from tests.registers.interests.factories import BusinessInterestFactory, InterestDecisionFactory

pytestmark = pytest.mark.django_db

FY = financial_year_start(dt.date.today()) - 1  # last financial year: complete
PERIOD = Period.quarter(FY, 2)  # July to September
BEFORE = dt.date(FY, 6, 30)  # the day before the period
START = dt.date(FY, 7, 1)
END = dt.date(FY, 9, 30)
AFTER = dt.date(FY, 10, 1)  # the day after
QUARTERS = quarters_ending(END + dt.timedelta(days=1), 3)  # Q1, Q2 and Q3 of FY


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _measures(section) -> dict[str, object]:
    return {measure.key: measure.value for measure in section.measures}


def _grid(section, key: str) -> dict[str, tuple[int, ...]]:
    (breakdown,) = [b for b in section.breakdowns if b.key == key]
    return dict(breakdown.rows)


def _trend(trends, key: str) -> list[int]:
    (trend,) = [t for t in trends if t.key == key]
    return [trend.counts[quarter.start] for quarter in QUARTERS]


# --- every section --------------------------------------------------------------------------


def test_each_section_is_registered_as_the_contract_says():
    sections = {section.key: section for section in board_sections()}
    psd_and_ccu = frozenset({Role.PSD_DECISION_MAKER, Role.CCU_HEAD})
    expected = {
        "gifts": ("Gifts and hospitality", 30, psd_and_ccu, False),
        "interests": ("Business interests", 31, psd_and_ccu, False),
        "annual": ("Annual declarations", 32, psd_and_ccu, False),
        "associations": ("Notifiable associations", 33, frozenset({Role.CCU_HEAD}), True),
        "crosschecks": ("Cross-checks", 40, psd_and_ccu, False),
        "crosschecks-ccu": ("Cross-checks inside the CCU", 41, frozenset({Role.CCU_HEAD}), True),
        "ccu": ("Counter corruption", 50, frozenset({Role.CCU_HEAD}), True),
    }
    for key, (title, order, audience, sensitive) in expected.items():
        section = sections[key]
        assert (section.title, section.order, section.audience, section.sensitive) == (
            title,
            order,
            audience,
            sensitive,
        )
        assert section.summary


@pytest.mark.parametrize(
    "key", ["gifts", "interests", "annual", "associations", "crosschecks", "crosschecks-ccu", "ccu"]
)
def test_every_key_is_unique_and_named_after_its_section(key):
    section = {section.key: section for section in board_sections()}[key]
    figures = section.figures(PERIOD)
    trends = section.trends(QUARTERS) if section.trends else ()
    keys = [m.key for m in figures.measures] + [b.key for b in figures.breakdowns]
    assert keys, "a section with no figures"
    assert len(keys) == len(set(keys))
    for name in keys + [trend.key for trend in trends]:
        assert name.startswith(f"{key}."), name
        assert name.split(".", 1)[1].replace("_", "").isalnum(), name
    # A trend is one of the section's measures, counted per quarter.
    assert {trend.key for trend in trends} <= {m.key for m in figures.measures}
    # Every grid keeps its shape: one count per column in every row.
    for breakdown in figures.breakdowns:
        assert breakdown.rows
        assert all(len(counts) == len(breakdown.columns) for _, counts in breakdown.rows)


# --- gifts and hospitality ------------------------------------------------------------------


@pytest.fixture
def gifts(staff_member):
    """Offers declared through the register's own service, by the day offered."""

    def offer(day, kind, donor_type, response, value, **more):
        return declare(
            staff_member,
            offered_on=day,
            kind=kind,
            donor_type=donor_type,
            response=response,
            estimated_value=Decimal(value),
            **more,
        )

    offer(START, Kind.GIFT, DonorType.INDIVIDUAL, Response.ACCEPTED, "20.00")
    offer(dt.date(FY, 8, 15), Kind.HOSPITALITY, DonorType.COMPANY, Response.DECLINED, "100.00")
    offer(END, Kind.HOSPITALITY, DonorType.SUPPLIER, Response.ACCEPTED, "55.50")
    # Withdrawn by the member (declared in error): not an offer.
    withdrawn = offer(dt.date(FY, 9, 1), Kind.GIFT, DonorType.INDIVIDUAL, Response.DECLINED, "12")
    gift_services.gift_withdraw(gift=withdrawn, reason="Declared twice", acting_user=staff_member)
    # Given by the member, not offered to them.
    offer(dt.date(FY, 8, 10), Kind.GIFT, DonorType.CHARITY, Response.ACCEPTED, "30.00",
          direction=Direction.GIVEN)  # fmt: skip
    # The day before and the day after.
    offer(BEFORE, Kind.GIFT, DonorType.COMPANY, Response.ACCEPTED, "30.00")
    offer(AFTER, Kind.HOSPITALITY, DonorType.MEDIA, Response.DECLINED, "40.00")


def test_gift_figures_are_exact(gifts, django_assert_num_queries):
    with django_assert_num_queries(1):
        section = GIFTS.figures(PERIOD)
    assert _measures(section) == {
        "gifts.offered": 3,
        "gifts.accepted": 2,
        "gifts.declined": 1,
        "gifts.offered_value": Decimal("175.50"),
        "gifts.accepted_value": Decimal("75.50"),
    }
    assert _grid(section, "gifts.by_kind") == {"Gift": (1, 0), "Hospitality": (1, 1)}
    by_donor = _grid(section, "gifts.by_donor")
    assert list(by_donor) == [label for _, label in DonorType.choices]
    assert by_donor[DonorType.INDIVIDUAL.label] == (1, 0)
    assert by_donor[DonorType.COMPANY.label] == (0, 1)
    assert by_donor[DonorType.SUPPLIER.label] == (1, 0)
    assert by_donor[DonorType.MEDIA.label] == (0, 0)
    assert sum(a + d for a, d in by_donor.values()) == 3
    with django_assert_num_queries(1):
        trends = GIFTS.trends(QUARTERS)
    assert _trend(trends, "gifts.offered") == [1, 3, 1]


def test_gift_figures_of_an_empty_period_are_zeros_not_blanks(django_assert_num_queries):
    with django_assert_num_queries(1):
        section = GIFTS.figures(PERIOD)
    measures = _measures(section)
    assert measures["gifts.offered"] == 0
    assert measures["gifts.offered_value"] == Decimal("0")
    assert set(_grid(section, "gifts.by_kind").values()) == {(0, 0)}


# --- business interests ---------------------------------------------------------------------


def _interest(kind, submitted, *decisions, **more):
    interest = BusinessInterestFactory(interest_type=kind, submitted_at=_at(submitted), **more)
    for stage, outcome, day in decisions:
        InterestDecisionFactory(
            interest=interest, stage=stage, outcome=outcome, decided_at=_at(day)
        )
    return interest


PSD = DecisionStage.PSD_DECISION


@pytest.fixture
def interests():
    # Received and approved in the period, held at its end with its review a year away.
    _interest(
        InterestType.SECONDARY_EMPLOYMENT,
        START,
        (PSD, DecisionOutcome.COMPATIBLE, dt.date(FY, 7, 20)),
        status=InterestStatus.APPROVED,
        review_due=dt.date(FY + 1, 7, 20),
    )
    # Received on the last day, not yet decided.
    _interest(InterestType.OWN_BUSINESS, END)
    # Received the day before; approved with conditions in the period; its review has passed.
    _interest(
        InterestType.DIRECTORSHIP,
        BEFORE,
        (PSD, DecisionOutcome.COMPATIBLE_WITH_CONDITIONS, dt.date(FY, 7, 2)),
        status=InterestStatus.APPROVED_WITH_CONDITIONS,
        review_due=dt.date(FY, 9, 1),
    )
    # Refused, appealed and the appeal upheld, all in the period: held at the end.
    _interest(
        InterestType.VOLUNTARY_ROLE,
        dt.date(FY, 8, 1),
        (PSD, DecisionOutcome.INCOMPATIBLE, dt.date(FY, 8, 10)),
        (DecisionStage.APPEAL, DecisionOutcome.APPEAL_UPHELD, END),
        status=InterestStatus.APPROVED,
        appealed_at=_at(dt.date(FY, 8, 20)),
    )
    # Approved long ago, ended in the period: not held at the end.
    _interest(
        InterestType.SECONDARY_EMPLOYMENT,
        dt.date(FY - 1, 5, 1),
        (PSD, DecisionOutcome.COMPATIBLE, dt.date(FY - 1, 6, 1)),
        status=InterestStatus.ENDED,
        ended_on=dt.date(FY, 8, 1),
        review_due=dt.date(FY, 6, 1),
    )
    # Received and approved the day after.
    _interest(
        InterestType.SECONDARY_EMPLOYMENT,
        AFTER,
        (PSD, DecisionOutcome.COMPATIBLE, AFTER),
        status=InterestStatus.APPROVED,
    )
    # Approved before, then found incompatible on review in the period: not held at the end.
    _interest(
        InterestType.OWN_BUSINESS,
        dt.date(FY + 1, 1, 10) - dt.timedelta(days=365),
        (PSD, DecisionOutcome.COMPATIBLE, dt.date(FY, 2, 1)),
        (DecisionStage.REVIEW, DecisionOutcome.INCOMPATIBLE, dt.date(FY, 9, 15)),
        status=InterestStatus.REFUSED,
    )
    # Refused and appealed before the period; the appeal dismissed in it.
    _interest(
        InterestType.RELATIVE_LICENSED_PREMISES,
        dt.date(FY, 4, 1),
        (DecisionStage.RECOMMENDATION, DecisionOutcome.SUPPORT, dt.date(FY, 4, 10)),
        (PSD, DecisionOutcome.INCOMPATIBLE, dt.date(FY, 5, 1)),
        (DecisionStage.APPEAL, DecisionOutcome.APPEAL_DISMISSED, dt.date(FY, 7, 5)),
        status=InterestStatus.REFUSED,
        appealed_at=_at(dt.date(FY, 6, 20)),
    )


def test_interest_figures_are_exact(interests, django_assert_num_queries):
    with django_assert_num_queries(4):
        section = INTERESTS.figures(PERIOD)
    assert _measures(section) == {
        "interests.received": 3,
        "interests.approved": 2,
        "interests.approved_pct": 2,
        "interests.approved_with_conditions": 1,
        "interests.refused": 1,
        "interests.appealed": 1,
        "interests.appeals_decided": 2,
        "interests.live": 3,
        "interests.reviews_overdue": 1,
    }
    (share,) = [m for m in section.measures if m.key == "interests.approved_pct"]
    assert (share.unit, share.denominator) == ("percent", 3)  # 2 approved of 3 decided
    assert _grid(section, "interests.by_kind") == {
        "Secondary employment": (1, 1, 0),
        "Own business": (1, 0, 0),
        "Directorship or shareholding": (0, 1, 0),
        "Voluntary role": (1, 0, 1),
        "Relative's interest in licensed premises": (0, 0, 0),
    }
    with django_assert_num_queries(1):
        trends = INTERESTS.trends(QUARTERS)
    assert _trend(trends, "interests.received") == [2, 3, 1]


def test_an_interest_approved_the_day_after_is_held_in_the_next_period(interests):
    next_quarter = Period.quarter(FY, 3)
    measures = _measures(INTERESTS.figures(next_quarter))
    assert measures["interests.received"] == 1
    assert measures["interests.approved"] == 1
    assert measures["interests.live"] == 4
    # Its review date (1 September) passed before the period's end; the others have none due.
    assert measures["interests.reviews_overdue"] == 1


# --- annual declarations --------------------------------------------------------------------


@pytest.fixture
def annual(settings):
    settings.ANNUAL_DECLARATION_FIRST_YEAR = FY - 1

    def made(person, *, year, on):
        declaration = declaration_made(person, year=year)
        AnnualDeclaration.objects.filter(pk=declaration.pk).update(made_at=_at(on))

    made(PersonFactory(), year=FY, on=dt.date(FY, 7, 15))  # in the period
    made(PersonFactory(), year=FY, on=BEFORE)  # before it: declared by the end
    made(PersonFactory(), year=FY, on=AFTER)  # after it: not declared by the end
    made(PersonFactory(), year=FY - 1, on=dt.date(FY + 1, 2, 1) - dt.timedelta(days=365))
    PersonFactory()  # no declaration
    # Left on the period's last day: made one in the period, but not in the workforce at the end.
    made(PersonFactory(leave_date=END), year=FY, on=dt.date(FY, 8, 1))
    PersonFactory(leave_date=AFTER)  # left the day after: serving at the end, no declaration


def test_annual_figures_are_exact(annual, django_assert_num_queries):
    with django_assert_num_queries(2):
        section = ANNUAL.figures(PERIOD)
    measures = {measure.key: measure for measure in section.measures}
    assert measures["annual.made"].value == 2
    assert (measures["annual.made_pct"].value, measures["annual.made_pct"].denominator) == (2, 6)
    assert measures["annual.made_pct"].unit == "percent"
    assert measures["annual.outstanding"].value == 4
    with django_assert_num_queries(1):
        trends = ANNUAL.trends(QUARTERS)
    assert _trend(trends, "annual.made") == [1, 2, 1]


def test_a_year_the_force_does_not_ask_for_shows_no_share(annual, settings):
    settings.ANNUAL_DECLARATION_FIRST_YEAR = FY + 1
    measures = {measure.key: measure for measure in ANNUAL.figures(PERIOD).measures}
    assert measures["annual.made"].value == 2
    assert measures["annual.made_pct"].value is None
    assert measures["annual.made_pct"].denominator is None
    assert measures["annual.outstanding"].value is None


# --- notifiable associations ----------------------------------------------------------------


def _association(category, submitted, *assessed, **more):
    association = AssociationFactory(
        category_of_concern=category, submitted_at=_at(submitted), **more
    )
    for day in assessed:
        AssessmentFactory(association=association, decided_at=_at(day))
    return association


@pytest.fixture
def associations():
    live = AssociationStatus.LIVE
    # Live all period, reassessed on its last day.
    _association(
        ConcernCategory.CRIMINALITY,
        dt.date(FY, 5, 1),
        dt.date(FY, 5, 10),
        END,
        status=live,
        review_due=dt.date(FY + 1, 9, 30),
    )
    # Declared and assessed in the period; its review fell due the day before the end.
    _association(
        ConcernCategory.ORGANISED_CRIME,
        START,
        dt.date(FY, 7, 20),
        status=live,
        review_due=END - dt.timedelta(days=1),
    )
    # Declared on the last day, not yet assessed.
    _association(ConcernCategory.MEDIA, END)
    # Declared and assessed the day after.
    _association(ConcernCategory.CRIMINALITY, AFTER, AFTER + dt.timedelta(days=1), status=live)
    # Ended on the last day: not live at the end.
    _association(
        ConcernCategory.EXTREMIST,
        dt.date(FY - 1, 1, 1),
        dt.date(FY - 1, 1, 10),
        status=AssociationStatus.ENDED,
        ended_on=END,
    )
    # Ended the day after: live at the end.
    _association(
        ConcernCategory.SEX_WORKER,
        dt.date(FY - 1, 2, 1),
        dt.date(FY - 1, 2, 2),
        status=AssociationStatus.ENDED,
        ended_on=AFTER,
        review_due=dt.date(FY, 12, 1),
    )
    # Declared the day before, assessed only after the period.
    _association(ConcernCategory.VULNERABLE, BEFORE, dt.date(FY, 10, 5), status=live)


def test_association_figures_are_exact(associations, django_assert_num_queries):
    with django_assert_num_queries(3):
        section = ASSOCIATIONS.figures(PERIOD)
    assert _measures(section) == {
        "associations.live": 3,
        "associations.declared": 2,
        "associations.assessments": 2,
        "associations.ended": 1,
        "associations.reviews_overdue": 1,
    }
    by_category = _grid(section, "associations.by_category")
    assert list(by_category) == [label for _, label in ConcernCategory.choices]
    assert by_category == {
        label: ((1,) if value in ("criminality", "organised_crime", "sex_worker") else (0,))
        for value, label in ConcernCategory.choices
    }


def test_the_figures_name_no_record_or_person(gifts, interests, associations):
    from registers.associations.models import NotifiableAssociation
    from registers.gifts.models import Gift
    from registers.interests.models import BusinessInterest

    words = set()
    for section in (GIFTS, INTERESTS, ANNUAL, ASSOCIATIONS):
        figures = section.figures(PERIOD)
        words |= {m.label for m in figures.measures} | {m.hint for m in figures.measures}
        for breakdown in figures.breakdowns:
            words |= {label for label, _ in breakdown.rows}
    text = " ".join(words)
    for name in NotifiableAssociation.objects.values_list("associate_name", flat=True):
        assert name not in text
    for name in Gift.objects.values_list("donor_name", flat=True):
        assert name not in text
    for name in BusinessInterest.objects.values_list("organisation", flat=True):
        assert name not in text
