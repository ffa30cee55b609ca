"""Annual reviews of approved business interests: what falls due and who is reminded.

Registered with ``standards.notifications.reminders`` (InterestsConfig.ready), which sends the
member's reminders 30 and 7 days before and the escalation once overdue. Business interests are
not corridor material, so an overdue review goes to the member's line manager as well as to the
register's owner (the PSD decision makers). The reminders close when PSD records the review or
the member ends the interest (services.interest_review, services.interest_end).
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from registers.interests.models import BusinessInterest
from standards.access.roles import Role
from standards.accounts.models import User
from standards.notifications.reminders import Due, Message, ReminderSource


def _logins_by_person(person_ids) -> dict[int, list[User]]:
    logins: dict[int, list[User]] = {}
    for user in User.objects.filter(person_id__in=set(filter(None, person_ids)), is_active=True):
        logins.setdefault(user.person_id, []).append(user)
    return logins


def _due(*, today: dt.date, until: dt.date) -> list[Due]:
    interests = list(
        BusinessInterest.objects.approved()
        .filter(review_due__isnull=False, review_due__lte=until)
        .select_related("declarant")
        .order_by("review_due", "pk")
    )
    overdue = [interest for interest in interests if interest.review_due < today]
    owners = (
        list(User.objects.filter(groups__name=Role.PSD_DECISION_MAKER.value, is_active=True))
        if overdue
        else []
    )
    logins = _logins_by_person(
        [interest.declarant_id for interest in interests]
        + [interest.declarant.line_manager_id for interest in overdue]
    )
    return [
        Due(
            record=interest,
            due_on=interest.review_due,
            remind=logins.get(interest.declarant_id, []),
            # A decision maker is never told of their own overdue review.
            escalate=[u for u in owners if u.person_id != interest.declarant_id]
            + logins.get(interest.declarant.line_manager_id, []),
        )
        for interest in interests
    ]


def _reminder(due: Due) -> Message:
    interest = due.record
    return Message(
        subject=f"annual review due on {due.due_on:%-d %B %Y}",
        body=f"Your approval for {interest.organisation} is reviewed by "
        f"{due.due_on:%-d %B %Y}. Check your answers still describe it, or end it if you have "
        "given it up.",
        url=reverse("my_interests:detail", kwargs={"pk": interest.pk}),
    )


def _escalation(due: Due) -> Message:
    return Message(
        subject="annual review overdue",
        body=f"The review of this business interest was due on {due.due_on:%-d %B %Y}.",
        url=reverse("interests:detail", kwargs={"pk": due.record.pk}),
    )


ANNUAL_REVIEWS = ReminderSource(
    name="interest",
    step="review",
    due=_due,
    reminder=_reminder,
    escalation=_escalation,
)
