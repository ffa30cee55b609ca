"""One reminder mechanism: areas register what falls due; one task on one beat entry sends the
reminders 30 and 7 days before and the escalation after, each once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from registers.interests.models import InterestStatus
from standards.notifications import reminders
from standards.notifications.models import Notification
from standards.notifications.reminders import (
    Due,
    Message,
    ReminderSource,
    send_due_reminders,
    send_reminders_for,
    stage_on,
)
from standards.notifications.tasks import send_reminders
from tests.registers.associations.factories import live_association
from tests.registers.interests.factories import BusinessInterestFactory

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("days_left", "stage"),
    [(31, None), (30, "30d"), (8, "30d"), (7, "7d"), (0, "7d"), (-1, "overdue")],
)
def test_the_stage_of_a_due_date(days_left, stage):
    assert stage_on(TODAY + dt.timedelta(days=days_left), TODAY) == stage


def test_both_registers_declare_a_source():
    assert {source.name for source in reminders.reminder_sources()} >= {"interest", "association"}


def test_one_task_on_one_beat_entry():
    entries = [
        entry for entry in settings.CELERY_BEAT_SCHEDULE.values() if "remind" in entry["task"]
    ]
    assert entries == [settings.CELERY_BEAT_SCHEDULE["reminders"]]
    assert entries[0]["task"] == "standards.notifications.tasks.send_reminders"
    assert send_reminders.acks_late is True
    assert send_reminders.retry_backoff


@pytest.mark.django_db
def test_a_rerun_sends_nothing_twice(staff_member, line_manager, psd_head, ccu_head):
    staff_member.person.line_manager = line_manager.person
    staff_member.person.save()
    for days in (25, 5, -2):
        BusinessInterestFactory(
            declarant=staff_member.person,
            status=InterestStatus.APPROVED,
            review_due=TODAY + dt.timedelta(days=days),
        )
        live_association(declarant=staff_member.person, review_due=TODAY + dt.timedelta(days=days))
    first = send_due_reminders(today=TODAY)
    # Two reminders a register to the member; the overdue interest to the manager and PSD,
    # the overdue association to the head of the CCU.
    assert first == 2 + 2 + 2 + 1
    assert send_due_reminders(today=TODAY) == 0
    assert Notification.objects.count() == first
    assert not Notification.objects.filter(recipient=line_manager, key__startswith="association")


@pytest.mark.django_db
def test_a_source_is_reminded_and_escalated_by_its_own_lists(staff_member, psd_head):
    person = staff_member.person
    messages = Message(subject="due", body="", url="/my/")
    source = ReminderSource(
        name="test",
        step="renew",
        due=lambda *, today, until: [
            Due(record=person, due_on=today + dt.timedelta(days=3), remind=[staff_member]),
            Due(record=person, due_on=today - dt.timedelta(days=1), escalate=[psd_head]),
        ],
        reminder=lambda due: messages,
        escalation=lambda due: messages,
    )
    assert send_reminders_for(source, today=TODAY) == 2
    assert send_reminders_for(source, today=TODAY) == 0
    keys = dict(Notification.objects.values_list("recipient", "key"))
    assert keys == {
        staff_member.pk: f"test-{person.pk}-renew-{TODAY + dt.timedelta(days=3)}-7d",
        psd_head.pk: f"test-{person.pk}-renew-{TODAY - dt.timedelta(days=1)}-overdue",
    }
    assert set(Notification.objects.values_list("step", flat=True)) == {"renew"}
