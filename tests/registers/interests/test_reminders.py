"""Annual reviews of approved business interests: reminders at 30 and 7 days, escalation when
overdue, and never twice."""

from __future__ import annotations

import datetime as dt

import pytest

from registers.interests.models import InterestStatus
from registers.interests.reminders import interest_send_review_reminders
from standards.notifications.models import Notification
from tests.registers.interests.factories import BusinessInterestFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)


def _approved(member, days_to_review: int, status=InterestStatus.APPROVED):
    return BusinessInterestFactory(
        declarant=member.person,
        status=status,
        review_due=TODAY + dt.timedelta(days=days_to_review),
    )


def _subjects(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("key", flat=True))


def test_member_is_reminded_at_30_and_7_days_once_each(staff_member):
    interest = _approved(staff_member, 25)
    assert interest_send_review_reminders(today=TODAY) == 1
    assert interest_send_review_reminders(today=TODAY) == 0  # a rerun sends nothing
    assert interest_send_review_reminders(today=TODAY + dt.timedelta(days=20)) == 1
    assert sorted(_subjects(staff_member)) == [
        f"interest-{interest.pk}-review-{interest.review_due}-30d",
        f"interest-{interest.pk}-review-{interest.review_due}-7d",
    ]


def test_reviews_far_off_or_not_approved_send_nothing(staff_member):
    _approved(staff_member, 90)
    _approved(staff_member, 10, status=InterestStatus.REFUSED)
    assert interest_send_review_reminders(today=TODAY) == 0


def test_overdue_review_goes_to_the_line_manager_and_psd(staff_member, line_manager, psd_head):
    staff_member.person.line_manager = line_manager.person
    staff_member.person.save()
    interest = _approved(staff_member, -3, status=InterestStatus.APPROVED_WITH_CONDITIONS)
    assert interest_send_review_reminders(today=TODAY) == 2
    overdue = f"interest-{interest.pk}-review-{interest.review_due}-overdue"
    assert _subjects(line_manager) == [overdue]
    assert _subjects(psd_head) == [overdue]
    assert _subjects(staff_member) == []
    assert interest_send_review_reminders(today=TODAY) == 0


def test_a_decision_maker_is_not_told_of_their_own_overdue_review(psd_head):
    _approved(psd_head, -1)
    interest_send_review_reminders(today=TODAY)
    assert _subjects(psd_head) == []
