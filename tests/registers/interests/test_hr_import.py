"""A change of role or unit in the staff directory marks the member's approved business interests
"review due now" (Police Regulations 2003, reg 9: an interest approved for one job may conflict
with the next). The HR import does it inside its own transaction: all or nothing."""

from __future__ import annotations

import io

import pytest

from registers.interests import services
from registers.interests.models import InterestStatus
from standards.people.importing import COLUMNS
from standards.people.services import people_import
from tests.people.factories import OrgUnitFactory, PersonFactory
from tests.registers.interests.factories import BusinessInterestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    return OrgUnitFactory(code="NPT1", name="Neighbourhood 1"), OrgUnitFactory(code="RS-A")


def _row(person, **cells) -> str:
    values = {
        "staff_number": person.staff_number,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "role_type": person.role_type,
        "rank_or_grade": person.rank_or_grade,
        "job_title": person.job_title,
        "org_unit_code": person.org_unit.code,
        **cells,
    }
    return ",".join(values.get(column, "") for column in COLUMNS)


def _import(*rows: str, filename="hr-2026-03.csv"):
    text = "\n".join([",".join(COLUMNS), *rows]) + "\n"
    return people_import(source=io.StringIO(text), filename=filename)


@pytest.mark.parametrize(
    "change",
    [{"org_unit_code": "RS-A"}, {"rank_or_grade": "Sergeant"}, {"role_type": "staff"}],
)
def test_a_change_of_role_or_unit_marks_approved_interests(units, change):
    person = PersonFactory(org_unit=units[0])
    approved = BusinessInterestFactory(declarant=person, status=InterestStatus.APPROVED)
    conditions = BusinessInterestFactory(
        declarant=person, status=InterestStatus.APPROVED_WITH_CONDITIONS
    )
    refused = BusinessInterestFactory(declarant=person, status=InterestStatus.REFUSED)
    bystander = BusinessInterestFactory(status=InterestStatus.APPROVED)

    report = _import(_row(person, **change))

    assert report.ok and report.updated == 1
    for interest in (approved, conditions, refused, bystander):
        interest.refresh_from_db()
    assert approved.review_due_now and conditions.review_due_now
    assert not refused.review_due_now and not bystander.review_due_now
    assert approved.review_due_now_reason == "change of role or unit (HR import hr-2026-03.csv)"
    assert approved.history.first().history_change_reason.startswith(services.REVIEW_DUE_NOW)


def test_other_changes_do_not(units):
    person = PersonFactory(org_unit=units[0])
    approved = BusinessInterestFactory(declarant=person, status=InterestStatus.APPROVED)
    assert _import(_row(person, email="new@force.example", job_title="Beat manager")).ok
    approved.refresh_from_db()
    assert not approved.review_due_now


def test_a_failed_import_marks_nothing(units):
    person = PersonFactory(org_unit=units[0])
    approved = BusinessInterestFactory(declarant=person, status=InterestStatus.APPROVED)
    report = _import(_row(person, org_unit_code="RS-A"), "bad-row,,,,,,,,")
    assert not report.ok
    approved.refresh_from_db()
    assert not approved.review_due_now
    assert approved.history.count() == 1
