"""Background work for notices: the e-mail for each, and the daily reminders. Thin, idempotent,
retried with backoff."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import OperationalError, transaction
from django.utils import timezone

from standards.notifications.models import Notification
from standards.notifications.reminders import send_due_reminders


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 5}
)
def email_notification(notification_id: int) -> bool:
    """Send the e-mail for one notice, once. A claim by conditional update means two workers that
    receive the same task never both send it."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient__person")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        address = notification.recipient.email or (
            notification.recipient.person.email if notification.recipient.person_id else ""
        )
        if not address:
            return False
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
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_kwargs={"max_retries": 5},
)
def send_reminders() -> int:
    """Daily: every area's reminders and escalations (standards.notifications.reminders). Safe
    to run twice, or to retry after a failure: each notice has a unique key."""
    return send_due_reminders(today=timezone.localdate())
