"""Factories for CCU material."""

from __future__ import annotations

import datetime as dt

import factory

from ccu.models import Operation


class OperationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Operation
        skip_postgeneration_save = True

    code_name = factory.Sequence(lambda n: f"Operation KESTREL {n}")
    purpose = "Establish whether force systems were used to disclose information."
    opened_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=30))
    opened_by = factory.SubFactory("tests.accounts.factories.UserFactory")

    @factory.post_generation
    def subjects(self, create, extracted, **kwargs):
        if create and extracted:
            self.subjects.set(extracted)
