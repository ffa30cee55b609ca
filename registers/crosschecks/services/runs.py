"""Running the cross-checks: a recorded run, split into chunks, whose findings are written once.

``crosscheck_run_start`` records a run of one check and its chunks, and (on commit) queues one
task per chunk. ``crosscheck_chunk_run`` does one chunk: it claims the chunk with a row lock
(``SELECT ... FOR UPDATE SKIP LOCKED``: two workers given the same chunk never both do it),
writes its findings and marks it done in the same transaction. A worker that dies mid-chunk
commits nothing; the lock goes with its connection and the redelivered task (``acks_late``) or
the next run does the chunk again. The last chunk to finish closes the run: findings of the
check that this run did not find again are resolved, and the run's counts are added up.

A run that never finished is resumed, not replaced: starting the check again queues the
chunks still waiting (the unique constraint allows one running run per check), or closes the run
if every chunk was done but the worker died before closing it. A chunk task that finds its chunk
already done still tries to close the run, for the same reason.

The counts a run keeps: ``findings_new`` are the findings it put in front of a reviewer (raised
for the first time, or found again after they had been resolved); ``findings_still_open`` the
open ones it found again; ``findings_resolved`` the open ones it no longer found. A finding
someone has dealt with (disposed) that is found again stays dealt with and is in none of them, so
after a run the check's open findings it found number new + still open.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from itertools import groupby

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from registers.crosschecks.checks import Check, Hit, check_named, registered_checks
from registers.crosschecks.matching import chunked
from registers.crosschecks.models import (
    Audience,
    CcuFinding,
    ChunkStatus,
    CrossCheckRun,
    Finding,
    FindingStatus,
    PsdFinding,
    RunChunk,
    RunStatus,
)
from standards.core.extensions import record_about_people


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def crosscheck_run_start(
    *, check: Check, today: dt.date, acting_user=None, queue: bool = True
) -> CrossCheckRun:
    """A run of ``check``: the unfinished one if there is one, otherwise a new one with its
    chunks. With ``queue`` its waiting chunks are queued when the transaction commits (by hand,
    the caller does them itself). A resumed run whose chunks are all done is closed."""
    from registers.crosschecks.tasks import run_crosscheck_chunk

    try:
        run = _running_or_new(check=check, today=today, acting_user=acting_user)
    except IntegrityError:
        # Someone else started this check a moment ago (the unique constraint on running
        # runs): theirs is the run, and resuming it is what this call is for.
        run = _running_or_new(check=check, today=today, acting_user=acting_user)
    pending = list(run.chunks.filter(status=ChunkStatus.PENDING).values_list("pk", flat=True))
    if not pending:
        crosscheck_run_finish(run_id=run.pk)
        run.refresh_from_db()
    elif queue:
        for chunk_id in pending:
            run_crosscheck_chunk.delay_on_commit(chunk_id)
    return run


@transaction.atomic
def _running_or_new(*, check: Check, today: dt.date, acting_user) -> CrossCheckRun:
    run = (
        CrossCheckRun.objects.select_for_update()
        .filter(check_name=check.name, status=RunStatus.RUNNING)
        .first()
    )
    if run is not None:
        return run
    plan = check.plan(today=today)
    if not plan:
        raise ValueError(f"The {check.name} check planned no chunks (it must plan at least one)")
    run = CrossCheckRun.objects.create(
        check_name=check.name,
        audience=check.audience,
        checked_on=today,
        started_by=acting_user,
        chunks_total=len(plan),
    )
    RunChunk.objects.bulk_create(
        RunChunk(run=run, index=index, params=params) for index, params in enumerate(plan)
    )
    return run


# How soon the nightly run looks again whether the checks that go first have all finished.
NEXT_ORDER_AFTER_SECONDS = 60


def crosscheck_runs_start(
    *, today: dt.date, acting_user=None, resume: bool = True
) -> list[CrossCheckRun]:
    """The nightly run: every registered check as of ``today``, in ``order``.

    Checks of a later order (the annual-declaration check reads the others' findings) start
    only when every check of an earlier order has finished a run as of ``today``. Until then
    the nightly task is queued again (``NEXT_ORDER_AFTER_SECONDS``) to look once more, with
    ``resume=False``: it starts what has become due and leaves the runs still going alone
    instead of queueing their chunks again. A check that already finished a run as of
    ``today`` (by hand, say) is not run again. Returns the runs it started or resumed."""
    started: list[CrossCheckRun] = []
    groups = [list(group) for _, group in groupby(registered_checks(), key=lambda c: c.order)]
    for position, group in enumerate(groups):
        finished = set(
            CrossCheckRun.objects.filter(
                check_name__in=[check.name for check in group],
                status=RunStatus.FINISHED,
                checked_on__gte=today,
            ).values_list("check_name", flat=True)
        )
        waiting = False
        for check in group:
            if check.name in finished:
                continue
            running = CrossCheckRun.objects.filter(
                check_name=check.name, status=RunStatus.RUNNING
            ).exists()
            if running and not resume:
                waiting = True
                continue
            run = crosscheck_run_start(check=check, today=today, acting_user=acting_user)
            if run.status == RunStatus.FINISHED and run.checked_on < today:
                # It resumed an earlier night's run and closed it: tonight's is still to do.
                run = crosscheck_run_start(check=check, today=today, acting_user=acting_user)
            started.append(run)
            waiting = waiting or run.status != RunStatus.FINISHED
        if waiting:
            if position + 1 < len(groups):
                _look_again_later(today=today)
            break
    return started


def _look_again_later(*, today: dt.date) -> None:
    from registers.crosschecks.tasks import run_crosschecks

    transaction.on_commit(
        lambda: run_crosschecks.apply_async(
            kwargs={"checked_on": today.isoformat()}, countdown=NEXT_ORDER_AFTER_SECONDS
        )
    )


def crosscheck_chunk_run(*, chunk_id: int) -> bool:
    """Do one chunk if nobody has; False if it was done or is being done. Then close the run if
    its chunks are all done: also when this chunk was done already, since the worker that did it
    may have died between finishing it and closing the run."""
    with transaction.atomic():
        # ``of=("self",)``: lock the chunk's row only. Locking the joined run row too (the
        # default) would make every other worker skip its own chunk of the same run while this
        # one works, and drop it (found by tests/crosschecks/test_workers.py).
        chunk = (
            RunChunk.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("run")
            .filter(pk=chunk_id, status=ChunkStatus.PENDING)
            .first()
        )
        if chunk is not None:
            run = chunk.run
            check = check_named(run.check_name)
            result = check.run_chunk(chunk.params, today=run.checked_on)
            new, seen = _record_hits(run=run, hits=result.hits)
            chunk.status = ChunkStatus.DONE
            chunk.rows_compared = result.rows_compared
            chunk.findings_new = new
            chunk.findings_seen = seen
            chunk.finished_at = timezone.now()
            chunk.worker = _worker_name()
            chunk.save()
    if chunk is None:
        run_id = RunChunk.objects.filter(pk=chunk_id).values_list("run_id", flat=True).first()
        if run_id is not None:
            crosscheck_run_finish(run_id=run_id)
        return False
    crosscheck_run_finish(run_id=run.pk)
    return True


def _record_hits(*, run: CrossCheckRun, hits: list[Hit]) -> tuple[int, int]:
    """Write each hit as a finding (new), or onto the finding with its key (found again).
    Returns (new, still open): see the module's note on the counts."""
    new = still_open = 0
    now = timezone.now()
    for batch in chunked(hits, 500):
        existing = {
            finding.key: finding
            for finding in Finding.objects.select_for_update().filter(
                key__in=[hit.key for hit in batch]
            )
        }
        for hit in batch:
            finding = existing.get(hit.key)
            if finding is None:
                _raise(run=run, hit=hit, now=now)
                new += 1
                continue
            if finding.status == FindingStatus.OPEN:
                still_open += 1
            elif finding.status == FindingStatus.RESOLVED:
                # Found again after it went away: open again, for a person to look at.
                finding.status = FindingStatus.OPEN
                finding.resolved_at = None
                new += 1
            # A disposed finding stays disposed: a person decided it, and the same records
            # matching again is no reason to ask them again.
            finding.summary = hit.summary[:500]
            finding.details = hit.details
            finding.score = hit.score
            finding.last_run = run
            finding.last_found_at = now
            finding.save()
    return new, still_open


def _raise(*, run: CrossCheckRun, hit: Hit, now) -> Finding:
    # Made through its side's view, so the watchlist's alert names the view the CCU may open
    # ("crosschecks.ccufinding") or one it may not ("crosschecks.psdfinding": no link).
    model = CcuFinding if run.audience == Audience.CCU else PsdFinding
    finding = model.objects.create(
        key=hit.key,
        check_name=run.check_name,
        audience=run.audience,
        summary=hit.summary[:500],
        details=hit.details,
        score=hit.score,
        first_run=run,
        last_run=run,
        first_found_at=now,
        last_found_at=now,
    )
    finding.people.set(hit.person_ids)
    # The CCU's watchlist hears of it (inside this transaction: a chunk that fails tells
    # nobody). The summary names the finding by reference only.
    record_about_people(
        kind="crosscheck",
        record=finding,
        person_ids=hit.person_ids,
        summary=f"{finding.reference}: cross-check finding",
    )
    return finding


def crosscheck_run_finish(*, run_id: int) -> bool:
    """Close the run once every chunk is done: resolve what it no longer found and add up."""
    with transaction.atomic():
        # NO KEY UPDATE: the chunks being done meanwhile hold KEY SHARE on the run (their
        # findings refer to it), which this lock does not wait for; a chunk not yet committed
        # is still pending here, and its own task closes the run when it commits.
        run = (
            CrossCheckRun.objects.select_for_update(no_key=True)
            .filter(pk=run_id, status=RunStatus.RUNNING)
            .first()
        )
        if run is None or run.chunks.filter(status=ChunkStatus.PENDING).exists():
            return False
        totals = run.chunks.aggregate(
            rows=Sum("rows_compared"), new=Sum("findings_new"), seen=Sum("findings_seen")
        )
        # Findings are not history-tracked (models/findings.py): the run's own resolution of
        # what it no longer found is one UPDATE.
        resolved = (
            Finding.objects.filter(check_name=run.check_name, status=FindingStatus.OPEN)
            .exclude(last_run=run)
            .update(status=FindingStatus.RESOLVED, resolved_at=timezone.now())
        )
        run.rows_compared = totals["rows"] or 0
        run.findings_new = totals["new"] or 0
        run.findings_still_open = totals["seen"] or 0
        run.findings_resolved = resolved
        run.status = RunStatus.FINISHED
        run.finished_at = timezone.now()
        run.save()
    return True


def crosschecks_run_by_hand(
    *, today: dt.date, names: list[str] | None = None
) -> list[CrossCheckRun]:
    """What ``manage.py run_crosschecks`` does: every check (or those named), each chunk done
    here and now, in this process, and nothing queued (the demo and a console have no worker).
    The same services as the nightly tasks, so the same findings. An unfinished run of a check
    is resumed: only its waiting chunks are done."""
    checks = [check_named(name) for name in names] if names else registered_checks()
    runs = []
    for check in checks:
        run = crosscheck_run_start(check=check, today=today, queue=False)
        for chunk_id in run.chunks.filter(status=ChunkStatus.PENDING).values_list("pk", flat=True):
            crosscheck_chunk_run(chunk_id=chunk_id)
        crosscheck_run_finish(run_id=run.pk)
        run.refresh_from_db()
        runs.append(run)
    return runs
