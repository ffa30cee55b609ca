"""The watchlist and risk demo: three people watched with the alerts their intelligence raised,
about twenty people scored, four on the People Intelligence Board; a rerun adds nothing."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from ccu.demo.watch import seed_watch
from ccu.models import RiskAssessment, WatchAlert, WatchlistEntry
from ccu.selectors.risk import board_for_user
from tests.ccu.factories import ReportFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_demo_watches_three_scores_twenty_and_boards_four(ccu_head, ccu_analyst):
    people = PersonFactory.create_batch(26)
    ReportFactory(subjects=[people[0]])
    ReportFactory(subjects=[people[0], people[1]])
    added = seed_watch(today=dt.date.today(), rng=random.Random(7))
    assert WatchlistEntry.objects.count() == 3
    watched = set(WatchlistEntry.objects.values_list("person_id", flat=True))
    assert {people[0].pk, people[1].pk} <= watched
    assert WatchAlert.objects.count() == 3
    assert RiskAssessment.objects.values("person").distinct().count() == 20
    assert board_for_user(user=ccu_head).count() == 4
    # Nobody in the CCU is watched or scored.
    assert not {ccu_head.person_id, ccu_analyst.person_id} & watched
    assert not RiskAssessment.objects.filter(
        person__in=[ccu_head.person_id, ccu_analyst.person_id]
    ).exists()
    assert added == 3 + 3 + RiskAssessment.objects.count()
    assert seed_watch(today=dt.date.today(), rng=random.Random(7)) == 0
