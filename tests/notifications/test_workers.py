"""The reminders on real Celery workers (processes, prefork, the real Redis, the test database):
run twice, they send once; two workers on the same run at the same moment send once; a worker
killed in the middle of the run is run again and finishes without sending anything twice.
Notices, reminder rows and e-mails (written to files by the workers) are all counted."""

from __future__ import annotations

import datetime as dt

import pytest
import redis

from complaints.models import CaseKind
from registers.interests.models import InterestStatus
from standards.access.roles import Role
from standards.celery import app
from standards.notifications.models import Notification, Reminder
from standards.notifications.tasks import send_reminders
from tests.accounts.factories import UserFactory
from tests.complaints.factories import CaseFactory
from tests.registers.associations.factories import live_association
from tests.registers.interests.factories import BusinessInterestFactory

pytestmark = [
    pytest.mark.celery_worker,
    # Celery's Redis result backend calls a redis-py method that redis-py has deprecated.
    pytest.mark.filterwarnings("ignore:Call to deprecated setex:DeprecationWarning"),
]

TODAY = dt.date(2026, 11, 23)  # a Monday


def _user(username: str, *roles: Role):
    return UserFactory(
        username=username, roles=[Role.STAFF, *roles], email=f"{username}@force.example"
    )


def _seed() -> int:
    """A business interest due for review in 5 days (the member: 1), an association overdue
    (the head of the CCU: 1), a complaint whose complainant was never contacted (the head of
    PSD and the lead: 2). The number of notices a run sends."""
    member = _user("member")
    caseworker = _user("caseworker", Role.PSD_CASEWORKER)
    _user("psd.head", Role.PSD_DECISION_MAKER)
    _user("ccu.head", Role.CCU_HEAD)
    BusinessInterestFactory(
        declarant=member.person,
        status=InterestStatus.APPROVED,
        review_due=TODAY + dt.timedelta(days=5),
    )
    live_association(declarant=member.person, review_due=TODAY - dt.timedelta(days=2))
    CaseFactory(
        kind=CaseKind.COMPLAINT,
        received_on=TODAY - dt.timedelta(days=30),
        logged_on=TODAY - dt.timedelta(days=29),
        first_contact_on=None,
        team=[caseworker],
    )
    return 4


def _run(queue: str):
    return send_reminders.apply_async(kwargs={"today": TODAY.isoformat()}, queue=queue)


def _each_notice_emailed_once(workers, expected: int) -> None:
    mail = workers.wait_for_mail(expected)
    addresses = sorted(Notification.objects.values_list("recipient__email", flat=True))
    assert len(addresses) == expected
    assert sorted(mail) == addresses, workers.logs()
    assert Reminder.objects.count() == expected
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def _redis_counter(key: str) -> int:
    client = redis.Redis.from_url(app.conf.broker_url)
    try:
        return int(client.get(key) or 0)
    finally:
        client.close()


def test_the_reminder_job_run_twice_sends_once(reminder_workers):
    expected = _seed()
    reminder_workers.start()

    first = _run(reminder_workers.queue).get(timeout=90)
    second = _run(reminder_workers.queue).get(timeout=90)

    assert (first, second) == (expected, 0), reminder_workers.logs()
    _each_notice_emailed_once(reminder_workers, expected)


def test_two_workers_on_the_same_run_at_once_send_once(reminder_workers):
    expected = _seed()
    # Both workers wait at the barrier source until the other is inside the same run, so every
    # source after it runs in both at the same moment and they race for the same rows.
    reminder_workers.start(REMINDER_TEST_BARRIER="2")
    reminder_workers.start(REMINDER_TEST_BARRIER="2")

    results = [_run(reminder_workers.queue), _run(reminder_workers.queue)]
    sent = [result.get(timeout=120) for result in results]

    assert _redis_counter(f"{reminder_workers.queue}-barrier") == 2
    assert sum(sent) == expected, reminder_workers.logs()
    _each_notice_emailed_once(reminder_workers, expected)


def test_a_worker_killed_mid_run_is_run_again_and_sends_nothing_twice(reminder_workers):
    """The crash source (tests/notifications/worker_sources.py) runs after "association" and
    the "case-" sources and before "interest": the first time, it kills its process after
    writing its first notice, uncommitted. The task is redelivered to a fresh process, which
    finds the committed sources' reminders sent and sends the rest."""
    expected = _seed() + 2  # the crash source's own two reminders
    _user("crash.target")
    reminder_workers.start(REMINDER_TEST_CRASH="1")

    finished = _run(reminder_workers.queue).get(timeout=120)

    assert _redis_counter(f"{reminder_workers.queue}-crash-runs") == 2, reminder_workers.logs()
    # The second run sent only what the first had not committed: the crash source's two
    # (the one written before the kill was rolled back) and the interest's one.
    assert finished == 3
    assert Notification.objects.filter(key__startswith="crash-").count() == 2
    _each_notice_emailed_once(reminder_workers, expected)
    assert _run(reminder_workers.queue).get(timeout=90) == 0
