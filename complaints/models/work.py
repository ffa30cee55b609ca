"""The work on a case: actions, notes and documents."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from simple_history.models import HistoricalRecords

from complaints.models.case import Case
from complaints.models.reference import USER


def _document_storage() -> FileSystemStorage:
    # Outside the web root and without a URL: a document leaves only through the case's download
    # page, which asks the access policy and writes the access log.
    return FileSystemStorage(location=settings.CASE_DOCUMENT_ROOT, base_url=None)


class CaseAction(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="case_actions")
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["completed_on", "due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:60]


class CaseNote(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Note {self.pk}"


class CaseDocument(models.Model):
    """A document on the case, stored outside the web root and served only through the policy."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(storage=_document_storage, upload_to="cases/%Y/%m/")
    name = models.CharField(max_length=200)
    description = models.CharField(max_length=300, blank=True)
    media_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name
