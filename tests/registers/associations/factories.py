"""Factories for notifiable associations. ``live_association(...)`` gives one already assessed."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from registers.associations.models import (
    AssociationAssessment,
    AssociationStatus,
    ConcernCategory,
    ContactFrequency,
    NotifiableAssociation,
    Relationship,
    Risk,
)
from standards.access.roles import Role
from standards.accounts.models import User
from tests.accounts.factories import UserFactory
from tests.people.factories import PersonFactory


def _login_of(person):
    return User.objects.filter(person=person).first() or UserFactory(
        person=person, roles=[Role.STAFF]
    )


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotifiableAssociation

    declarant = factory.SubFactory(PersonFactory)
    submitted_by = factory.LazyAttribute(lambda o: _login_of(o.declarant))
    associate_name = factory.Faker("name", locale="en_GB")
    associate_address = "12 Mill Lane, Brackenford"
    relationship = Relationship.FAMILY
    category_of_concern = ConcernCategory.CRIMINALITY
    contact_frequency = ContactFrequency.MONTHLY
    known_since = dt.date(2010, 5, 1)
    circumstances = "My cousin. Convicted of burglary in 2019; we meet at family events."


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssociationAssessment

    association = factory.SubFactory(AssociationFactory)
    outcome = Risk.MEDIUM
    rationale = "Intelligence checks show recent acquisitive crime; contact is family only."
    advice = "Do not discuss police work with them, and tell us if they are arrested."
    next_review_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=365))
    decided_by = factory.SubFactory(UserFactory, roles=[Role.STAFF, Role.CCU_ANALYST])


def live_association(*, risk: str = Risk.MEDIUM, review_due: dt.date | None = None, **kwargs):
    """An association assessed by the CCU: live, with one assessment."""
    review_due = review_due or timezone.localdate() + dt.timedelta(days=365)
    association = AssociationFactory(
        status=AssociationStatus.LIVE,
        reviewed_at=timezone.now(),
        review_due=review_due,
        **kwargs,
    )
    AssessmentFactory(association=association, outcome=risk, next_review_on=review_due)
    return association
