"""The HR extract's optional ``post_vetting_level`` column: the vetting level the member's post
requires (HMICFRS 2019, recommendation 1), read like ``vetting_level``."""

from __future__ import annotations

import pytest

from standards.people.models import Person, VettingLevel
from tests.people.factories import PersonFactory
from tests.people.test_import import (  # noqa: F401 - org_units is an autouse fixture
    _keep_columns,
    extract,
    messages,
    org_units,
    row,
    run,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("MV", VettingLevel.MV),
        ("management vetting", VettingLevel.MV),
        ("Security check (SC)", VettingLevel.SC),
        ("nppv3", VettingLevel.NPPV3),
        ("", VettingLevel.NONE),
    ],
)
def test_the_posts_vetting_level_is_imported(cell, expected):
    report = run(extract(row("300001", post_vetting_level=cell)))

    assert report.ok, messages(report)
    assert Person.objects.get(staff_number="300001").post_vetting_level == expected


def test_a_posts_vetting_level_that_is_not_a_level_is_reported():
    report = run(extract(row("300001", post_vetting_level="Top secret")))

    assert not report.ok
    assert messages(report) == [
        'line 2: post_vetting_level "Top secret" is not a vetting level '
        "(RV, MV, NPPV1, NPPV2, NPPV3, SC, DV or blank)"
    ]
    assert not Person.objects.filter(staff_number="300001").exists()


def test_a_file_without_the_column_leaves_the_posts_level_alone():
    person = PersonFactory(
        staff_number="300001", post_vetting_level=VettingLevel.SC, org_unit__code="HQ2"
    )
    text = _keep_columns(
        extract(row("300001", first_name=person.first_name, org_unit_code="PSD")),
        ["staff_number", "first_name", "last_name", "role_type", "org_unit_code"],
    )

    report = run(text)

    assert report.ok, messages(report)
    person.refresh_from_db()
    assert person.post_vetting_level == VettingLevel.SC
    assert person.org_unit.code == "PSD"


def test_a_change_of_the_posts_level_is_recorded_in_the_history():
    person = PersonFactory(staff_number="300001", post_vetting_level=VettingLevel.RV)
    text = extract(
        row(
            "300001",
            first_name=person.first_name,
            last_name=person.last_name,
            org_unit_code=person.org_unit.code,
            post_vetting_level="MV",
        )
    )

    report = run(text)

    assert report.ok, messages(report)
    latest = person.history.first()
    assert latest.post_vetting_level == VettingLevel.MV
    assert latest.prev_record.post_vetting_level == VettingLevel.RV
