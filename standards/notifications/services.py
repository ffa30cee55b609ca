"""Sending notices: in the service, and by e-mail on commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from standards.notifications.models import Notification


def notify(
    *, recipients: Iterable, key: str, subject: str, body: str = "", url: str = ""
) -> list[Notification]:
    """Notify each recipient once per ``key``; the e-mail goes after the transaction commits."""
    from standards.notifications.tasks import email_notification

    created: list[Notification] = []
    for user in {u.pk: u for u in recipients if u is not None and u.is_active}.values():
        notification, was_created = Notification.objects.get_or_create(
            recipient=user,
            key=key,
            defaults={"subject": subject[:200], "body": body, "url": url[:300]},
        )
        if was_created:
            created.append(notification)
            email_notification.delay_on_commit(notification.pk)
    return created


@transaction.atomic
def notification_mark_read(*, notification: Notification, acting_user) -> None:
    if notification.recipient_id != acting_user.pk:
        raise PermissionError("A notice can be marked read only by its recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
