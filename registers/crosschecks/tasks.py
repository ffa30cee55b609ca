"""Background work for the cross-checks: thin, take ids, idempotent, acknowledged late, retried
with backoff. The services (services/runs.py) say why each is safe to run twice.

A worker that dies mid-chunk commits nothing; with ``acks_late`` and the project's
``reject_on_worker_lost`` the chunk's task goes back to the queue (after Redis's visibility
timeout), and the next nightly run resumes the unfinished run and queues its waiting chunks again,
whichever comes first. A chunk found done, or locked by a worker still doing it, is skipped.
"""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from registers.crosschecks.services import runs

RETRIED = {
    "acks_late": True,
    "autoretry_for": (OperationalError, OSError),
    "retry_backoff": True,
    "retry_backoff_max": 10 * 60,
    "max_retries": 5,
}


@shared_task(**RETRIED)
def run_crosschecks() -> list[int]:
    """Nightly: start (or resume) a run of every check; each chunk is its own task."""
    return [run.pk for run in runs.crosscheck_runs_start(today=timezone.localdate())]


@shared_task(**RETRIED)
def run_crosscheck_chunk(chunk_id: int) -> bool:
    return runs.crosscheck_chunk_run(chunk_id=chunk_id)
