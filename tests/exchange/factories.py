"""Factories for the corridor exchanges. A check is asked for a business interest unless the test
says otherwise (``asked_for=`` any saved record with a ``reference``)."""

from __future__ import annotations

import factory
from django.utils import timezone

from standards.exchange.models import IntelligenceCheck
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
