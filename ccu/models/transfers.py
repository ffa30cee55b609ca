"""Transfer disclosures: the information pack HMICFRS recommended forces share when a member of
the workforce transfers (complaints and conduct history, business interests, notifiable
associations, a sanitised intelligence summary). An outgoing pack is produced as a PDF and
recorded as a disclosure with its recipient; an incoming transferee's pack is recorded against
them. The head of the CCU only."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


def _pack_storage() -> FileSystemStorage:
    # Outside the web root, like case documents: served only through the access policy.
    return FileSystemStorage(location=settings.CASE_DOCUMENT_ROOT, base_url=None)


class TransferDirection(models.TextChoices):
    OUTGOING = "outgoing", "Leaving for another force"
    INCOMING = "incoming", "Joining from another force"


class TransferDisclosure(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(max_length=10, choices=TransferDirection.choices)
    other_force = models.CharField(max_length=150)
    recipient = models.CharField(
        max_length=200, help_text="Who the pack was sent to or received from (name and role)."
    )
    intelligence_summary = models.TextField(
        blank=True, help_text="Sanitised: the only intelligence that leaves the force."
    )
    pack = models.FileField(storage=_pack_storage, upload_to="transfers/%Y/%m/", blank=True)
    pack_sha256 = models.CharField(max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_on = models.DateField(default=timezone.localdate)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_on", "-pk"]

    def __str__(self) -> str:
        return f"Transfer disclosure {self.pk}"
