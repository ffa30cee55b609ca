"""Operational records of the service itself (not domain data, so no history)."""

from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """The last time a Celery worker ran the heartbeat task that beat schedules every minute.

    One row per worker host name; the health page reads it to tell whether the background work
    (reminders, cross-checks, clocks) is actually running.
    """

    worker = models.CharField(max_length=200, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.worker} at {self.beat_at:%Y-%m-%d %H:%M:%S}"
