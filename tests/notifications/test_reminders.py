"""One reminder mechanism: areas register what falls due; one task on one beat entry sends the
reminders 30 and 7 days before and the escalation after, each once."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from registers.interests.models import InterestStatus
from standards.notifications import reminders
from standards.notifications.models import Notification, Reminder
from standards.notifications.reminders import (
    Due,
    Message,
    ReminderSource,
    send_due_reminders,
    send_reminders_for,
    stage_on,
)
from standards.notifications.tasks import email_notification, send_reminders
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


@pytest.mark.django_db
def test_each_reminder_is_a_row_unique_on_who_what_due_date_and_stage(staff_member, psd_head):
    """The row an inspector lists: who was reminded of what, for which due date, at which
    stage, and the notice it sent. A new due date (next year's review) is a new row."""
    interest = BusinessInterestFactory(
        declarant=staff_member.person,
        status=InterestStatus.APPROVED,
        review_due=TODAY + dt.timedelta(days=20),
    )
    send_due_reminders(today=TODAY)
    send_due_reminders(today=TODAY + dt.timedelta(days=14))  # 6 days left: the 7-day reminder
    send_due_reminders(today=TODAY + dt.timedelta(days=14))

    rows = list(
        Reminder.objects.order_by("stage").values_list(
            "recipient", "source", "record_key", "step", "due_on", "stage"
        )
    )
    due_on = TODAY + dt.timedelta(days=20)
    record = f"interests.businessinterest:{interest.pk}"
    assert rows == [
        (staff_member.pk, "interest", record, "review", due_on, "30d"),
        (staff_member.pk, "interest", record, "review", due_on, "7d"),
    ]
    assert all(r.notification.recipient_id == staff_member.pk for r in Reminder.objects.all())
    with pytest.raises(IntegrityError), transaction.atomic():
        first = Reminder.objects.first()
        Reminder.objects.create(
            recipient=first.recipient,
            source=first.source,
            record_key=first.record_key,
            step=first.step,
            due_on=first.due_on,
            stage=first.stage,
            notification=Notification.objects.create(
                recipient=first.recipient, key="another", subject="S"
            ),
        )

    # The review is done and the next one is a year on: a new due date starts afresh.
    interest.review_due = due_on + dt.timedelta(days=365)
    interest.save()
    assert send_due_reminders(today=interest.review_due - dt.timedelta(days=30)) == 1
    assert Reminder.objects.filter(due_on=interest.review_due, stage="30d").count() == 1


@pytest.mark.django_db
def test_a_reminder_already_written_by_another_worker_is_not_sent_again(staff_member):
    """The race's losing side: the notice is there (another worker committed it first), so
    this run finds it inside its savepoint, writes nothing and carries on with the next."""
    person = staff_member.person
    source = ReminderSource(
        name="race",
        step="renew",
        due=lambda *, today, until: [
            Due(record=person, due_on=today + dt.timedelta(days=d), remind=[staff_member])
            for d in (3, 4)
        ],
        reminder=lambda due: Message(subject="due", body="", url="/my/"),
        escalation=lambda due: Message(subject="due", body="", url="/my/"),
    )
    Notification.objects.create(
        recipient=staff_member,
        key=f"race-{person.pk}-renew-{TODAY + dt.timedelta(days=3)}-7d",
        subject="written by the other worker",
    )
    with transaction.atomic():
        assert send_reminders_for(source, today=TODAY) == 1
    assert Notification.objects.count() == 2
    assert Reminder.objects.count() == 1


@pytest.mark.django_db
def test_send_reminders_command_prints_the_counts_and_is_safe_to_rerun(staff_member):
    BusinessInterestFactory(
        declarant=staff_member.person,
        status=InterestStatus.APPROVED,
        review_due=TODAY + dt.timedelta(days=5),
    )
    out = io.StringIO()
    call_command("send_reminders", today=TODAY.isoformat(), stdout=out)
    printed = out.getvalue()
    assert "22 November 2026" in printed
    assert re.search(r"interest\s+1 sent", printed)
    assert re.search(r"total\s+1 sent", printed)

    again = io.StringIO()
    call_command("send_reminders", "--today", TODAY.isoformat(), stdout=again)
    assert re.search(r"total\s+0 sent", again.getvalue())
    assert Notification.objects.count() == 1


def test_send_reminders_command_explains_a_bad_date():
    with pytest.raises(CommandError, match="2026-11-30"):
        call_command("send_reminders", today="30/11/2026", stdout=io.StringIO())


@pytest.mark.django_db
def test_the_task_takes_the_day_by_hand(staff_member):
    BusinessInterestFactory(
        declarant=staff_member.person,
        status=InterestStatus.APPROVED,
        review_due=TODAY + dt.timedelta(days=5),
    )
    assert send_reminders.run(today=TODAY.isoformat()) == 1
    assert send_reminders.run(today=TODAY.isoformat()) == 0


@pytest.mark.django_db
def test_a_refused_email_gives_its_claim_back_for_the_retry(staff_member, monkeypatch):
    staff_member.email = "pc.example@force.example"
    staff_member.save()
    notice = Notification.objects.create(recipient=staff_member, key="x", subject="S")

    def refuse(**kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("standards.notifications.tasks.send_mail", refuse)
    with pytest.raises(ConnectionRefusedError):
        email_notification.run(notice.pk)
    notice.refresh_from_db()
    assert notice.emailed_at is None
    monkeypatch.undo()
    assert email_notification.run(notice.pk) is True
    assert email_notification.run(notice.pk) is False
    assert len(mail.outbox) == 1
