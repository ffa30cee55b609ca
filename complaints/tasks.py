"""Background work for complaints: thin, idempotent, acknowledged late."""

from __future__ import annotations

from celery import shared_task

from complaints.services.clocks import case_clocks_refresh_all


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 5}
)
def refresh_case_clocks() -> int:
    """Recalculate every open case's next deadline. The 12-month report's date rolls on every 6
    months and "due soon" depends on today, so the queue's order is made true again each night.
    Running it twice changes nothing the second time."""
    return case_clocks_refresh_all()
