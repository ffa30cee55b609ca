"""The business-interest demo data: a realistic year, something for every demo login, and a
rerun that adds nothing."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from ccu.selectors import checks
from registers.interests import selectors, services
from registers.interests.demo import seed_interests
from registers.interests.models import BusinessInterest, InterestDecision, InterestStatus
from standards.accounts.models import User
from standards.exchange.models import IntelligenceCheck
from standards.site.demo import seed_force, seed_logins

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    seed_force(people=150)
    seed_logins()
    today = timezone.localdate()
    created = seed_interests(today=today, rng=random.Random(2017))
    return {u.username: u for u in User.objects.all()}, created, today


def _queues(user) -> dict[str, int]:
    return {q.key: q.count for q in selectors.review_queues(user=user)}


def test_a_year_of_applications_mostly_approved(demo):
    _, created, _ = demo
    interests = BusinessInterest.objects.all()
    assert created == (
        interests.count() + InterestDecision.objects.count() + IntelligenceCheck.objects.count()
    )
    assert interests.count() >= 40
    decided = interests.exclude(
        status__in=(InterestStatus.AWAITING_LINE_MANAGER, InterestStatus.AWAITING_PSD)
    ).exclude(status=InterestStatus.WITHDRAWN)
    approved = decided.exclude(status__in=(InterestStatus.REFUSED, InterestStatus.APPEALED))
    assert approved.count() / decided.count() >= 0.9
    assert interests.filter(status=InterestStatus.APPROVED_WITH_CONDITIONS).exists()
    assert interests.filter(status=InterestStatus.ENDED).exists()
    # Every application's history starts with its submission, dated when it was made.
    for interest in interests:
        first = interest.history.order_by("history_date", "history_id").first()
        assert first.history_change_reason == services.SUBMITTED
        assert abs(first.history_date - interest.submitted_at).total_seconds() < 1


def test_every_demo_login_has_something_to_do(demo):
    users, _, _ = demo
    staff = users["staff"]
    mine = list(selectors.interest_list_for_declarant(user=staff))
    assert {i.status for i in mine} >= {
        InterestStatus.AWAITING_LINE_MANAGER,
        InterestStatus.APPROVED_WITH_CONDITIONS,
    }
    assert _queues(users["manager"])["interests-recommendation"] == 2
    psd = _queues(users["psd.caseworker"])
    assert psd["interests-psd-decision"] >= 5
    assert psd["interests-review"] >= 2
    unchecked = [
        i
        for i in selectors.interest_list_for_user(user=users["psd.caseworker"])
        if i.status == InterestStatus.AWAITING_PSD and i.check_answer is None
    ]
    assert unchecked
    ready = [
        i
        for i in selectors.interest_list_for_user(user=users["psd.head"])
        if i.status == InterestStatus.AWAITING_PSD and i.check_answer
    ]
    assert {i.check_answer for i in ready} == {"no_trace", "trace"}
    for login in ("ccu.analyst", "ccu.head"):
        assert checks.check_queues(user=users[login])[0].count >= 2
    assert _queues(users["dcc"])["interests-appeal"] == 1
    assert selectors.interest_monitor_list_for_user(user=users["psd.head"]).count() >= 4
    # The demo's open checks are never about a CCU login (who could not see them).
    ccu_people = {users["ccu.analyst"].person_id, users["ccu.head"].person_id}
    assert not IntelligenceCheck.objects.filter(subject_id__in=ccu_people).exists()


def test_a_rerun_adds_nothing(demo):
    _, _, today = demo
    before = (BusinessInterest.objects.count(), InterestDecision.objects.count())
    assert seed_interests(today=today, rng=random.Random(2017)) == 0
    assert (BusinessInterest.objects.count(), InterestDecision.objects.count()) == before


def test_it_needs_the_logins(db):
    seed_force(people=150)
    with pytest.raises(ValueError, match="seed_logins"):
        seed_interests(today=timezone.localdate(), rng=random.Random(1))
