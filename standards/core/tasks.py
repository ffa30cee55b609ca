"""Service-level background tasks."""

from __future__ import annotations

import socket

from celery import shared_task
from django.utils import timezone

from standards.core.models import WorkerHeartbeat


@shared_task(acks_late=True, ignore_result=False)
def record_heartbeat(worker: str | None = None) -> str:
    """Record that a worker is alive. Idempotent: one row per worker, updated in place."""
    name = worker or socket.gethostname()
    WorkerHeartbeat.objects.update_or_create(worker=name, defaults={"beat_at": timezone.now()})
    return name
