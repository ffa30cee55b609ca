"""Runs of the cross-checks and what they find.

A ``CrossCheckRun`` is one run of one check: when it started and finished, how many rows it
compared, and how many findings were new, still open or resolved. A run is split into
``RunChunk``s that several workers can take at once; a chunk's findings and its "done" are
written in one transaction, so a worker that dies half way leaves nothing half-written and the
chunk is simply taken again.

A ``Finding`` has a stable ``key`` (the check and the records it matched): a rerun that finds the
same thing updates it, never duplicates it, and a finding no longer found is resolved by the run
that no longer finds it. A person works each open finding to a ``Disposition`` with a rationale;
each decision is a ``FindingDecision`` row that is never changed, so who decided what and why is
kept however often a finding is reopened. (A finding is not history-tracked: a nightly run
touches every open finding's ``last_run``, and a history row per finding per night would say
nothing.)

A finding's ``audience`` says which side of the sterile corridor it lives on. PSD findings are
read through ``PsdFinding`` and CCU findings through ``CcuFinding``: two views of one table, each
with its own access rule (registers/crosschecks/rules.py), so a CCU finding is invisible outside
the CCU in the same way as an intelligence report.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Audience(models.TextChoices):
    PSD = "psd", "Professional Standards"
    CCU = "ccu", "Counter Corruption Unit"


class RunStatus(models.TextChoices):
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"


class CrossCheckRun(models.Model):
    check_name = models.CharField(max_length=50, db_index=True)
    audience = models.CharField(max_length=3, choices=Audience.choices)
    checked_on = models.DateField(help_text="The day the run checks as of (its 'today').")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for the nightly run.",
    )
    chunks_total = models.PositiveIntegerField(default=0)
    rows_compared = models.PositiveBigIntegerField(default=0)
    findings_new = models.PositiveIntegerField(default=0)
    findings_still_open = models.PositiveIntegerField(default=0)
    findings_resolved = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            # One unfinished run of a check at a time: the next run resumes it instead.
            models.UniqueConstraint(
                fields=["check_name"],
                condition=models.Q(status="running"),
                name="crosscheck_one_running_run_per_check",
            )
        ]

    def __str__(self) -> str:
        return f"{self.check_name} run {self.pk}"

    @property
    def reference(self) -> str:
        return f"RUN-{self.pk:05d}"


class ChunkStatus(models.TextChoices):
    PENDING = "pending", "Waiting"
    DONE = "done", "Done"


class RunChunk(models.Model):
    """One share of a run's work: ``params`` (JSON) are the check's own ("gifts 1 to 50,000")."""

    run = models.ForeignKey(CrossCheckRun, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField()
    params = models.JSONField(default=dict)
    status = models.CharField(
        max_length=10, choices=ChunkStatus.choices, default=ChunkStatus.PENDING
    )
    rows_compared = models.PositiveBigIntegerField(default=0)
    findings_new = models.PositiveIntegerField(default=0)
    findings_seen = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["run", "index"]
        constraints = [
            models.UniqueConstraint(fields=["run", "index"], name="crosscheck_chunk_once")
        ]

    def __str__(self) -> str:
        return f"{self.run} chunk {self.index}"


class FindingStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "No longer found"
    DISPOSED = "disposed", "Dealt with"


class Disposition(models.TextChoices):
    EXPLAINED = "explained", "Explained"
    REFERRED_PSD = "referred_psd", "Referred to a PSD case"
    REFERRED_CCU = "referred_ccu", "Referred to the Counter Corruption Unit"
    FALSE_POSITIVE = "false_positive", "False positive"


class FindingQuerySet(models.QuerySet["Finding"]):
    def open(self):
        return self.filter(status=FindingStatus.OPEN)


class Finding(models.Model):
    """One thing a check found: about whom, what it says, and what was done about it.

    ``summary`` is the sentence a reviewer reads ("Donor 'Acme Ltd' is the supplier of contract
    C-1234, awarded 3 months after the gift"); ``details`` holds the matched records and the
    match scores. Neither ever carries CCU material into a PSD finding: a check whose finding
    draws on CCU records is a CCU check.
    """

    key = models.CharField(max_length=200, unique=True)
    check_name = models.CharField(max_length=50, db_index=True)
    audience = models.CharField(max_length=3, choices=Audience.choices, db_index=True)
    people = models.ManyToManyField("people.Person", related_name="+", blank=True)
    summary = models.CharField(max_length=500)
    details = models.JSONField(default=dict)
    score = models.FloatField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN, db_index=True
    )
    first_run = models.ForeignKey(
        CrossCheckRun, on_delete=models.PROTECT, related_name="findings_raised"
    )
    last_run = models.ForeignKey(CrossCheckRun, on_delete=models.PROTECT, related_name="+")
    first_found_at = models.DateTimeField(default=timezone.now)
    last_found_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    disposition = models.CharField(max_length=20, choices=Disposition.choices, blank=True)
    rationale = models.TextField(blank=True)
    case_reference = models.CharField(
        max_length=50, blank=True, help_text="The PSD case it was referred to."
    )
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    disposed_at = models.DateTimeField(null=True, blank=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["-first_found_at", "-pk"]
        indexes = [models.Index(fields=["audience", "status", "check_name"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"XC-{self.pk:06d}"


class PsdFindingManager(models.Manager["PsdFinding"]):
    def get_queryset(self):
        return FindingQuerySet(self.model, using=self._db).filter(audience=Audience.PSD)


class CcuFindingManager(models.Manager["CcuFinding"]):
    def get_queryset(self):
        return FindingQuerySet(self.model, using=self._db).filter(audience=Audience.CCU)


class PsdFinding(Finding):
    """A finding for Professional Standards (most checks)."""

    objects = PsdFindingManager()

    class Meta:
        proxy = True
        verbose_name = "cross-check finding"


class CcuFinding(Finding):
    """A finding for the Counter Corruption Unit only (it draws on CCU records)."""

    objects = CcuFindingManager()

    class Meta:
        proxy = True
        verbose_name = "CCU cross-check finding"


class FindingDecision(models.Model):
    """A disposition given to a finding, with its rationale: appended, never changed."""

    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="decisions")
    disposition = models.CharField(max_length=20, choices=Disposition.choices)
    rationale = models.TextField()
    case_reference = models.CharField(max_length=50, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.finding}: {self.get_disposition_display()}"
