"""Background work for business interests: thin, idempotent, retried with backoff."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from registers.interests.reminders import interest_send_review_reminders


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_kwargs={"max_retries": 5},
)
def send_interest_review_reminders() -> int:
    """Daily: the annual-review reminders. Safe to run twice (each notice has a unique key)."""
    return interest_send_review_reminders(today=timezone.localdate())
