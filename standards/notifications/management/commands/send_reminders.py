"""``manage.py send_reminders [--today YYYY-MM-DD]``: the daily reminders by hand.

The same work as the beat's "reminders" task (standards.notifications.tasks.send_reminders),
run in this process: the demo has no worker, and an operator can catch up after an outage.
Safe to rerun: a reminder already sent is not sent again.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from standards.notifications.reminders import send_due_reminders_by_source


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--today must be a date like 2026-11-30, not {value!r}") from exc


class Command(BaseCommand):
    help = "Send every area's reminders and escalations that fall due (safe to rerun)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="The day to send for, YYYY-MM-DD (default: today in the service)."
        )

    def handle(self, *args, **options):
        today = _day(options["today"]) if options["today"] else timezone.localdate()
        sent = send_due_reminders_by_source(today=today)
        self.stdout.write(f"Reminders for {today:%-d %B %Y}:")
        for name, count in sent.items():
            self.stdout.write(f"  {name:<24} {count:>6,} sent")
        self.stdout.write(f"  {'total':<24} {sum(sent.values()):>6,} sent")
