"""Factories for the staff directory."""

from __future__ import annotations

import datetime as dt

import factory
from faker import Faker

from standards.people.models import OrgUnit, Person, RoleType, VettingLevel

_FAKE = Faker("en_GB")


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Unit {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    staff_number = factory.Sequence(lambda n: f"{100000 + n}")
    # Names without apostrophes: tests look for names in HTML, where O'Connor is O&#x27;Connor.
    first_name = factory.LazyFunction(lambda: _FAKE.first_name().replace("'", ""))
    last_name = factory.LazyFunction(lambda: _FAKE.last_name().replace("'", ""))
    role_type = RoleType.OFFICER
    rank_or_grade = "Constable"
    org_unit = factory.SubFactory(OrgUnitFactory)
    vetting_level = VettingLevel.RV
    vetting_expires = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=700))
    start_date = dt.date(2015, 4, 1)
