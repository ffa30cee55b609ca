"""In-app notices (and the e-mail that points to them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def waiting(self):
        """Unread, and not already dealt with: what the badge in the header counts."""
        return self.unread().filter(done_at__isnull=True)

    def open_steps(self, *, record_key: str, steps):
        return self.filter(record_key=record_key, step__in=list(steps), done_at__isnull=True)


class Notification(models.Model):
    """A notice to one user: something landed in their queue, or a decision came back.

    ``key`` makes a notice idempotent: the same event notified twice (a task retried, a service
    called again) is one row and one e-mail. The e-mail never carries the notice's text, only a
    pointer to sign in: mail leaves the force's systems, and the corridor must not.

    A notice that asks for something names the record (``record_key``, "gifts.gift:42") and the
    step it asks for (``step``, "recommend"); the service that takes that step marks it done,
    for every recipient, whoever took it (``services.notifications_done``).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    key = models.CharField(max_length=200)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    record_key = models.CharField(max_length=100, blank=True)
    step = models.CharField(max_length=50, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            # The services' "mark done" looks notices up by record and step.
            models.Index(
                fields=["record_key", "step"],
                name="notification_open_step",
                condition=models.Q(done_at__isnull=True) & ~models.Q(step=""),
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def asks_for_a_step(self) -> bool:
        return bool(self.step)


class Reminder(models.Model):
    """One reminder sent: who (``recipient``), what (``source``, ``record_key``, ``step``), which
    due date (``due_on``) and which stage ("30d", "7d", "due-soon", "overdue").

    The unique constraint is what makes a reminder run safe to repeat: a rerun, a retried task
    or two workers racing on the same run all try to write the same row, and only one of them
    can (standards.notifications.reminders). The row points at the notice it sent, so an
    inspector can list every reminder sent, to whom and when, and whether it was dealt with.
    A new due date (next year's review, the next 4-weekly review) is a new row.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    source = models.CharField(max_length=40)
    record_key = models.CharField(max_length=100)
    step = models.CharField(max_length=50)
    due_on = models.DateField()
    stage = models.CharField(max_length=30)
    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, related_name="reminder"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "source", "record_key", "step", "due_on", "stage"],
                name="reminder_once_per_stage",
            )
        ]
        indexes = [models.Index(fields=["source", "record_key"])]

    def __str__(self) -> str:
        return f"{self.source} {self.record_key} {self.step} due {self.due_on} ({self.stage})"
