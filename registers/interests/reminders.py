"""Annual reviews of approved business interests: reminders before, escalation after.

Business interests are not corridor material, so an overdue review goes to the member's line
manager as well as to the register's owner (the PSD decision makers).
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from registers.interests.models import BusinessInterest
from standards.access.roles import Role
from standards.accounts.models import User
from standards.notifications.services import notify

REMINDER_DAYS = (7, 30)


def interest_send_review_reminders(*, today: dt.date) -> int:
    """Remind members 30 and 7 days before an approved interest's annual review; escalate an
    overdue one. Returns the notices created.

    Idempotent: each notice's key names the interest, its review date and the step, so a rerun
    or a retried task sends nothing twice, and next year's review starts afresh.
    """
    created = 0
    approved = BusinessInterest.objects.approved().filter(review_due__isnull=False)
    horizon = today + dt.timedelta(days=max(REMINDER_DAYS))
    logins = _logins_by_person(approved.values_list("declarant_id", flat=True))
    for interest in approved.filter(review_due__gte=today, review_due__lte=horizon):
        step = min(d for d in REMINDER_DAYS if interest.review_due <= today + dt.timedelta(d))
        created += len(
            notify(
                recipients=logins.get(interest.declarant_id, []),
                key=f"interest-{interest.pk}-review-{interest.review_due}-{step}d",
                subject="Your business interest is due for its annual review",
                body=f"Your approval for {interest.organisation} is reviewed by "
                f"{interest.review_due:%-d %B %Y}. Check your answers still describe it, or end "
                "it if you have given it up.",
                url=reverse("my_interests:detail", kwargs={"pk": interest.pk}),
            )
        )
    overdue = list(approved.filter(review_due__lt=today).select_related("declarant"))
    if overdue:
        owners = list(
            User.objects.filter(groups__name=Role.PSD_DECISION_MAKER.value, is_active=True)
        )
        managers = _logins_by_person(i.declarant.line_manager_id for i in overdue)
        for interest in overdue:
            recipients = [u for u in owners if u.person_id != interest.declarant_id]
            recipients += managers.get(interest.declarant.line_manager_id, [])
            created += len(
                notify(
                    recipients=recipients,
                    key=f"interest-{interest.pk}-review-{interest.review_due}-overdue",
                    subject="A business interest's annual review is overdue",
                    body=f"The review was due on {interest.review_due:%-d %B %Y}.",
                    url=reverse("interests:detail", kwargs={"pk": interest.pk}),
                )
            )
    return created


def _logins_by_person(person_ids) -> dict[int, list[User]]:
    logins: dict[int, list[User]] = {}
    for user in User.objects.filter(person_id__in=set(filter(None, person_ids)), is_active=True):
        logins.setdefault(user.person_id, []).append(user)
    return logins
