"""Factories for the board's tracker: an inspection, its recommendations, their log of updates
and their actions. They write rows directly (no history reason, no validation): for the
services' own behaviour, call the services."""

from __future__ import annotations

import datetime as dt

import factory

from standards.board.models import (
    Inspection,
    InspectionKind,
    Inspectorate,
    Recommendation,
    RecommendationKind,
    RecommendationStatus,
    RecommendationUpdate,
    TrackerAction,
)
from tests.accounts.factories import UserFactory
from tests.people.factories import PersonFactory


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    reference = factory.Sequence(lambda n: f"INS-{9000 + n:04d}")
    title = factory.Sequence(lambda n: f"Inspection report {n}")
    inspectorate = Inspectorate.HMICFRS
    kind = InspectionKind.THEMATIC
    published_on = dt.date(2024, 3, 1)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    inspection = factory.SubFactory(InspectionFactory)
    kind = RecommendationKind.RECOMMENDATION
    number = factory.Sequence(lambda n: str(n + 1))
    text = "The force should make sure every post has the vetting level it needs."
    status = RecommendationStatus.AWAITING_REVIEW
    order = factory.Sequence(lambda n: n + 1)


class RecommendationUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecommendationUpdate

    recommendation = factory.SubFactory(RecommendationFactory)
    on = dt.date(2024, 6, 1)
    status = RecommendationStatus.BEING_PROGRESSED
    comment = "Action plan agreed."
    recorded_by = factory.SubFactory(UserFactory)


class TrackerActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrackerAction

    recommendation = factory.SubFactory(RecommendationFactory)
    description = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(PersonFactory)
    due_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=30))
    completed_on = None
