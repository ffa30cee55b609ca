"""Background work: a real Celery worker, on the real Redis, runs a task against the test database;
a worker process killed in the middle of a task does not lose it; the configuration behind it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from celery import signals
from celery.contrib.testing import tasks as _testing_tasks  # noqa: F401 - registers celery.ping
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import connections

from standards.celery import app
from standards.core.models import WorkerHeartbeat
from standards.core.tasks import record_heartbeat
from tests.core.crash_tasks import die_on_first_run

BASE_DIR = Path(__file__).resolve().parents[2]

# Test brokers live in their own Redis database, away from a developer's running services, and
# each run gets its own queue so two suites on one machine never take each other's tasks.
TEST_REDIS_DB = 15

# Celery's Redis result backend calls a redis-py method that redis-py has deprecated.
pytestmark = pytest.mark.filterwarnings("ignore:Call to deprecated setex:DeprecationWarning")


def _redis_url_with_db(url: str, db: int) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{db}"))


def _forget_connections() -> None:
    """Drop the app's cached broker pool, AMQP helper and result backend so the next use builds
    them from the current configuration (the app may have been used earlier in the session)."""
    app._pool = None
    app.__dict__.pop("amqp", None)
    app._backend_cache = None
    app._local = threading.local()


def _quiet_logging(**kwargs) -> None:
    """A setup_logging receiver: its presence stops Celery replacing pytest's log handlers."""


def _close_worker_thread_connections(**kwargs) -> None:
    # The worker runs tasks in its own thread, which opens its own database connection; close
    # it so the test database can be flushed (and dropped) after the test.
    connections.close_all()


@pytest.fixture
def embedded_worker(transactional_db):
    """A real worker in a thread (solo pool) consuming a queue of its own on the real Redis."""
    broker_url = _redis_url_with_db(settings.REDIS_URL, TEST_REDIS_DB)
    queue = f"test-{uuid.uuid4().hex}"
    overrides = {
        "broker_url": broker_url,
        "result_backend": broker_url,
        "task_default_queue": queue,
        "worker_hijack_root_logger": False,
    }
    saved = {key: app.conf[key] for key in overrides}
    app.conf.update(overrides)
    _forget_connections()
    signals.setup_logging.connect(_quiet_logging)
    signals.task_postrun.connect(_close_worker_thread_connections)
    try:
        with start_worker(app, pool="solo", perform_ping_check=True) as worker:
            yield worker
    finally:
        signals.task_postrun.disconnect(_close_worker_thread_connections)
        signals.setup_logging.disconnect(_quiet_logging)
        app.conf.update(saved)
        _forget_connections()
        # The queue and kombu's bindings for it (results expire on their own after a day).
        client = redis.Redis.from_url(broker_url)
        for key in client.scan_iter(match=f"*{queue}*"):
            client.delete(key)
        client.close()


@pytest.mark.celery_worker
def test_real_worker_runs_the_heartbeat_task(embedded_worker):
    result = record_heartbeat.delay("test-worker")

    assert result.get(timeout=30) == "test-worker"
    # Written by the worker's thread and committed: visible to this one.
    heartbeat = WorkerHeartbeat.objects.get(worker="test-worker")
    assert heartbeat.beat_at is not None


@pytest.mark.celery_worker
def test_running_the_heartbeat_twice_keeps_one_row(embedded_worker):
    record_heartbeat.delay("test-worker").get(timeout=30)
    first = WorkerHeartbeat.objects.get(worker="test-worker").beat_at
    record_heartbeat.delay("test-worker").get(timeout=30)

    assert WorkerHeartbeat.objects.filter(worker="test-worker").count() == 1
    assert WorkerHeartbeat.objects.get(worker="test-worker").beat_at >= first


@pytest.fixture
def worker_process():
    """A real worker in a process of its own (prefork, one child), as production runs it,
    consuming a queue of its own on the test Redis database. Yields the queue's name."""
    broker_url = _redis_url_with_db(settings.REDIS_URL, TEST_REDIS_DB)
    queue = f"test-{uuid.uuid4().hex}"
    overrides = {"broker_url": broker_url, "result_backend": broker_url}
    saved = {key: app.conf[key] for key in overrides}
    app.conf.update(overrides)
    _forget_connections()
    worker = subprocess.Popen(
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
            "--include",
            "tests.core.crash_tasks",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ],
        cwd=BASE_DIR,
        env={**os.environ, "REDIS_URL": broker_url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield queue
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        if worker.stderr is not None:
            worker.stderr.close()
        app.conf.update(saved)
        _forget_connections()
        client = redis.Redis.from_url(broker_url)
        for key in client.scan_iter(match=f"*{queue}*"):
            client.delete(key)
        client.close()


@pytest.mark.celery_worker
def test_a_task_whose_worker_dies_is_run_again_not_lost(worker_process):
    """acks_late and reject_on_worker_lost, against a real worker: the process running the task
    dies before acknowledging it, and the task runs again in a fresh process. With either setting
    off, the task would be lost (acknowledged on receipt) or marked failed (WorkerLostError)."""
    counter_key = f"{worker_process}-runs"

    result = die_on_first_run.apply_async((counter_key,), queue=worker_process)

    assert result.get(timeout=90) == 2
    client = redis.Redis.from_url(app.conf.broker_url)
    assert int(client.get(counter_key)) == 2
    client.delete(counter_key)
    client.close()


def test_every_project_task_is_acknowledged_late():
    """A task acknowledged on receipt is lost if its worker dies; every task here is idempotent
    and so safe to run again."""
    app.loader.import_default_modules()
    project_tasks = [
        task
        for name, task in app.tasks.items()
        if name.startswith(("standards.", "registers.", "complaints.", "ccu."))
    ]
    assert len(project_tasks) >= 4
    for task in project_tasks:
        assert task.acks_late is True, task.name
        assert task.reject_on_worker_lost is True, task.name
    assert app.conf.worker_prefetch_multiplier == 1


def test_visibility_timeout_outlasts_the_longest_task():
    # Redis hands an unacknowledged task to another worker after the visibility timeout; were it
    # shorter than a task may run, a long cross-check would run twice at once.
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit < visibility


def test_clock_is_utc():
    assert app.conf.timezone == "UTC"
    assert app.conf.enable_utc is True


def test_every_beat_schedule_entry_names_a_registered_task():
    app.loader.import_default_modules()
    schedule = app.conf.beat_schedule

    assert "worker-heartbeat" in schedule
    for name, entry in schedule.items():
        assert entry["task"] in app.tasks, f"beat entry {name!r} names an unknown task"


def test_tasks_are_queued_not_run_inline_outside_the_demo():
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    assert app.conf.task_always_eager is False
    assert app.conf.broker_url == settings.REDIS_URL
