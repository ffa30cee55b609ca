"""Run the cross-checks here and now, without a worker (the demo has none)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from registers.crosschecks.checks import registered_checks
from registers.crosschecks.services.runs import crosschecks_run_by_hand


class Command(BaseCommand):
    help = "Run every cross-check (or those named) in this process and print each run's counts."

    def add_arguments(self, parser) -> None:
        parser.add_argument("checks", nargs="*", help="Names of checks to run (default: all).")
        parser.add_argument("--today", help="Check as of this date (YYYY-MM-DD).")

    def handle(self, *args, checks: list[str], today: str | None, **options) -> None:
        known = {check.name for check in registered_checks()}
        unknown = sorted(set(checks) - known)
        if unknown:
            raise CommandError(
                f"No such check: {', '.join(unknown)}. The checks are: {', '.join(sorted(known))}."
            )
        try:
            as_of = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today must be a date like 2026-11-30, not {today!r}") from None
        for run in crosschecks_run_by_hand(today=as_of, names=checks or None):
            self.stdout.write(
                f"{run.check_name}: {run.rows_compared} rows compared, "
                f"{run.findings_new} new, {run.findings_still_open} still open, "
                f"{run.findings_resolved} resolved"
            )
