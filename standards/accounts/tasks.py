"""Account housekeeping."""

from __future__ import annotations

from celery import shared_task
from django.core.management import call_command


@shared_task(acks_late=True)
def clear_expired_sessions() -> None:
    """Delete expired sessions so the table holds only live ones. Idempotent."""
    call_command("clearsessions")
