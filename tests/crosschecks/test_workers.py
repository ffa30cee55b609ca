"""The cross-checks on real Celery workers (separate processes, real Redis, the test database):
a worker killed in the middle of a chunk leaves nothing half-written and the next run completes
the run with exactly the findings one worker would have made; two workers splitting a run find
exactly what one chunk by hand finds."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection

from registers.crosschecks import checks
from registers.crosschecks.models import ChunkStatus, CrossCheckRun, Finding, RunChunk, RunStatus
from registers.crosschecks.services import runs
from standards.celery import app
from standards.core import extensions
from tests.core.test_celery import TEST_REDIS_DB, _forget_connections, _redis_url_with_db
from tests.people.factories import PersonFactory

BASE_DIR = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 30)
NAME = "test-worker-people"

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.filterwarnings("ignore:Call to deprecated setex:DeprecationWarning"),
]


@pytest.fixture
def worker_check():
    """The test-only check (tests/crosschecks/worker_checks.py), registered for this test only."""
    from tests.crosschecks import worker_checks

    checks.register(worker_checks.CHECK)
    extensions.register_record_listener("zz-test-worker", worker_checks._stop_dead_while_blocked)
    yield worker_checks
    worker_checks.CHUNK_ROWS["rows"] = 2
    checks._CHECKS.pop(NAME, None)
    extensions._RECORD_LISTENERS.pop("zz-test-worker", None)


@pytest.fixture
def workers(transactional_db, worker_check):
    """Starts real workers (prefork, one child each, a process group each) on a queue of this
    test's own, on the test Redis database, against the test database. ``workers.start()``
    returns the process; ``workers.kill(process)`` is a SIGKILL to its whole group."""
    broker_url = _redis_url_with_db(os.environ["REDIS_URL"], TEST_REDIS_DB)
    queue = f"test-{uuid.uuid4().hex}"
    overrides = {
        "broker_url": broker_url,
        "result_backend": broker_url,
        "task_default_queue": queue,
    }
    saved = {key: app.conf[key] for key in overrides}
    app.conf.update(overrides)
    _forget_connections()
    database = connection.settings_dict
    database_url = (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    client = redis.Redis.from_url(broker_url)
    started: list[subprocess.Popen] = []

    class Workers:
        prefix = queue
        redis = client

        def start(self) -> subprocess.Popen:
            name = f"{queue}-{len(started)}@localhost"
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "standards",
                    "worker",
                    "--pool",
                    "prefork",
                    "--concurrency",
                    "1",
                    "--queues",
                    queue,
                    "--hostname",
                    name,
                    "--include",
                    "tests.crosschecks.worker_checks",
                    "--without-gossip",
                    "--without-mingle",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=BASE_DIR,
                env={
                    **os.environ,
                    "REDIS_URL": broker_url,
                    "DATABASE_URL": database_url,
                    "CROSSCHECK_TEST_PREFIX": queue,
                },
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            started.append(process)
            deadline = time.monotonic() + 60
            while not app.control.ping(destination=[name], timeout=1):
                assert process.poll() is None, "the worker exited on start"
                assert time.monotonic() < deadline, "the worker never answered"
            return process

        def kill(self, process: subprocess.Popen) -> None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)

    try:
        yield Workers()
    finally:
        for process in started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        app.conf.update(saved)
        _forget_connections()
        for key in client.scan_iter(match=f"*{queue}*"):
            client.delete(key)
        client.close()


def wait_for(condition, *, seconds: float = 90, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, (
            f"timed out waiting for {what}: chunks "
            f"{list(RunChunk.objects.values_list('index', 'status', 'worker'))}"
        )
        time.sleep(0.2)


def findings() -> list[tuple]:
    """What a run found, in a form two runs can be compared by: key, summary, details, people."""
    return sorted(
        (finding.key, finding.summary, finding.details, tuple(p.pk for p in finding.people.all()))
        for finding in Finding.objects.filter(check_name=NAME).prefetch_related("people")
    )


def by_hand_in_one_chunk(worker_check) -> list[tuple]:
    """The reference: one chunk, in this process. Forgotten afterwards, so the workers start
    from nothing."""
    worker_check.CHUNK_ROWS["rows"] = 10**9
    [run] = runs.crosschecks_run_by_hand(today=TODAY, names=[NAME])
    assert run.chunks_total == 1
    expected = findings()
    Finding.objects.filter(check_name=NAME).delete()
    CrossCheckRun.objects.filter(check_name=NAME).delete()
    worker_check.CHUNK_ROWS["rows"] = 2
    return expected


def people(count: int) -> None:
    for index in range(count):
        PersonFactory(first_name="Wanted" if index % 3 else "Other")


def test_two_workers_splitting_a_run_find_exactly_what_one_chunk_finds(workers, worker_check):
    people(12)
    expected = by_hand_in_one_chunk(worker_check)
    assert len(expected) == 8
    workers.start()
    workers.start()

    run = runs.crosscheck_run_start(check=checks.check_named(NAME), today=TODAY)
    wait_for(
        lambda: CrossCheckRun.objects.get(pk=run.pk).status == RunStatus.FINISHED,
        what="the run to finish",
    )

    run.refresh_from_db()
    assert run.chunks_total == 6
    assert findings() == expected
    assert (run.rows_compared, run.findings_new, run.findings_still_open) == (12, 8, 0)
    # Both workers took a share (each chunk takes a moment, and each worker one at a time).
    done_by = set(RunChunk.objects.filter(run=run).values_list("worker", flat=True))
    assert len(done_by) == 2


def test_a_worker_killed_mid_chunk_leaves_nothing_half_written_and_the_next_run_completes(
    workers, worker_check
):
    people(6)
    expected = by_hand_in_one_chunk(worker_check)
    check = checks.check_named(NAME)
    # The first worker does the first chunk, then stops dead in the second after writing its
    # first finding, and is killed there.
    worker = workers.start()
    run = runs.crosscheck_run_start(check=check, today=TODAY, queue=False)
    first, second, third = run.chunks.order_by("index")
    from registers.crosschecks.tasks import run_crosscheck_chunk

    run_crosscheck_chunk.delay(first.pk).get(timeout=60)
    workers.redis.set(f"{workers.prefix}-block", 1, ex=300)
    run_crosscheck_chunk.delay(second.pk)
    wait_for(lambda: workers.redis.get(f"{workers.prefix}-blocked"), what="the chunk to start")
    workers.kill(worker)

    # Nothing of the second chunk was committed: not its finding, not its "done".
    second.refresh_from_db()
    assert second.status == ChunkStatus.PENDING
    written = {key for key, *_ in findings()}
    assert written == {key for key, *_ in expected if key in _keys_of_chunk(first)}
    assert not Finding.objects.filter(
        pk=int(workers.redis.get(f"{workers.prefix}-blocked"))
    ).exists()
    assert CrossCheckRun.objects.get(pk=run.pk).status == RunStatus.RUNNING

    # The next night: a fresh worker, and starting the check resumes the run and queues the
    # chunks still waiting (the killed task's message is still unacknowledged in Redis).
    workers.redis.delete(f"{workers.prefix}-block")
    workers.start()
    resumed = runs.crosscheck_run_start(check=check, today=TODAY + dt.timedelta(days=1))
    assert resumed.pk == run.pk
    wait_for(
        lambda: CrossCheckRun.objects.get(pk=run.pk).status == RunStatus.FINISHED,
        what="the resumed run to finish",
    )

    run.refresh_from_db()
    assert findings() == expected
    assert Finding.objects.filter(check_name=NAME).count() == len(expected)
    assert (run.rows_compared, run.findings_new, run.findings_still_open) == (6, 4, 0)
    assert set(RunChunk.objects.filter(run=run).values_list("status", flat=True)) == {"done"}
    assert CrossCheckRun.objects.filter(check_name=NAME).count() == 1
    assert third.pk in RunChunk.objects.filter(run=run, status="done").values_list("pk", flat=True)


def _keys_of_chunk(chunk) -> set[str]:
    low, high = chunk.params["pk_from"], chunk.params["pk_to"]
    return {f"{NAME}:person-{pk}" for pk in range(low, high + 1)}
