"""In-app notices (and the e-mail that points to them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A notice to one user: something landed in their queue, or a decision came back.

    ``key`` makes a notice idempotent: the same event notified twice (a task retried, a service
    called again) is one row and one e-mail. The e-mail never carries the notice's text, only a
    pointer to sign in: mail leaves the force's systems, and the corridor must not.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    key = models.CharField(max_length=200)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject
