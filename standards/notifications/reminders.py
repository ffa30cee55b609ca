"""Reminders: one mechanism for everything that falls due (an annual review, a case's clock).

An area declares a ``ReminderSource`` in its ``reminders.py`` and registers it from its
``AppConfig.ready()`` with ``register_reminder_source``. The source says what is due and who
hears about it; this module decides when: by default each recipient is reminded 30 days and 7
days before the due date, and once it is overdue the escalation list is told (a source may name
its own stages, "due-soon" say; a stage starting "overdue" goes to the escalation list). One
Celery task (``standards.notifications.tasks.send_reminders``, the beat's "reminders" entry) and
``manage.py send_reminders`` run every source.

Each reminder sent is a ``Reminder`` row, unique on who, what (source, record, step), which due
date and which stage, pointing at the notice it sent; the notice's own key says the same
("interest-12-review-2027-01-31-7d"). So a rerun, a retried task or two workers racing send
nothing twice, and a new due date (next year's review) starts afresh. The notices ask for the
step: the area's service that takes it calls ``notifications_done`` and they close; a reminder
whose record no longer falls due on that date (the clock stopped, the case closed, the review
moved) is closed by the next run.

Robust to a worker dying half way: each source runs in its own transaction (a source either
sent all its reminders or none), each reminder in a savepoint (the losing side of a race gets
an IntegrityError there and moves on), and the e-mail is claimed by a conditional update
(``tasks.email_notification``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from standards.notifications.models import Notification, Reminder
from standards.notifications.services import notify, record_key

# Reminders before the due date, in days (DESIGN.md: 30 and 7 days before).
REMIND_BEFORE_DAYS = (30, 7)
OVERDUE = "overdue"


@dataclass(frozen=True)
class Due:
    """One record with a due date, and who hears about it.

    ``remind``: the logins reminded before the date (the member). ``escalate``: the logins told
    once it is overdue (a line manager, the register's owner). A source whose record is corridor
    material escalates inside the corridor only. ``step``, when given, replaces the source's
    step for this row: one record with several clocks (a case) names each clock.
    """

    record: models.Model
    due_on: dt.date
    remind: Sequence = ()
    escalate: Sequence = ()
    step: str = ""


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


def reminder_key(source: ReminderSource, due: Due, stage: str) -> str:
    return f"{source.name}-{due.record.pk}-{due.step or source.step}-{due.due_on}-{stage}"


def _remind_once(*, user, source: ReminderSource, due: Due, stage: str, message: Message) -> bool:
    """One reminder to one person, unless it was sent already. In a savepoint: when another
    worker is writing the same reminder, the insert waits for it and then fails on the unique
    key; ``get_or_create`` catches that inside its own savepoint and finds the other's row, and
    this transaction carries on with the next one."""
    step = due.step or source.step
    with transaction.atomic():
        notices = notify(
            recipients=[user],
            key=reminder_key(source, due, stage),
            subject=message.subject,
            body=message.body,
            url=message.url,
            record=due.record,
            step=step,
        )
        if not notices:
            return False
        Reminder.objects.get_or_create(
            recipient=user,
            source=source.name,
            record_key=record_key(due.record),
            step=step,
            due_on=due.due_on,
            stage=stage,
            defaults={"notification": notices[0]},
        )
    return True


def send_reminders_for(source: ReminderSource, *, today: dt.date) -> int:
    """Send one source's reminders and escalations due ``today``; the notices created. Close
    the source's open reminders whose record no longer falls due on that date."""
    created = 0
    until = today + dt.timedelta(days=source.lookahead)
    still_due: set[tuple[str, str, dt.date]] = set()
    for due in source.due(today=today, until=until):
        still_due.add((record_key(due.record), due.step or source.step, due.due_on))
        stage = source.stage_for(due.due_on, today)
        if stage is None:
            continue
        if stage.startswith(OVERDUE):
            recipients, message = due.escalate, source.escalation(due)
        else:
            recipients, message = due.remind, source.reminder(due)
        # In primary-key order, so two workers on the same run take the same rows in the same
        # order and wait for each other instead of deadlocking.
        people = sorted(
            {u.pk: u for u in recipients if u is not None and u.is_active}.values(),
            key=lambda u: u.pk,
        )
        for user in people:
            created += _remind_once(user=user, source=source, due=due, stage=stage, message=message)
    _close_stale(source, still_due)
    return created


def _close_stale(source: ReminderSource, still_due: set[tuple[str, str, dt.date]]) -> int:
    """Mark done the source's open reminders about a (record, step, due date) it no longer
    reports: the clock stopped, the case closed, the review was done and moved on. A notice
    is not history-tracked, so one UPDATE does it."""
    stale = [
        reminder.notification_id
        for reminder in Reminder.objects.filter(
            source=source.name, notification__done_at__isnull=True
        ).only("record_key", "step", "due_on", "notification_id")
        if (reminder.record_key, reminder.step, reminder.due_on) not in still_due
    ]
    if not stale:
        return 0
    return Notification.objects.filter(pk__in=stale, done_at__isnull=True).update(
        done_at=timezone.now()
    )


def send_due_reminders_by_source(*, today: dt.date) -> dict[str, int]:
    """Every registered source, each in its own transaction: one area's failure (retried by
    the task) leaves the others' reminders sent, a worker killed half way leaves the source it
    was on unsent (not half sent), and a rerun sends none of them twice."""
    sent: dict[str, int] = {}
    for source in reminder_sources():
        with transaction.atomic():
            sent[source.name] = send_reminders_for(source, today=today)
    return sent


def send_due_reminders(*, today: dt.date) -> int:
    """The notices every source sent ``today`` (see ``send_due_reminders_by_source``)."""
    return sum(send_due_reminders_by_source(today=today).values())
