"""Factories for gifts and hospitality.

``GiftFactory`` writes a declaration directly (for lists and access tests that need many rows);
``declare`` goes through the service, as a member would, for tests about routing and workflow.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from registers.gifts import services
from registers.gifts.models import (
    Direction,
    DonorType,
    Gift,
    GiftDecision,
    GiftStatus,
    Kind,
    Outcome,
    Requirement,
    Response,
    Stage,
)
from tests.accounts.factories import UserFactory
from tests.form_data import date_parts
from tests.people.factories import PersonFactory


def details(**overrides) -> services.GiftDetails:
    """A declaration's answers: a declined bottle of wine from a resident, unless told."""
    answers = {
        "direction": Direction.RECEIVED,
        "kind": Kind.GIFT,
        "donor_name": "Mrs J. Hartley",
        "donor_type": DonorType.INDIVIDUAL,
        "description": "Bottle of red wine",
        "estimated_value": Decimal("12.00"),
        "offered_on": dt.date.today() - dt.timedelta(days=1),
        "business_reason": "A thank you after I helped with a burglary at her home.",
        "response": Response.DECLINED,
    }
    answers.update(overrides)
    return services.GiftDetails(**answers)


def form_data(**overrides) -> dict[str, str]:
    """The declaration form's POST data for the same answers. ``offered_on`` may be a date or
    what was typed into its day, month and year (a tuple)."""
    answers = details()
    data = {name: str(getattr(answers, name)) for name in services.GiftDetails.__dataclass_fields__}
    offered_on = overrides.pop("offered_on", answers.offered_on)
    del data["offered_on"]
    if isinstance(offered_on, tuple):
        data.update(date_parts("offered_on", typed=offered_on))
    else:
        data.update(date_parts("offered_on", offered_on))
    data.update({key: str(value) for key, value in overrides.items()})
    return data


def declare(user, **overrides) -> Gift:
    return services.gift_declare(details=details(**overrides), acting_user=user)


class GiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gift

    declarant = factory.SubFactory(PersonFactory)
    submitted_by = factory.SubFactory(UserFactory, person=None)
    direction = Direction.RECEIVED
    kind = Kind.GIFT
    donor_name = factory.Sequence(lambda n: f"Donor {n} Ltd")
    donor_type = DonorType.COMPANY
    description = factory.Sequence(lambda n: f"Hamper number {n}")
    estimated_value = Decimal("15.00")
    offered_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=3))
    business_reason = "Sent to the station after a crime prevention visit."
    response = Response.ACCEPTED
    requirement = Requirement.LINE_MANAGER
    status = GiftStatus.AWAITING_LINE_MANAGER


class GiftDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GiftDecision

    gift = factory.SubFactory(GiftFactory)
    stage = Stage.PSD_DECISION
    outcome = Outcome.ACCEPT
    rationale = "Proportionate and openly offered."
    decided_by = factory.SubFactory(UserFactory, person=None)
