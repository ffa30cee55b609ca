"""Annual reviews of approved business interests: reminders at 30 and 7 days, escalation when
overdue, never twice, and closed when the review is recorded."""

from __future__ import annotations

import datetime as dt

import pytest

from registers.interests import services
from registers.interests.models import DecisionOutcome, InterestStatus
from standards.notifications.models import Notification
from standards.notifications.reminders import send_due_reminders
from tests.registers.interests.factories import BusinessInterestFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)


def _approved(member, days_to_review: int, status=InterestStatus.APPROVED):
    return BusinessInterestFactory(
        declarant=member.person,
        status=status,
        review_due=TODAY + dt.timedelta(days=days_to_review),
    )


def _keys(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("key", flat=True))


def test_member_is_reminded_at_30_and_7_days_once_each(staff_member):
    interest = _approved(staff_member, 25)
    assert send_due_reminders(today=TODAY) == 1
    assert send_due_reminders(today=TODAY) == 0  # a rerun sends nothing
    assert send_due_reminders(today=TODAY + dt.timedelta(days=20)) == 1
    assert sorted(_keys(staff_member)) == [
        f"interest-{interest.pk}-review-{interest.review_due}-30d",
        f"interest-{interest.pk}-review-{interest.review_due}-7d",
    ]
    notice = Notification.objects.filter(recipient=staff_member).first()
    assert notice.subject.startswith(f"{interest.reference}: annual review due on ")
    assert notice.url == f"/my/interests/{interest.pk}/"


def test_reviews_far_off_or_not_approved_send_nothing(staff_member):
    _approved(staff_member, 90)
    _approved(staff_member, 10, status=InterestStatus.REFUSED)
    assert send_due_reminders(today=TODAY) == 0


def test_overdue_review_goes_to_the_line_manager_and_psd(staff_member, line_manager, psd_head):
    staff_member.person.line_manager = line_manager.person
    staff_member.person.save()
    interest = _approved(staff_member, -3, status=InterestStatus.APPROVED_WITH_CONDITIONS)
    assert send_due_reminders(today=TODAY) == 2
    overdue = f"interest-{interest.pk}-review-{interest.review_due}-overdue"
    assert _keys(line_manager) == [overdue]
    assert _keys(psd_head) == [overdue]
    assert _keys(staff_member) == []
    assert send_due_reminders(today=TODAY) == 0


def test_a_decision_maker_is_not_told_of_their_own_overdue_review(psd_head):
    _approved(psd_head, -1)
    send_due_reminders(today=TODAY)
    assert _keys(psd_head) == []


def test_the_reminders_are_done_when_psd_records_the_review(staff_member, line_manager, psd_head):
    staff_member.person.line_manager = line_manager.person
    staff_member.person.save()
    interest = _approved(staff_member, -3)
    send_due_reminders(today=TODAY)
    assert Notification.objects.filter(done_at__isnull=True).count() == 2
    services.interest_review(
        interest=interest,
        outcome=DecisionOutcome.COMPATIBLE,
        rationale="Still a swimming instructor, still no conflict.",
        acting_user=psd_head,
    )
    escalations = Notification.objects.filter(key__endswith="-overdue")
    assert escalations.count() == 2
    assert not escalations.filter(done_at__isnull=True).exists()


def test_the_reminders_are_done_when_the_member_ends_the_interest(staff_member):
    interest = _approved(staff_member, 5)
    interest.start_date = dt.date.today() - dt.timedelta(days=400)
    interest.save()
    send_due_reminders(today=TODAY)
    services.interest_end(
        interest=interest,
        ended_on=dt.date.today(),
        reason="I have stopped.",
        acting_user=staff_member,
    )
    assert Notification.objects.get(recipient=staff_member).done_at is not None
