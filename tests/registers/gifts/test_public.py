"""The public register of chief officers' gifts and hospitality: open without signing in, and
showing about each settled entry who was offered it (name and rank, or a director's post), the
date, description, value band, donor and decision, and nothing else."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from registers.gifts.models import Direction, DonorType, GiftStatus, Response
from registers.gifts.selectors import value_band
from standards.people.models import RoleType
from tests.people.factories import OrgUnitFactory, PersonFactory
from tests.registers.gifts.factories import GiftDecisionFactory, GiftFactory

REGISTER = reverse("public_gifts:register")
CSV = reverse("public_gifts:csv")


@pytest.mark.parametrize(
    ("value", "band"),
    [
        ("0", "Under £25"),
        ("24.99", "Under £25"),
        ("25", "£25 to £100"),
        ("99.99", "£25 to £100"),
        ("100", "£100 to £250"),
        ("250", "£100 to £250"),
        ("250.01", "Over £250"),
        ("100000", "Over £250"),
    ],
)
def test_value_bands(value, band):
    assert value_band(Decimal(value)) == band


@pytest.fixture
def chief(db):
    return PersonFactory(
        rank_or_grade="Deputy Chief Constable",
        first_name="Helena",
        last_name="Farrow",
        job_title="Professional standards portfolio lead",
        collar_number="DCC1",
        email="helena.farrow@police.example",
        org_unit=OrgUnitFactory(name="Chief Officer Team"),
    )


def _entry(chief, **fields):
    values = {
        "declarant": chief,
        "chief_officer_entry": True,
        "status": GiftStatus.DECIDED,
        "business_reason": "Guest speaker at the annual conference.",
    }
    values.update(fields)
    return GiftFactory(**values)


@pytest.fixture
def published(chief):
    dinner = _entry(
        chief,
        description="Dinner at the Police Superintendents' Association conference",
        donor_name="Police Superintendents' Association",
        estimated_value=Decimal("55.40"),
    )
    GiftDecisionFactory(gift=dinner, outcome="accept", rationale="SECRET RATIONALE")
    declined = _entry(
        chief,
        description="Bottle of champagne",
        donor_name="Mr Private Person",
        donor_type=DonorType.INDIVIDUAL,
        estimated_value=Decimal("40"),
        response=Response.DECLINED,
        status=GiftStatus.RECORDED,
    )
    return dinner, declined


def test_anyone_reads_the_public_register_without_signing_in(client, published):
    response = client.get(REGISTER)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dinner at the Police Superintendents&#x27; Association conference" in body
    assert "£25 to £100" in body
    assert "Police Superintendents&#x27; Association" in body
    assert ">Accepted<" in body
    # A declined, recorded entry shows its answer; a private donor is not named.
    assert "Bottle of champagne" in body and ">Declined<" in body
    assert "A member of the public" in body and "Mr Private Person" not in body


def test_it_names_the_chief_officer_and_their_rank(client, published):
    response = client.get(REGISTER)
    cells = response.content.decode().split('data-testid="public-recipient">')[1:]
    assert len(cells) == 2
    for cell in cells:
        assert cell.startswith("Helena Farrow<br>")
        assert "Deputy Chief Constable" in cell.split("</td>")[0]


def test_a_police_staff_director_is_named_with_their_post(client, db):
    director = PersonFactory(
        role_type=RoleType.STAFF,
        rank_or_grade="Director",
        job_title="Director of Finance",
        first_name="Priya",
        last_name="Okafor",
    )
    _entry(director, description="Seat at a charity dinner")
    body = client.get(REGISTER).content.decode()
    assert "Priya Okafor" in body and "Director of Finance" in body


def test_it_shows_nothing_else_about_the_entry_or_the_officer(client, published, chief):
    body = client.get(REGISTER).content.decode()
    for hidden in (
        "SECRET RATIONALE",
        "55.40",
        "Guest speaker",
        chief.staff_number,
        chief.collar_number,
        chief.email,
        chief.job_title,  # an officer is named by rank, not by their post
        "Chief Officer Team",
        published[0].reference,
    ):
        assert hidden not in body


def test_only_chief_officers_settled_offers_are_published(client, chief):
    constable = PersonFactory()
    hidden = [
        _entry(chief, description="Still waiting", status=GiftStatus.AWAITING_PSD),
        _entry(chief, description="Withdrawn one", status=GiftStatus.WITHDRAWN),
        _entry(chief, description="Given by the chief", direction=Direction.GIVEN),
        _entry(constable, description="A constable's", chief_officer_entry=False),
    ]
    body = client.get(REGISTER).content.decode()
    for gift in hidden:
        assert gift.description not in body
    assert "Nothing has been published yet" in body


def test_a_signed_in_visitor_sees_the_public_page_not_the_service(client_for, staff_member):
    body = client_for(staff_member).get(REGISTER).content.decode()
    assert "moj-primary-navigation" not in body
    assert "OFFICIAL-SENSITIVE" not in body
    assert staff_member.display_name not in body


def test_the_csv_holds_the_same_columns_as_the_page(client, published, chief):
    response = client.get(CSV)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Date",
        "Chief officer",
        "Role",
        "Description",
        "Value",
        "Donor",
        "Decision",
    ]
    assert len(rows) == 3
    row = dict(zip(rows[0], rows[2], strict=True))  # the dinner, the older entry
    assert row["Chief officer"] == "Helena Farrow"
    assert row["Role"] == "Deputy Chief Constable"
    assert row["Decision"] == "Accepted"
    text = response.content.decode()
    for hidden in ("SECRET RATIONALE", "55.40", chief.staff_number, chief.email, "Guest speaker"):
        assert hidden not in text


def test_the_csv_neutralises_formulas(client, chief):
    _entry(chief, description="=cmd|' /C calc'!A0", status=GiftStatus.RECORDED)
    text = client.get(CSV).content.decode()
    assert "'=cmd" in text


def test_the_public_register_pins_its_query_count(client, chief, django_assert_max_num_queries):
    for gift in [_entry(chief) for _ in range(60)]:
        GiftDecisionFactory(gift=gift)
    with django_assert_max_num_queries(2):
        body = client.get(REGISTER).content.decode()
    assert "60 entries" in body
    with django_assert_max_num_queries(1):
        assert len(client.get(CSV).content.decode().splitlines()) == 61
