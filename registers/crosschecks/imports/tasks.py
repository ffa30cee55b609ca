"""The background importer for large files. Thin: it takes the batch's id; the service says why
it is safe to run twice (the batch's row lock; rows already held are skipped)."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from registers.crosschecks.services.imports import ImportBusy, import_batch_run


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, OSError, ImportBusy),
    retry_backoff=True,
    retry_kwargs={"max_retries": 8},
)
def import_batch(batch_id: int) -> bool:
    return import_batch_run(batch_id=batch_id)
