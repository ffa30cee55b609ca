"""The demo's annual declarations: most of the force has made this year's, some have not (the
staff login among them, so the reminders and the overdue list show something); idempotent."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from registers.annual.demo import seed_annual_declarations
from registers.annual.models import AnnualDeclaration, PolicyVersion, year_of
from registers.annual.reminders import MEMBER_REMINDERS
from standards.accounts.models import User
from standards.notifications.reminders import send_reminders_for
from standards.people.models import Person
from standards.site.demo import seed_force, seed_logins

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    seed_force(people=150)
    seed_logins()
    today = dt.date.today()
    return seed_annual_declarations(today=today, rng=random.Random(2017)), today


def test_most_of_the_force_has_declared_and_a_rerun_adds_nothing(demo):
    created, today = demo
    serving = Person.objects.serving(today).count()
    assert 0.8 * serving <= created < serving
    assert seed_annual_declarations(today=today, rng=random.Random(2017)) == 0
    declaration = AnnualDeclaration.objects.filter(year=year_of(today)).first()
    assert set(declaration.policies.all()) == set(PolicyVersion.objects.current())
    assert declaration.history.exists()
    # The policies confirmed are in the declaration's history too, not only in the table.
    latest = declaration.history.latest()
    assert {row.policyversion_id for row in latest.policies.all()} == set(
        PolicyVersion.objects.current().values_list("pk", flat=True)
    )


def test_the_staff_login_has_not_and_the_others_have(demo):
    _created, today = demo
    made = set(
        AnnualDeclaration.objects.filter(year=year_of(today)).values_list("person_id", flat=True)
    )
    logins = {user.username: user.person_id for user in User.objects.filter(person__isnull=False)}
    assert logins["staff"] not in made
    assert {logins[name] for name in ("manager", "psd.head", "ccu.head")} <= made


def test_the_outstanding_are_reminded(demo, settings):
    _created, today = demo
    settings.ANNUAL_DECLARATION_FIRST_YEAR = year_of(today)
    settings.ANNUAL_DECLARATION_DUE_MONTH = 5
    settings.ANNUAL_DECLARATION_DUE_DAY = 1
    # A week after this year's due date, the staff login (and the rest not made) are reminded.
    staff = User.objects.get(username="staff")
    assert send_reminders_for(MEMBER_REMINDERS, today=dt.date(year_of(today), 5, 8)) >= 1
    assert staff.notifications.filter(key__endswith="-overdue-w2").exists()
