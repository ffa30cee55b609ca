"""Annual reviews of live notifiable associations: what falls due and who is reminded.

Registered with ``standards.notifications.reminders`` (AssociationsConfig.ready), which sends the
member's reminders 30 and 7 days before and the escalation once overdue. The association is
corridor material, so an overdue review is escalated inside the CCU only, to the head of the CCU:
never to the member's line manager, who must not learn that the association exists. The
reminders close when the CCU assesses it again or the member ends it.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from registers.associations.models import NotifiableAssociation
from standards.access.roles import Role
from standards.accounts.models import User
from standards.notifications.reminders import Due, Message, ReminderSource


def _due(*, today: dt.date, until: dt.date) -> list[Due]:
    associations = list(
        NotifiableAssociation.objects.live()
        .filter(review_due__isnull=False, review_due__lte=until)
        .order_by("review_due", "pk")
    )
    logins: dict[int, list[User]] = {}
    for user in User.objects.filter(
        person_id__in={a.declarant_id for a in associations}, is_active=True
    ):
        logins.setdefault(user.person_id, []).append(user)
    heads = list(User.objects.filter(groups__name=Role.CCU_HEAD.value, is_active=True))
    return [
        Due(
            record=association,
            due_on=association.review_due,
            remind=logins.get(association.declarant_id, []),
            # The head of the CCU never reviews their own declaration.
            escalate=[head for head in heads if head.person_id != association.declarant_id],
        )
        for association in associations
    ]


def _reminder(due: Due) -> Message:
    return Message(
        subject=f"your declaration is due for review on {due.due_on:%-d %B %Y}",
        body=f"The Counter Corruption Unit will review your declaration by "
        f"{due.due_on:%-d %B %Y}. Check your answers are still right, and change them if "
        "anything has changed.",
        url=reverse("my_associations:detail", kwargs={"pk": due.record.pk}),
    )


def _escalation(due: Due) -> Message:
    return Message(
        subject="annual review overdue",
        body=f"The review was due on {due.due_on:%-d %B %Y}.",
        url=reverse("associations:detail", kwargs={"pk": due.record.pk}),
    )


ANNUAL_REVIEWS = ReminderSource(
    name="association",
    step="review",
    due=_due,
    reminder=_reminder,
    escalation=_escalation,
)
