"""Factories for complaints and conduct. ``CaseFactory(team=[caseworker])`` allocates the case
to the caseworker (lead and need-to-know grants), as ``case_allocate`` does."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from guardian.shortcuts import assign_perm

from complaints.models import (
    Allegation,
    AllegationCategory,
    Case,
    CaseKind,
    Channel,
    Complainant,
    Intake,
    Subject,
)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    kind = CaseKind.COMPLAINT
    channel = Channel.ONLINE
    summary = "The complainant says an officer was rude to them at a road traffic collision."
    received_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=20))
    logged_on = factory.LazyAttribute(lambda case: case.received_on + dt.timedelta(days=1))
    incident_date = factory.LazyAttribute(lambda case: case.received_on - dt.timedelta(days=3))
    incident_place = "High Street, Middlesbrough"

    @factory.post_generation
    def team(self, create, extracted, **kwargs):  # noqa: ARG002 - factory-boy signature
        if not create or not extracted:
            return
        for user in extracted:
            assign_perm("complaints.view_case", user, self)
            assign_perm("complaints.work_case", user, self)
        self.lead = extracted[0]
        self.save(update_fields=["lead"])


class ComplainantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complainant

    case = factory.SubFactory(CaseFactory)
    name = factory.Sequence(lambda n: f"Alex Complainant{n}")
    email = factory.Sequence(lambda n: f"complainant{n}@example.org")
    phone = "07700 900123"
    postcode = "TS1 2AB"


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject

    case = factory.SubFactory(CaseFactory)
    person = factory.SubFactory("tests.people.factories.PersonFactory")


class AllegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allegation
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory)
    category = factory.LazyFunction(lambda: AllegationCategory.objects.get(code="H1"))
    description = "The officer swore at the complainant."

    @factory.post_generation
    def subjects(self, create, extracted, **kwargs):  # noqa: ARG002
        if create and extracted:
            self.subjects.set(extracted)


class IntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intake

    reference = factory.Sequence(lambda n: f"PC-{n:08d}")
    channel = Channel.ONLINE
    received_at = factory.LazyFunction(timezone.now)
    name = factory.Sequence(lambda n: f"Sam Member{n}")
    email = factory.Sequence(lambda n: f"member{n}@example.org")
    what_happened = "An officer pushed past me at the station counter and laughed."
