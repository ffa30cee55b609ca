"""Intelligence reports: what the CCU knows, graded, categorised and linked.

A report keeps two texts apart. The **original** (``ReportSource``: the words as received and who
or what the source is) is seen only by the head of the CCU and the report's owner. The
**sanitised** text is what analysts work from, what search indexes, and the only text that may
ever leave the CCU (in a sanitised referral, through ``standards.exchange``).

Every report sits in an operation (a compartment: analysts see it only when granted the
operation) or, with ``operation`` empty, in the general intake every CCU analyst works.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

REFERENCE_PREFIX = "IR"


class Route(models.TextChoices):
    """How the intelligence reached the CCU (DOMAIN.md: sources of intelligence)."""

    CONFIDENTIAL_LINE = "confidential_line", "Confidential reporting line"
    LINE_MANAGER = "line_manager", "Line manager"
    SYSTEMS_AUDIT = "systems_audit", "Audit of force systems"
    COMPLAINT = "complaint", "Complaint"
    EXTERNAL_AGENCY = "external_agency", "External agency"
    OTHER_FORCE = "other_force", "Other force"
    VETTING = "vetting", "Vetting"


class ReportStatus(models.TextChoices):
    """Where a report stands; set by triage (``TriageDecision``), never edited directly."""

    NEW = "new", "Awaiting triage"
    DEVELOP = "develop", "Being developed"
    INTERVENTION = "intervention", "Management intervention"
    REFERRED = "referred", "Referred to PSD"
    COVERT = "covert", "Covert investigation"
    CLOSED = "closed", "No further action"


REPORT_STATUS_COLOURS = {
    ReportStatus.NEW: "blue",
    ReportStatus.DEVELOP: "purple",
    ReportStatus.INTERVENTION: "orange",
    ReportStatus.REFERRED: "turquoise",
    ReportStatus.COVERT: "pink",
    ReportStatus.CLOSED: "grey",
}


class IntelligenceReport(models.Model):
    received_on = models.DateField(db_index=True)
    route = models.CharField(max_length=20, choices=Route.choices)
    operation = models.ForeignKey(
        "ccu.Operation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        help_text="Empty: the report is in the general intake.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The analyst responsible for the report; with the head, the only reader of "
        "the original text and source.",
    )
    sanitised_text = models.TextField(
        blank=True, help_text="What the CCU may work from and, if referred, what PSD receives."
    )
    status = models.CharField(
        max_length=20, choices=ReportStatus.choices, default=ReportStatus.NEW, db_index=True
    )
    # The current grading's code ("2BP", or "B24" for an imported 5x5x5 grade), kept here so a
    # list sorts and filters on it in SQL; ``Grading`` rows hold every grading with who and why.
    grade = models.CharField(max_length=12, blank=True)
    categories = models.ManyToManyField(
        "ccu.CorruptionCategory", blank=True, related_name="reports"
    )
    subjects = models.ManyToManyField(
        "people.Person", through="ccu.ReportSubject", blank=True, related_name="+"
    )
    # Full-text search over the sanitised text (PostgreSQL; kept up to date by the services).
    search_document = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(m2m_fields=[categories])

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["-received_on", "-id"], name="ccu_report_listing_idx"),
            models.Index(
                fields=["operation", "-received_on", "-id"], name="ccu_report_operation_idx"
            ),
            models.Index(fields=["status", "received_on"], name="ccu_report_status_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"{REFERENCE_PREFIX}-{self.pk:06d}" if self.pk else f"{REFERENCE_PREFIX}-new"

    @property
    def status_colour(self) -> str:
        return REPORT_STATUS_COLOURS[ReportStatus(self.status)]

    @property
    def in_intake(self) -> bool:
        return self.operation_id is None


class ReportSource(models.Model):
    """The report as received, and its source: for the head of the CCU and the report's owner
    only (``ccu.rules``). Never indexed, never exported, never sent across the corridor."""

    report = models.OneToOneField(
        IntelligenceReport, on_delete=models.CASCADE, related_name="source"
    )
    original_text = models.TextField()
    source_details = models.TextField(
        blank=True, help_text="Who or what the source is, and how to reach them."
    )

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Source of {self.report}"


class ReportSubject(models.Model):
    """A member of the workforce a report is about, linked with a reason."""

    report = models.ForeignKey(
        IntelligenceReport, on_delete=models.CASCADE, related_name="report_subjects"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=300)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    linked_on = models.DateField(default=timezone.localdate)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "person"], name="ccu_report_subject_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.report}"


class GradingScheme(models.TextChoices):
    CURRENT = "3x5x2", "3x5x2"
    HISTORIC = "5x5x5", "5x5x5 (historic, imported)"


class SourceEvaluation(models.TextChoices):
    RELIABLE = "1", "1: reliable"
    UNTESTED = "2", "2: untested"
    NOT_RELIABLE = "3", "3: not reliable"


class IntelligenceAssessment(models.TextChoices):
    DIRECT = "A", "A: known directly to the source"
    CORROBORATED = "B", "B: known indirectly but corroborated"
    INDIRECT = "C", "C: known indirectly"
    NOT_KNOWN = "D", "D: not known"
    SUSPECTED_FALSE = "E", "E: suspected to be false"


class HandlingCode(models.TextChoices):
    PERMITTED = "P", "P: lawful sharing permitted"
    CONDITIONS = "C", "C: lawful sharing with conditions"


class Grading(models.Model):
    """One grading of a report. A re-grade supersedes the current one (``superseded_at``, with
    who and why) and never overwrites it. A 5x5x5 grading is historic, imported as it was given:
    source A-E, intelligence 1-5, handling 1-5."""

    report = models.ForeignKey(
        IntelligenceReport, on_delete=models.CASCADE, related_name="gradings"
    )
    scheme = models.CharField(
        max_length=5, choices=GradingScheme.choices, default=GradingScheme.CURRENT
    )
    source_evaluation = models.CharField(max_length=1)
    intelligence_assessment = models.CharField(max_length=1)
    handling_code = models.CharField(max_length=1)
    handling_conditions = models.TextField(
        blank=True, help_text="The conditions on sharing; required when the handling code is C."
    )
    rationale = models.TextField(blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    graded_at = models.DateTimeField(default=timezone.now)
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    superseded_reason = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-graded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=models.Q(superseded_at__isnull=True),
                name="ccu_grading_one_current",
            )
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        """ "2BP" (3x5x2: source, intelligence, handling) or "B24" (a historic 5x5x5 grade)."""
        return f"{self.source_evaluation}{self.intelligence_assessment}{self.handling_code}"


class ReportNote(models.Model):
    """The CCU's internal note on a report. Messages to a confidential-line reporter are kept
    apart (``LineMessage``): nothing written here can reach the reporter."""

    report = models.ForeignKey(IntelligenceReport, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self) -> str:
        return f"Note on {self.report}"


class NominalKind(models.TextChoices):
    PERSON = "person", "Person outside the force"
    ORGANISATION = "organisation", "Organisation"
    PHONE = "phone", "Phone number"
    VEHICLE = "vehicle", "Vehicle"
    ADDRESS = "address", "Address"


class Nominal(models.Model):
    """An entity outside the workforce the CCU holds intelligence on. Like a report, it sits in
    an operation (seen only by those granted it) or in the general index (every CCU analyst)."""

    kind = models.CharField(max_length=20, choices=NominalKind.choices)
    name = models.CharField(
        max_length=200, help_text="The name, number, registration or address as recorded."
    )
    # Lower case, punctuation and spacing removed (ccu.matching.normalise): what search and the
    # duplicate suggestions compare.
    normalised = models.CharField(max_length=200, db_index=True, editable=False)
    date_of_birth = models.DateField(null=True, blank=True)
    details = models.TextField(blank=True)
    operation = models.ForeignKey(
        "ccu.Operation", on_delete=models.PROTECT, null=True, blank=True, related_name="nominals"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_on = models.DateField(default=timezone.localdate)
    # A duplicate merged into another keeps its row (and history); its links move over.
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    search_document = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["kind", "normalised"], name="ccu_nominal_kind_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def reference(self) -> str:
        return f"NM-{self.pk:06d}" if self.pk else "NM-new"


class NominalLink(models.Model):
    """A nominal linked to a report, with the reason."""

    report = models.ForeignKey(
        IntelligenceReport, on_delete=models.CASCADE, related_name="nominal_links"
    )
    nominal = models.ForeignKey(Nominal, on_delete=models.PROTECT, related_name="links")
    reason = models.CharField(max_length=300)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    linked_on = models.DateField(default=timezone.localdate)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "nominal"], name="ccu_nominal_link_once")
        ]

    def __str__(self) -> str:
        return f"{self.nominal} on {self.report}"
