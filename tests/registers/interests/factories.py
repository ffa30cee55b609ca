"""Factories for business interests.

``BusinessInterestFactory`` makes a row in any status directly (for lists and query counts); the
workflow tests drive the services instead (see ``conftest.py``), as a person would.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from registers.interests.models import (
    BusinessInterest,
    DecisionOutcome,
    DecisionStage,
    InterestDecision,
    InterestStatus,
    InterestType,
)
from tests.accounts.factories import UserFactory
from tests.people.factories import PersonFactory


class BusinessInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessInterest

    declarant = factory.SubFactory(PersonFactory)
    submitted_by = factory.SubFactory(UserFactory, person=None)
    interest_type = InterestType.SECONDARY_EMPLOYMENT
    organisation = factory.Sequence(lambda n: f"Northmoor Leisure Centre {n}")
    role = "Swimming instructor"
    hours_per_week = Decimal("6")
    paid = True
    pay_details = "£14 an hour"
    start_date = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=30))
    possible_conflicts = "None that I know of."
    status = InterestStatus.AWAITING_PSD


class InterestDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterestDecision

    interest = factory.SubFactory(BusinessInterestFactory)
    stage = DecisionStage.PSD_DECISION
    outcome = DecisionOutcome.INCOMPATIBLE
    rationale = "Door work at licensed premises in the member's own policing area."
    decided_by = factory.SubFactory(UserFactory, person=None)
