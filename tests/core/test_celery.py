"""Background work: a real Celery worker, on the real Redis, runs a task against the test database;
and the configuration that keeps a crashed worker's task from being lost or run twice."""

from __future__ import annotations

import threading
import uuid
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


def test_a_crashed_worker_task_is_redelivered_not_lost():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert record_heartbeat.acks_late is True


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
