"""Sending notices: in the service, and by e-mail on commit; closing them when the work is done.

How an area uses it (the services that change its records):

- ``notify(recipients=..., key=..., subject="waiting for your recommendation", record=gift,
  step="recommend", url=...)``: the notice reads "GH-000449: waiting for your recommendation" and
  links to ``url``. ``step`` names what the notice asks the recipient to do; leave it empty for a
  notice that only tells them something ("decision recorded").
- ``notifications_done(record=gift, steps=("recommend",))``, inside the service that takes the
  step: every open notice asking for that step on that record is done, whoever took it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models, transaction
from django.utils import timezone
from django.utils.text import capfirst

from standards.notifications.models import Notification


def record_key(record: models.Model) -> str:
    """How a notice names its record: "gifts.gift:42" (app label, model, primary key)."""
    return f"{record._meta.label_lower}:{record.pk}"


def record_reference(record: models.Model) -> str:
    """The words a notice opens with: the record's own reference where it has one ("GH-000449",
    "BI-00230"), otherwise its kind and number ("Notifiable association 12"), never its
    content, so a notice about CCU material says no more than that the record exists."""
    reference = getattr(record, "reference", None)
    if isinstance(reference, str) and reference:
        return reference
    return f"{capfirst(record._meta.verbose_name)} {record.pk}"


def notify(
    *,
    recipients: Iterable,
    key: str,
    subject: str,
    body: str = "",
    url: str = "",
    record: models.Model | None = None,
    step: str = "",
) -> list[Notification]:
    """Notify each recipient once per ``key``; the e-mail goes after the transaction commits.

    With ``record``, the subject is prefixed with the record's reference and the notice is
    linked to it, so ``notifications_done`` can close it when ``step`` is taken.
    """
    from standards.notifications.tasks import email_notification

    if step and record is None:
        raise ValueError("A notice that asks for a step must name its record")
    if record is not None:
        subject = f"{record_reference(record)}: {subject}"
    fields = {
        "subject": subject[:200],
        "body": body,
        "url": url[:300],
        "record_key": record_key(record) if record is not None else "",
        "step": step,
    }
    created: list[Notification] = []
    for user in {u.pk: u for u in recipients if u is not None and u.is_active}.values():
        notification, was_created = Notification.objects.get_or_create(
            recipient=user, key=key, defaults=fields
        )
        if was_created:
            created.append(notification)
            email_notification.delay_on_commit(notification.pk)
    return created


def notifications_done(*, record: models.Model, steps: Iterable[str]) -> int:
    """Mark done every open notice asking for one of ``steps`` on ``record``, for every
    recipient: the step has been taken, by them or by anyone else entitled to take it.

    Call it inside the service's transaction, so a step that fails closes nothing. A notice is
    not a history-tracked model (tests/core/test_history.py), so one UPDATE does it.
    """
    return Notification.objects.open_steps(record_key=record_key(record), steps=steps).update(
        done_at=timezone.now()
    )


@transaction.atomic
def notification_mark_read(*, notification: Notification, acting_user) -> None:
    if notification.recipient_id != acting_user.pk:
        raise PermissionError("A notice can be marked read only by its recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
