"""The demo's year of gifts and hospitality: realistic, routed by the real policy, idempotent,
and something in every demo login's queues or portal."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db.models import Count

from registers.gifts import selectors
from registers.gifts.demo import seed_gifts
from registers.gifts.models import Gift, GiftDecision, GiftStatus, Requirement, Response
from standards.accounts.models import User
from standards.site.demo import seed_force, seed_logins

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    seed_force(people=150)
    seed_logins()
    today = dt.date.today()
    created = seed_gifts(today=today, rng=random.Random(2017))
    return created, today


def test_a_second_run_adds_nothing(demo):
    created, today = demo
    gifts, decisions = Gift.objects.count(), GiftDecision.objects.count()
    assert created == gifts + decisions
    assert seed_gifts(today=today, rng=random.Random(2017)) == 0
    assert (Gift.objects.count(), GiftDecision.objects.count()) == (gifts, decisions)


def test_a_year_of_declarations_many_of_them_declined(demo):
    _, today = demo
    assert Gift.objects.count() >= 60
    responses = dict(Gift.objects.values_list("response").annotate(n=Count("pk")))
    assert responses[Response.DECLINED] >= Gift.objects.count() // 4
    dates = Gift.objects.values_list("offered_on", flat=True)
    assert min(dates) < today - dt.timedelta(days=200)
    statuses = set(Gift.objects.values_list("status", flat=True))
    assert {GiftStatus.RECORDED, GiftStatus.DECIDED, GiftStatus.AWAITING_PSD} <= statuses
    # Every settled decision has reasons; every history row is dated when it happened.
    assert not GiftDecision.objects.filter(rationale="").exists()
    written_in_bulk = Gift.objects.filter(offered_on__lt=today - dt.timedelta(days=20))
    for gift in written_in_bulk[:50]:
        assert gift.history.earliest().history_date == gift.submitted_at
    # Routed by the real policy: a declined offer never waits for anyone unless from a supplier.
    assert not Gift.objects.filter(
        response=Response.DECLINED, requirement=Requirement.LINE_MANAGER
    ).exists()


def test_every_demo_login_has_something_to_see(demo):
    users = {u.username: u for u in User.objects.all()}

    def queue(username: str, key: str):
        queues = {q.key: q for q in selectors.gift_review_queues(user=users[username])}
        return queues.get(key)

    staff_rows = selectors.gift_portal_rows(user=users["staff"])
    assert any(
        g.description == "Bottle of red wine" and g.response == "declined" for g in staff_rows
    )
    assert queue("manager", "gifts-line-manager").count >= 2
    assert queue("psd.head", "gifts-psd").count >= 1
    assert queue("psd.caseworker", "gifts-psd").count >= 1
    for username in ("ccu.analyst", "ccu.head", "dcc", "psd.caseworker"):
        assert selectors.gift_portal_rows(user=users[username]), username
    # The staff login's waiting declarations are the manager's to act on.
    waiting = Gift.objects.filter(
        declarant=users["staff"].person, status=GiftStatus.AWAITING_LINE_MANAGER
    )
    assert waiting.count() == 2


def test_chief_officers_entries_fill_the_public_register(demo):
    entries = selectors.public_entries(selectors.gift_list_published())
    assert len(entries) >= 10
    assert any(entry.decision for entry in entries)
    assert all(entry.chief_officer and entry.role for entry in entries)
