"""Factories for the corridor exchanges. A check is asked for a business interest unless the test
says otherwise (``asked_for=`` any saved record with a ``reference``)."""

from __future__ import annotations

import factory
from django.utils import timezone

from standards.exchange.models import CheckList, CheckListPurpose, IntelligenceCheck
from tests.accounts.factories import UserFactory
from tests.registers.interests.factories import BusinessInterestFactory


class IntelligenceCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntelligenceCheck

    asked_for = factory.SubFactory(BusinessInterestFactory)
    asked_for_ref = factory.LazyAttribute(lambda check: check.asked_for.reference)
    subject = factory.LazyAttribute(lambda check: check.asked_for.declarant)
    purpose = "Business interest application: secondary employment"
    requested_by = factory.SubFactory(UserFactory, person=None)
    answer = ""
    answered_at = factory.LazyAttribute(lambda check: timezone.now() if check.answer else None)


class CheckListFactory(factory.django.DjangoModelFactory):
    """A list of people put up for checks, with a check on each (``people=[...]``; answered with
    ``answers={person: CheckAnswer...}``), as ``services.check_list_create`` leaves it."""

    class Meta:
        model = CheckList
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Inspector promotion board {n}")
    purpose = CheckListPurpose.PROMOTION
    requested_by = factory.SubFactory(UserFactory, person=None)

    @factory.post_generation
    def people(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        self.people.set(extracted)
        answers = kwargs.get("answers") or {}
        for person in extracted:
            IntelligenceCheckFactory(
                asked_for=self,
                asked_for_ref=self.reference,
                subject=person,
                purpose=f"{self.get_purpose_display()}: {self.title}",
                requested_by=self.requested_by,
                answer=answers.get(person, ""),
            )
