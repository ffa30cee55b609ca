"""The annual declaration's reminders: 30 and 7 days before, weekly once overdue until it is
made, the line manager told once; nothing twice; making it closes them all."""

from __future__ import annotations

import datetime as dt

import pytest

from registers.annual import services
from registers.annual.models import PolicyVersion, due_on
from registers.annual.reminders import (
    MANAGER_REMINDERS,
    MEMBER_REMINDERS,
    manager_stage,
    member_stage,
)
from standards.notifications.models import Notification
from standards.notifications.reminders import send_reminders_for
from tests.registers.annual.factories import declaration_made

pytestmark = pytest.mark.django_db

YEAR = 2026
DUE = dt.date(2026, 6, 30)


@pytest.fixture(autouse=True)
def _due_30_june(settings):
    settings.ANNUAL_DECLARATION_DUE_MONTH = 6
    settings.ANNUAL_DECLARATION_DUE_DAY = 30
    settings.ANNUAL_DECLARATION_FIRST_YEAR = 2025
    assert due_on(YEAR) == DUE


def test_the_stages():
    assert member_stage(DUE, DUE - dt.timedelta(days=31)) is None
    assert member_stage(DUE, DUE - dt.timedelta(days=30)) == "30d"
    assert member_stage(DUE, DUE - dt.timedelta(days=7)) == "7d"
    assert member_stage(DUE, DUE) == "7d"
    assert member_stage(DUE, DUE + dt.timedelta(days=1)) == "overdue-w1"
    assert member_stage(DUE, DUE + dt.timedelta(days=7)) == "overdue-w2"
    assert member_stage(DUE, DUE + dt.timedelta(days=15)) == "overdue-w3"
    assert manager_stage(DUE, DUE) is None
    assert manager_stage(DUE, DUE + dt.timedelta(days=40)) == "overdue"


def _send(today: dt.date) -> int:
    return send_reminders_for(MEMBER_REMINDERS, today=today) + send_reminders_for(
        MANAGER_REMINDERS, today=today
    )


def _keys(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user)
        .order_by("created_at", "pk")
        .values_list("key", flat=True)
    )


def test_reminders_until_done_and_the_line_manager_once(staff_member, line_manager):
    staff_member.person.line_manager = line_manager.person
    staff_member.person.save()
    member = staff_member.person.pk
    # The line manager has made theirs: only the member is reminded.
    declaration_made(line_manager.person, year=YEAR)

    assert _send(DUE - dt.timedelta(days=40)) == 0
    assert _send(DUE - dt.timedelta(days=30)) == 1
    assert _send(DUE - dt.timedelta(days=29)) == 0  # nothing twice
    assert _send(DUE - dt.timedelta(days=6)) == 1
    assert _send(DUE + dt.timedelta(days=1)) == 2  # the member's first weekly one, the manager
    assert _send(DUE + dt.timedelta(days=3)) == 0
    assert _send(DUE + dt.timedelta(days=8)) == 1  # week two: the member only
    assert _send(DUE + dt.timedelta(days=15)) == 1

    prefix = f"annual-declaration-{member}-declare-{DUE}"
    assert _keys(staff_member) == [
        f"{prefix}-30d",
        f"{prefix}-7d",
        f"{prefix}-overdue-w1",
        f"{prefix}-overdue-w2",
        f"{prefix}-overdue-w3",
    ]
    assert _keys(line_manager) == [f"annual-declaration-manager-{member}-declare-{DUE}-overdue"]
    told = Notification.objects.get(recipient=line_manager)
    assert staff_member.person.display_name in told.subject
    assert told.url == "/registers/annual-declarations/overdue/"

    services.annual_declaration_make(
        policy_ids=PolicyVersion.objects.current().values_list("pk", flat=True),
        declarations_complete=True,
        acting_user=staff_member,
        today=DUE + dt.timedelta(days=16),
    )
    assert not Notification.objects.filter(done_at__isnull=True).exists()
    assert _send(DUE + dt.timedelta(days=22)) == 0


def test_a_member_who_has_declared_or_left_is_not_reminded(staff_member, line_manager):
    services.annual_declaration_make(
        policy_ids=PolicyVersion.objects.current().values_list("pk", flat=True),
        declarations_complete=True,
        acting_user=staff_member,
        today=DUE - dt.timedelta(days=40),
    )
    line_manager.person.leave_date = DUE - dt.timedelta(days=10)
    line_manager.person.save()
    assert _send(DUE - dt.timedelta(days=7)) == 0
    assert _send(DUE + dt.timedelta(days=1)) == 0


def test_nobody_is_reminded_of_a_year_the_force_does_not_run(staff_member, settings):
    settings.ANNUAL_DECLARATION_FIRST_YEAR = YEAR + 1
    assert _send(DUE + dt.timedelta(days=1)) == 0
    settings.ANNUAL_DECLARATION_FIRST_YEAR = None
    assert _send(DUE + dt.timedelta(days=1)) == 0
    settings.ANNUAL_DECLARATION_FIRST_YEAR = YEAR
    assert _send(DUE + dt.timedelta(days=1)) == 1
