"""The access log: an append-only record of every read of a sensitive record.

Together with each model's history (django-simple-history) it covers the Data Protection Act
2018 s.62 logging duty: collection and alteration are in the history; consultation, disclosure,
combination and erasure are here. Rows are never changed or removed: the model refuses, and on
PostgreSQL and SQLite a database trigger refuses too (migrations 0003 and 0005), so not even raw
SQL can.

A row written by a member of the Counter Corruption Unit (CCU), or about CCU material, is opaque
to the auditor: had it named the person a CCU analyst looked up, the auditor could tie it to the
opaque row of the intelligence read in the same second. Its full details go into
``AccessLogDetail``, which only the CCU head reads.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class AccessAction(models.TextChoices):
    CONSULTATION = "consultation", "Consultation (viewed)"
    # A change to who may see what (a role granted or removed, a sign-in reset): the record's own
    # history holds the change; this row puts it in the same log as the reads it enables.
    ALTERATION = "alteration", "Alteration (access changed)"
    DISCLOSURE = "disclosure", "Disclosure (exported or sent)"
    SEARCH = "search", "Search"
    COMBINATION = "combination", "Combination (cross-checked)"
    JUSTIFICATION = "justification", "Justification given (break glass)"
    ERASURE = "erasure", "Erasure"


class Area(models.TextChoices):
    """Which side of the sterile corridor a record belongs to."""

    PEOPLE = "people", "Staff directory"
    REGISTERS = "registers", "Registers"
    PSD = "psd", "Professional Standards"
    CCU = "ccu", "Counter Corruption Unit"
    AUDIT = "audit", "Audit"
    ACCOUNTS = "accounts", "Accounts and roles"
    BOARD = "board", "Integrity board"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The access log is append-only: rows cannot be updated.")

    def delete(self):
        raise TypeError("The access log is append-only: rows cannot be deleted.")


class AccessLogEntry(models.Model):
    """Who read what, when, from which page, and why if they were asked.

    For CCU material, and for anything a CCU member reads, the row holds only an opaque reference
    (``record_ref``), never the record's title or subject, so the auditor reading the log learns
    nothing the corridor hides; the details are in the row's ``AccessLogDetail``.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=AccessAction.choices)
    area = models.CharField(max_length=20, choices=Area.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    record_ref = models.CharField(max_length=64, blank=True, db_index=True)
    record_label = models.CharField(max_length=300, blank=True)
    view_name = models.CharField(max_length=200, blank=True)
    justification = models.TextField(blank=True)
    recipient = models.CharField(max_length=300, blank=True)
    search_terms = models.CharField(max_length=300, blank=True)
    result_count = models.PositiveIntegerField(null=True, blank=True)
    request_id = models.CharField(max_length=32, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["user", "at"]),
            models.Index(fields=["content_type", "object_id", "at"]),
            models.Index(fields=["action", "at"]),
        ]
        verbose_name = "access log entry"
        verbose_name_plural = "access log"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.action} {self.record_ref}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not self._state.adding:
            raise TypeError("The access log is append-only: rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The access log is append-only: rows cannot be deleted.")


class AccessLogDetail(models.Model):
    """The full details of an access-log row that the auditor sees only as opaque.

    One to one with its ``AccessLogEntry``, written in the same transaction, append-only like it.
    Only the CCU head's audit page reads it; the auditor's selectors never do.
    """

    entry = models.OneToOneField(
        AccessLogEntry,
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="detail",
    )
    area = models.CharField(max_length=20, choices=Area.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    record_ref = models.CharField(max_length=64, blank=True, db_index=True)
    record_label = models.CharField(max_length=300, blank=True)
    view_name = models.CharField(max_length=200, blank=True)
    justification = models.TextField(blank=True)
    recipient = models.CharField(max_length=300, blank=True)
    search_terms = models.CharField(max_length=300, blank=True)
    request_id = models.CharField(max_length=32, blank=True)
    # Who, when the auditor's row must not say: a member reading their own CCU record (a
    # notifiable association) from outside the CCU. Their name beside a CCU reference would tell
    # the auditor they have one.
    username = models.CharField(max_length=150, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "access log detail"
        verbose_name_plural = "access log details"

    def __str__(self) -> str:
        return f"Details of access log entry {self.entry_id}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise TypeError("The access log is append-only: rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The access log is append-only: rows cannot be deleted.")
