"""Reads of the cross-checks' runs, by side of the corridor.

A run is of one check, and a check is PSD's or the CCU's (``Check.audience``). PSD sees the runs
of PSD checks and the CCU the runs of CCU checks: the other side's runs, their counts and their
"Run now" are a 404, the same as a run that does not exist. A run names no one (its counts and
chunks only), so its pages write no access-log row; the findings it raised are read through the
findings' own pages and rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from registers.crosschecks.checks import Check, registered_checks
from registers.crosschecks.models import Audience, CrossCheckRun, RunChunk
from standards.access import policy


def audiences_for(user) -> set[str]:
    """The sides whose runs ``user`` may see: PSD for PSD roles, the CCU for CCU roles."""
    sides = set()
    if policy.in_psd(user):
        sides.add(Audience.PSD)
    if policy.in_ccu(user):
        sides.add(Audience.CCU)
    return sides


def require_runs(*, user) -> set[str]:
    sides = audiences_for(user)
    if not sides:
        raise Http404
    return sides


@dataclass(frozen=True)
class CheckRuns:
    check: Check
    last: CrossCheckRun | None
    running: bool


def check_runs_for_user(*, user) -> list[CheckRuns]:
    """Each check of the user's side with its latest run (one query for every check)."""
    sides = require_runs(user=user)
    checks = [check for check in registered_checks() if check.audience in sides]
    latest = (
        CrossCheckRun.objects.filter(check_name__in=[check.name for check in checks])
        .order_by("check_name", "-started_at", "-pk")
        .distinct("check_name")
    )
    by_name = {run.check_name: run for run in latest}
    return [
        CheckRuns(
            check=check,
            last=by_name.get(check.name),
            running=bool(by_name.get(check.name) and by_name[check.name].status == "running"),
        )
        for check in checks
    ]


def run_list_for_user(*, user, limit: int = 50) -> list[CrossCheckRun]:
    """The latest runs of the user's side, newest first."""
    sides = require_runs(user=user)
    return list(
        CrossCheckRun.objects.filter(audience__in=sides)
        .select_related("started_by__person")
        .order_by("-started_at", "-pk")[:limit]
    )


def run_get_for_user(*, user, pk: int) -> CrossCheckRun:
    """The run, or 404 - the same 404 for the other side's run as for a missing one."""
    sides = audiences_for(user)
    run = (
        CrossCheckRun.objects.filter(audience__in=sides, pk=pk)
        .select_related("started_by__person")
        .first()
    )
    if run is None:
        raise Http404
    return run


def run_chunks(*, run: CrossCheckRun) -> list[RunChunk]:
    return list(run.chunks.order_by("index"))


def check_for_user(*, user, name: str) -> Check:
    """A check of the user's side, to run now; a 404 for the other side's and for no such check."""
    sides = audiences_for(user)
    for check in registered_checks():
        if check.name == name and check.audience in sides:
            return check
    raise Http404
