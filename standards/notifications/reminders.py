"""Reminders: one mechanism for everything that falls due (an annual review, say).

An area declares a ``ReminderSource`` in its ``reminders.py`` and registers it from its
``AppConfig.ready()`` with ``register_reminder_source``. The source says what is due and who
hears about it; this module decides when: each recipient is reminded 30 days and 7 days before
the due date, and once it is overdue the escalation list is told. One Celery task
(``standards.notifications.tasks.send_reminders``) runs every source daily.

Every notice's key names the source, the record, the due date and the stage
("interest-12-review-2027-01-31-7d"), so a rerun or a retried task sends nothing twice and a new
due date (next year's review) starts afresh. The notices ask for the source's ``step``: the
area's service that takes it (the review) calls ``notifications_done`` and they close.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import models, transaction

from standards.notifications.services import notify

# Reminders before the due date, in days (DESIGN.md: 30 and 7 days before).
REMIND_BEFORE_DAYS = (30, 7)
OVERDUE = "overdue"


@dataclass(frozen=True)
class Due:
    """One record with a due date, and who hears about it.

    ``remind``: the logins reminded before the date (the member). ``escalate``: the logins told
    once it is overdue (a line manager, the register's owner). A source whose record is corridor
    material escalates inside the corridor only.
    """

    record: models.Model
    due_on: dt.date
    remind: Sequence = ()
    escalate: Sequence = ()


@dataclass(frozen=True)
class Message:
    subject: str  # after the record's reference: "BI-00230: <subject>"
    body: str
    url: str


@dataclass(frozen=True)
class ReminderSource:
    """What falls due in one area.

    ``due(today=..., until=...)`` returns every record due on or before ``until`` (the overdue
    ones included), as ``Due`` rows; ``reminder(due)`` and ``escalation(due)`` write
    the notices. ``name`` and ``step`` make the key: "<name>-<pk>-<step>-<due date>-<stage>".

    ``stage(due_on, today)`` names the stage a record is at today, or None for "nothing to
    send" (default: 30 and 7 days before, then overdue); a stage starting "overdue" is sent to
    the escalation list. ``lookahead`` is how many days ahead ``due`` is asked for.
    """

    name: str
    step: str
    due: Callable[..., Iterable[Due]]
    reminder: Callable[[Due], Message]
    escalation: Callable[[Due], Message]
    stage: Callable[[dt.date, dt.date], str | None] | None = None
    lookahead: int = max(REMIND_BEFORE_DAYS)

    def stage_for(self, due_on: dt.date, today: dt.date) -> str | None:
        return (self.stage or stage_on)(due_on, today)


_SOURCES: dict[str, ReminderSource] = {}


def register_reminder_source(source: ReminderSource) -> None:
    _SOURCES[source.name] = source


def reminder_sources() -> list[ReminderSource]:
    return [_SOURCES[name] for name in sorted(_SOURCES)]


def stage_on(due_on: dt.date, today: dt.date) -> str | None:
    """ "30d" or "7d" (the nearest reminder the date falls within), "overdue", or None."""
    if due_on < today:
        return OVERDUE
    days_left = (due_on - today).days
    windows = [days for days in REMIND_BEFORE_DAYS if days_left <= days]
    return f"{min(windows)}d" if windows else None


def send_reminders_for(source: ReminderSource, *, today: dt.date) -> int:
    """Send one source's reminders and escalations due ``today``; the notices created."""
    created = 0
    until = today + dt.timedelta(days=source.lookahead)
    for due in source.due(today=today, until=until):
        stage = source.stage_for(due.due_on, today)
        if stage is None:
            continue
        if stage.startswith(OVERDUE):
            recipients, message = due.escalate, source.escalation(due)
        else:
            recipients, message = due.remind, source.reminder(due)
        created += len(
            notify(
                recipients=recipients,
                key=f"{source.name}-{due.record.pk}-{source.step}-{due.due_on}-{stage}",
                subject=message.subject,
                body=message.body,
                url=message.url,
                record=due.record,
                step=source.step,
            )
        )
    return created


def send_due_reminders(*, today: dt.date) -> int:
    """Every registered source, each in its own transaction: one area's failure (retried by
    the task) leaves the others' notices sent, and a rerun sends none of them twice."""
    created = 0
    for source in reminder_sources():
        with transaction.atomic():
            created += send_reminders_for(source, today=today)
    return created
