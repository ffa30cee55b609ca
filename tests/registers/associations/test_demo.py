"""The demo data: a realistic register in a small demo force, something for every demo login,
history that reads as it happened, and a rerun that adds nothing."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from registers.associations import selectors
from registers.associations.demo import seed_associations
from registers.associations.models import (
    AssociationAssessment,
    AssociationStatus,
    NotifiableAssociation,
)
from registers.associations.services import REASON_ASSESSED, REASON_DECLARED
from standards.accounts.models import User
from standards.core import extensions
from standards.site.demo import seed_force, seed_logins

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    seed_force(people=150)
    seed_logins(password="a demo password for the tests 42")
    return {user.username: user for user in User.objects.select_related("person")}


def test_seeding_a_small_force(demo):
    today = timezone.localdate()
    created = seed_associations(today=today, rng=random.Random(7))

    associations = NotifiableAssociation.objects.all()
    assert created == associations.count() + AssociationAssessment.objects.count()
    live = associations.live()
    assert live.count() >= 8  # 151 in 2,120 people, scaled, never fewer than 8
    assert associations.awaiting_assessment().count() >= 3
    assert associations.filter(status=AssociationStatus.ENDED).count() >= 3
    assert live.review_overdue(today).count() >= 2
    assert live.review_due_within(today, 30).count() >= 2
    assert associations.changed_since_assessment().count() >= 2
    # Every live one has an assessment whose review date it carries; no review is in the past
    # of its own assessment, and nobody assessed their own declaration.
    for association in live.prefetch_related("assessments"):
        latest = max(association.assessments.all(), key=lambda a: a.decided_at)
        assert association.review_due == latest.next_review_on
        assert latest.decided_by.person_id != association.declarant_id
        assert association.known_since <= association.submitted_at.date()

    # History reads as it happened: declared first, then assessed.
    sample = live.first()
    reasons = list(
        sample.history.order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert reasons[:2] == [REASON_DECLARED, REASON_ASSESSED]


def test_every_demo_login_has_something(demo):
    seed_associations(today=timezone.localdate(), rng=random.Random(7))
    staff = NotifiableAssociation.objects.get(declarant=demo["staff"].person)
    assert staff.status == AssociationStatus.AWAITING_ASSESSMENT
    for username in ("manager", "psd.caseworker", "psd.head", "ccu.analyst"):
        own = selectors.association_list_for_declarant(user=demo[username])
        assert own.live().count() == 1, username
    assert (
        selectors.association_list_for_declarant(user=demo["dcc"]).get().status
        == AssociationStatus.ENDED
    )
    # The CCU's queues have work, the staff login's declaration among it; the analyst's own
    # declaration is not in the analyst's queue (it was assessed by the head).
    for username in ("ccu.analyst", "ccu.head"):
        work = selectors.association_queue_for_user(user=demo[username])
        assert staff in work.awaiting
        assert work.reviews
        assert extensions.review_queues_for(demo[username])
    analyst_own = NotifiableAssociation.objects.get(declarant=demo["ccu.analyst"].person)
    assert analyst_own.assessments.get().decided_by == demo["ccu.head"]
    assert analyst_own not in selectors.association_list_for_user(user=demo["ccu.analyst"])


def test_seeding_twice_adds_nothing(demo):
    today = timezone.localdate()
    first = seed_associations(today=today, rng=random.Random(7))
    rows = NotifiableAssociation.objects.count()
    history = NotifiableAssociation.history.count()
    assert first > 0
    assert seed_associations(today=today, rng=random.Random(99)) == 0
    assert NotifiableAssociation.objects.count() == rows
    assert NotifiableAssociation.history.count() == history


def test_seeding_needs_the_logins(db):
    seed_force(people=150)
    with pytest.raises(ValueError, match="seed_logins"):
        seed_associations(today=timezone.localdate(), rng=random.Random(7))
