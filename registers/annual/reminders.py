"""The annual declaration's reminders: until it is made.

Two sources (registered in ``AnnualConfig.ready``), both about the members who have not made this
year's declaration, each notice hung off the member (``DeclaringMember``) and asking for the step
"declare", so making the declaration closes every one of them (``notifications_done``):

- the member: 30 and 7 days before the due date, then every week it is overdue ("overdue-w1",
  "overdue-w2", ...), one notice a week until they make it. The overdue stages go to the
  escalation list, which for this source is the member themselves;
- the line manager: told once, when it becomes overdue (one stage, "overdue", so one key).

Only the current declaration year is reminded, and only once the force runs it
(``ANNUAL_DECLARATION_FIRST_YEAR``): on 1 April a new year starts and last year's
reminders stop (last year's missing declaration is still on the cross-check's findings).
Nothing here is corridor material: the declaration is PSD's, and no notice says anything of a
notifiable association beyond the policy's name.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from registers.annual.models import (
    AnnualDeclaration,
    DeclaringMember,
    due_on,
    is_running,
    year_label,
    year_of,
)
from registers.annual.services import STEP_DECLARE
from standards.accounts.models import User
from standards.notifications.reminders import (
    OVERDUE,
    REMIND_BEFORE_DAYS,
    Due,
    Message,
    ReminderSource,
    stage_on,
)


def member_stage(due: dt.date, today: dt.date) -> str | None:
    """ "30d", "7d", then "overdue-w1" for the first week past the date, "overdue-w2"..."""
    if due < today:
        return f"{OVERDUE}-w{(today - due).days // 7 + 1}"
    return stage_on(due, today)


def manager_stage(due: dt.date, today: dt.date) -> str | None:
    return OVERDUE if due < today else None


def _outstanding(*, today: dt.date, until: dt.date) -> tuple[int, dt.date, list[DeclaringMember]]:
    year = year_of(today)
    due = due_on(year)
    if due > until or not is_running(year):
        return year, due, []
    members = list(
        DeclaringMember.objects.serving(today)
        .exclude(pk__in=AnnualDeclaration.objects.filter(year=year).values("person_id"))
        .order_by("pk")
    )
    return year, due, members


def _logins(person_ids) -> dict[int, list[User]]:
    logins: dict[int, list[User]] = {}
    for user in User.objects.filter(person_id__in=set(person_ids), is_active=True):
        logins.setdefault(user.person_id, []).append(user)
    return logins


def _member_due(*, today: dt.date, until: dt.date) -> list[Due]:
    _year, due, members = _outstanding(today=today, until=until)
    logins = _logins(member.pk for member in members)
    # Only members with a login can be reminded in the service; the rest are on the overdue list.
    return [
        Due(record=member, due_on=due, remind=logins[member.pk], escalate=logins[member.pk])
        for member in members
        if member.pk in logins
    ]


def _manager_due(*, today: dt.date, until: dt.date) -> list[Due]:
    _year, due, members = _outstanding(today=today, until=until)
    logins = _logins(member.line_manager_id for member in members if member.line_manager_id)
    return [
        Due(record=member, due_on=due, escalate=logins[member.line_manager_id])
        for member in members
        if member.line_manager_id in logins
    ]


def _label(due: Due) -> str:
    return year_label(year_of(due.due_on))


def _member_reminder(due: Due) -> Message:
    return Message(
        subject=f"make your {_label(due)} declaration by {due.due_on:%-d %B %Y}",
        body="Once a year everyone confirms they have read the force's gifts and hospitality, "
        "business interests and notifiable associations policies, and that their declarations "
        f"are complete. It takes a few minutes. Make yours by {due.due_on:%-d %B %Y}.",
        url=reverse("my_annual:declare"),
    )


def _member_overdue(due: Due) -> Message:
    return Message(
        subject=f"your {_label(due)} declaration is overdue",
        body=f"Your annual declaration was due on {due.due_on:%-d %B %Y}. Make it now: you "
        "will be reminded every week until you do, and your line manager has been told.",
        url=reverse("my_annual:declare"),
    )


def _manager_overdue(due: Due) -> Message:
    member = due.record
    return Message(
        subject=f"{member.display_name}'s {_label(due)} declaration is overdue",
        body=f"{member.display_name} ({member.staff_number}), who reports to you, has not made "
        f"the annual declaration due on {due.due_on:%-d %B %Y}. Ask them to make it; the "
        "overdue list shows everyone in your team who has not.",
        url=reverse("annual:overdue"),
    )


def _never(due: Due) -> Message:  # pragma: no cover - the manager's stage is never a reminder
    raise AssertionError("the line manager is told only once it is overdue")


MEMBER_REMINDERS = ReminderSource(
    name="annual-declaration",
    step=STEP_DECLARE,
    due=_member_due,
    reminder=_member_reminder,
    escalation=_member_overdue,
    stage=member_stage,
    lookahead=max(REMIND_BEFORE_DAYS),
)

MANAGER_REMINDERS = ReminderSource(
    name="annual-declaration-manager",
    step=STEP_DECLARE,
    due=_manager_due,
    reminder=_never,
    escalation=_manager_overdue,
    stage=manager_stage,
    lookahead=0,
)
