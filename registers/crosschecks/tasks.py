"""Background work for the cross-checks: thin, take ids, idempotent, acknowledged late, retried
with backoff. The services (services/runs.py) say why each is safe to run twice.

A worker that dies mid-chunk commits nothing; with ``acks_late`` and the project's
``reject_on_worker_lost`` the chunk's task goes back to the queue (after Redis's visibility
timeout), and the next nightly run resumes the unfinished run and queues its waiting chunks again,
whichever comes first. A chunk found done, or locked by a worker still doing it, is skipped.
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from registers.crosschecks.imports.tasks import import_batch  # noqa: F401 - the worker finds it here
from registers.crosschecks.services import runs

RETRIED = {
    "acks_late": True,
    "autoretry_for": (OperationalError, OSError),
    "retry_backoff": True,
    "retry_backoff_max": 10 * 60,
    "max_retries": 5,
}


@shared_task(**RETRIED)
def run_crosschecks(checked_on: str | None = None) -> list[int]:
    """Nightly: start (or resume) a run of every check that is due; each chunk is its own
    task. Queued again with ``checked_on`` while checks that go later wait for earlier ones;
    once that day is over the next night's run takes over."""
    today = dt.date.fromisoformat(checked_on) if checked_on else timezone.localdate()
    if checked_on and timezone.localdate() > today:
        return []
    started = runs.crosscheck_runs_start(today=today, resume=checked_on is None)
    return [run.pk for run in started]


@shared_task(**RETRIED)
def run_crosscheck_chunk(chunk_id: int) -> bool:
    return runs.crosscheck_chunk_run(chunk_id=chunk_id)
