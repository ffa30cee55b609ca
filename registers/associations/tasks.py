"""Background work for notifiable associations: thin, idempotent, retried with backoff."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from registers.associations import services


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_kwargs={"max_retries": 5},
)
def send_association_review_reminders() -> int:
    """Daily: the annual-review reminders. Safe to run twice (each notice has a unique key)."""
    return services.association_send_review_reminders(today=timezone.localdate())
