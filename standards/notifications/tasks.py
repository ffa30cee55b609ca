"""Background work for notices: the e-mail for each, and the daily reminders. Thin, idempotent,
retried with backoff."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import OperationalError
from django.utils import timezone

from standards.notifications.models import Notification
from standards.notifications.reminders import send_due_reminders


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 5}
)
def email_notification(notification_id: int) -> bool:
    """Send the e-mail for one notice, once.

    The notice is claimed first by a conditional update (``emailed_at`` set where it is still
    empty), committed before the e-mail goes: of two workers given the same task (a redelivery,
    a duplicate) only the one whose update changed the row sends. A mail server that refuses
    gives the claim back for the retry. A worker killed between the claim and the send loses
    that e-mail rather than risk sending it twice; the notice itself is in the service, and the
    e-mail only says "sign in".
    """
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient__person").get(pk=notification_id)
    address = notification.recipient.email or (
        notification.recipient.person.email if notification.recipient.person_id else ""
    )
    if not address:
        return False
    try:
        send_mail(
            subject=f"{settings.SERVICE_NAME}: you have a new notice",
            message=(
                "Something needs your attention in "
                f"{settings.SERVICE_NAME}. Sign in to read it.\n\n"
                "This e-mail does not say what it is about, on purpose."
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[address],
        )
    except OSError:
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)
        raise
    return True


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_kwargs={"max_retries": 5},
)
def send_reminders(today: str | None = None) -> int:
    """Daily: every area's reminders and escalations (standards.notifications.reminders). Safe
    to run twice, at once on two workers, or again after a worker died: each reminder is a row
    with a unique key. ``today`` ("2026-11-30") is for a run by hand; the beat gives none."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return send_due_reminders(today=day)
