"""Liveness of the service's dependencies, for /healthz and the administrator's home page."""

from __future__ import annotations

from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

from standards.core.models import WorkerHeartbeat

# A worker beats every minute; three missed beats means the background work has stopped.
HEARTBEAT_STALE_SECONDS = 180


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means the database is unusable
        return Check("database", False, type(exc).__name__)
    return Check("database", True, connection.vendor)


def check_redis() -> Check:
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2
        )
        client.ping()
    except Exception as exc:  # refused, timed out, auth failed: all mean "down"
        return Check("redis", False, type(exc).__name__)
    return Check("redis", True, "ping ok")


def check_worker() -> Check:
    """Informational: eager demo mode has no worker, so this never fails the health check."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return Check("worker", True, "tasks run in the web process (demo)")
    latest = WorkerHeartbeat.objects.order_by("-beat_at").first()
    if latest is None:
        return Check("worker", False, "no heartbeat recorded")
    age = (timezone.now() - latest.beat_at).total_seconds()
    return Check("worker", age <= HEARTBEAT_STALE_SECONDS, f"last heartbeat {int(age)}s ago")


def run_checks() -> tuple[bool, list[Check]]:
    database = check_database()
    checks = [database, check_redis()]
    if database.ok:
        checks.append(check_worker())
    # The service is healthy when it can serve pages and queue work; a stale worker is reported
    # but does not take the web container out of the load balancer.
    # In the demo tasks run eagerly, so Redis is reported but not required.
    optional = {"worker", "redis"} if settings.CELERY_TASK_ALWAYS_EAGER else {"worker"}
    healthy = all(check.ok for check in checks if check.name not in optional)
    return healthy, checks
