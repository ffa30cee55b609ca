"""A check for the real-worker tests only (tests/crosschecks/test_workers.py), loaded into the
test workers with ``--include`` and into the test process by the tests themselves.

It finds every person whose first name starts "Wanted". In a worker, each chunk takes a moment
(so two workers share a run's chunks) and, while the test has set its block key in Redis, writing
the first finding of a chunk stops dead: the worker is then killed by the test in the middle of
the chunk's transaction, after a finding was written and before anything was committed.
"""

from __future__ import annotations

import os
import time

import redis
from celery import current_app

from registers.crosschecks import checks
from registers.crosschecks.models import Audience
from standards.core import extensions

NAME = "test-worker-people"
# The test process sets this before planning (the plan is made where the run is started).
CHUNK_ROWS = {"rows": 2}
# Set only in the test workers' environment: the name the test's Redis keys start with.
PREFIX = os.environ.get("CROSSCHECK_TEST_PREFIX", "")


def _people():
    from standards.people.models import Person

    return Person.objects.all()


def plan(*, today) -> list[dict]:
    return checks.pk_ranges(_people(), rows=CHUNK_ROWS["rows"])


def run_chunk(params: dict, *, today) -> checks.ChunkResult:
    if PREFIX:
        time.sleep(0.3)
    people = list(checks.in_range(_people(), params).order_by("pk").values_list("pk", "first_name"))
    return checks.ChunkResult(
        rows_compared=len(people),
        hits=[
            checks.Hit(
                key=f"{NAME}:person-{pk}",
                person_ids=(pk,),
                summary=f"Person {pk} is called {first_name}",
                details={"first_name": first_name},
            )
            for pk, first_name in people
            if first_name.startswith("Wanted")
        ],
    )


def _stop_dead_while_blocked(*, kind, record, person_ids, summary) -> None:
    """Told of each new finding inside the chunk's transaction (the runner tells the CCU's
    watchlist there): while the block key is set, say so and wait to be killed."""
    if not PREFIX or getattr(record, "check_name", "") != NAME:
        return
    client = redis.Redis.from_url(current_app.conf.broker_url)
    if client.get(f"{PREFIX}-block"):
        client.set(f"{PREFIX}-blocked", record.pk, ex=300)
        time.sleep(300)


CHECK = checks.register(
    checks.Check(
        name=NAME,
        title="Test: people called Wanted",
        audience=Audience.PSD,
        description="For the worker tests only.",
        plan=plan,
        run_chunk=run_chunk,
    )
)
extensions.register_record_listener("zz-test-worker", _stop_dead_while_blocked)
