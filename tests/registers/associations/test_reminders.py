"""Annual reviews of notifiable associations: the member is reminded, the head of the CCU is told
when one is overdue, the line manager never hears of it, and nothing goes twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from registers.associations import services
from registers.associations.models import Risk
from standards.notifications.models import Notification
from standards.notifications.reminders import send_due_reminders
from standards.notifications.tasks import send_reminders
from tests.registers.associations.factories import live_association

pytestmark = pytest.mark.django_db


def test_review_reminders_go_to_the_member_then_the_head_never_the_line_manager(
    staff_member, line_manager, ccu_head, ccu_analyst
):
    staff_member.person.line_manager = line_manager.person
    staff_member.person.save()
    today = timezone.localdate()
    soon = live_association(declarant=staff_member.person, review_due=today + dt.timedelta(days=20))
    overdue = live_association(
        declarant=staff_member.person, review_due=today - dt.timedelta(days=3)
    )
    live_association(declarant=staff_member.person, review_due=today + dt.timedelta(days=200))

    created = send_due_reminders(today=today)

    assert created == 2
    assert Notification.objects.get(recipient=staff_member).key == (
        f"association-{soon.pk}-review-{soon.review_due}-30d"
    )
    escalation = Notification.objects.get(recipient=ccu_head)
    assert escalation.url.endswith(f"/{overdue.pk}/")
    assert escalation.subject == f"Notifiable association {overdue.pk}: annual review overdue"
    assert not Notification.objects.filter(recipient__in=[line_manager, ccu_analyst]).exists()
    # Rerunning the same day sends nothing twice; a week before, the 7-day reminder goes.
    assert send_due_reminders(today=today) == 0
    week_before = soon.review_due - dt.timedelta(days=7)
    assert send_due_reminders(today=week_before) == 1


def test_the_head_of_the_ccu_is_not_told_of_their_own_overdue_review(ccu_head):
    live_association(
        declarant=ccu_head.person, review_due=timezone.localdate() - dt.timedelta(days=1)
    )
    assert send_due_reminders(today=timezone.localdate()) == 0


def test_the_daily_task_sends_the_reminders(staff_member):
    live_association(
        declarant=staff_member.person, review_due=timezone.localdate() + dt.timedelta(days=5)
    )
    assert send_reminders() == 1
    assert send_reminders() == 0  # a retried or repeated run sends nothing


def test_a_new_assessment_closes_the_overdue_review(staff_member, ccu_head, ccu_analyst):
    today = timezone.localdate()
    association = live_association(
        declarant=staff_member.person, review_due=today - dt.timedelta(days=3)
    )
    send_due_reminders(today=today)
    services.association_assess(
        association=association,
        risk=Risk.LOW,
        rationale="Contact has stopped.",
        advice="Tell us if it starts again.",
        next_review_on=today + dt.timedelta(days=365),
        acting_user=ccu_analyst,
    )
    assert Notification.objects.get(recipient=ccu_head).done_at is not None
