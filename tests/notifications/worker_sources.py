"""Reminder sources for the real-worker tests only, loaded into the test workers with
``--include`` (never into the test process): a barrier that holds every worker until all of
them are inside the same run, and a source that kills the process running it in the middle of
its transaction, the first time only. Both answer to environment variables the test sets and
keep their counters in Redis under the test's queue name."""

from __future__ import annotations

import datetime as dt
import os
import signal
import time

import redis
from celery import current_app

from standards.notifications.reminders import Due, Message, ReminderSource, register_reminder_source

QUEUE = os.environ.get("REMINDER_TEST_QUEUE", "")
BARRIER = int(os.environ.get("REMINDER_TEST_BARRIER", "0"))
CRASH = os.environ.get("REMINDER_TEST_CRASH") == "1"

_state = {"run": 0, "calls": 0}


def _redis() -> redis.Redis:
    return redis.Redis.from_url(current_app.conf.broker_url)


def _barrier_due(*, today, until):  # noqa: ARG001
    """Every worker waits here until ``BARRIER`` of them have arrived, so the sources after it
    run in all of them at the same moment."""
    client = _redis()
    key = f"{QUEUE}-barrier"
    client.incr(key)
    client.expire(key, 300)
    deadline = time.monotonic() + 60
    while int(client.get(key) or 0) < BARRIER and time.monotonic() < deadline:
        time.sleep(0.05)
    return []


def _crash_due(*, today, until):  # noqa: ARG001
    from standards.accounts.models import User

    client = _redis()
    _state["run"] = client.incr(f"{QUEUE}-crash-runs")
    client.expire(f"{QUEUE}-crash-runs", 300)
    _state["calls"] = 0
    user = User.objects.filter(username="crash.target").first()
    if user is None:
        return []
    return [
        Due(record=user, due_on=today + dt.timedelta(days=days), remind=[user]) for days in (3, 20)
    ]


def _crash_reminder(due: Due) -> Message:
    _state["calls"] += 1
    if _state["run"] == 1 and _state["calls"] == 2:
        # The first notice of this source is written but not committed: the process is gone
        # as an out-of-memory kill would take it, with no cleanup and no acknowledgement.
        os.kill(os.getpid(), signal.SIGKILL)
    return Message(subject="test reminder", body="", url="/")


if BARRIER:
    register_reminder_source(
        ReminderSource(
            name="a-barrier",
            step="wait",
            due=_barrier_due,
            reminder=_crash_reminder,
            escalation=_crash_reminder,
        )
    )
if CRASH:
    register_reminder_source(
        ReminderSource(
            name="crash",
            step="test",
            due=_crash_due,
            reminder=_crash_reminder,
            escalation=_crash_reminder,
        )
    )
