"""What PSD imports for the checks: the procurement register, senior officers' diaries and
expense claims.

Every imported row keeps the batch it came from and a ``row_key`` (a digest of its meaningful
values after normalisation): the same row imported again, from the same file or a re-saved copy,
is recognised and not written twice. Organisation names are kept as given and in the
``normalised`` form the matching compares (``registers.crosschecks.matching.normalise_org``),
so the match is made in SQL-free Python on a column that is already clean.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class ImportKind(models.TextChoices):
    PROCUREMENT = "procurement", "Procurement register"
    DIARY = "diary", "Senior officers' diaries"
    EXPENSES = "expenses", "Expense claims"


class ImportStatus(models.TextChoices):
    MAPPING = "mapping", "Waiting for its columns to be matched"
    PREVIEWED = "previewed", "Checked, waiting to be imported"
    QUEUED = "queued", "Waiting for the importer"
    IMPORTING = "importing", "Importing"
    IMPORTED = "imported", "Imported"
    FAILED = "failed", "Not imported: errors found"


class ImportBatch(models.Model):
    """One file uploaded by PSD and what became of it.

    The file itself is kept (outside the web root) until it is imported, so a large file can be
    read by a background task; ``mapping`` says which of its columns holds which field;
    ``errors`` is the row-by-row report ("row 14, amount: not a number"). ``rows_done`` of
    ``rows_total`` drives the progress bar while a task imports it.
    """

    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    file_name = models.CharField(max_length=200)
    stored_name = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64)
    file_format = models.CharField(max_length=10)  # "csv" or "xlsx", from the content
    headings = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.MAPPING
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    rows_new = models.PositiveIntegerField(default=0)
    rows_already_held = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "import"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.file_name}"

    @property
    def reference(self) -> str:
        return f"IMP-{self.pk:05d}"

    @property
    def percent_done(self) -> int:
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0


class ImportedRow(models.Model):
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    row_key = models.CharField(max_length=64, unique=True)

    class Meta:
        abstract = True


class Supplier(ImportedRow):
    """An organisation in the procurement register: a supplier, or a bidder for a tender. Its
    ``row_key`` is its company number where known, otherwise its normalised name, so the same
    supplier named in several files is one row."""

    name = models.CharField(max_length=300)
    normalised = models.CharField(max_length=300, db_index=True)
    company_number = models.CharField(
        max_length=8, blank=True, db_index=True, help_text="Companies House number, where known."
    )

    class Meta:
        ordering = ["normalised", "pk"]

    def __str__(self) -> str:
        return self.name


class ContractKind(models.TextChoices):
    CONTRACT = "contract", "Contract"
    TENDER = "tender", "Tender"


class Contract(ImportedRow):
    """A contract awarded to a supplier, or a tender its bidders bid for (``Bid``)."""

    kind = models.CharField(max_length=10, choices=ContractKind.choices)
    reference = models.CharField(max_length=50)
    title = models.CharField(max_length=300)
    supplier = models.ForeignKey(
        Supplier, on_delete=models.PROTECT, null=True, blank=True, related_name="contracts"
    )
    # A contract's award date, or a tender's closing date: the "within 12 months" is from here.
    awarded_on = models.DateField(db_index=True)
    ends_on = models.DateField(null=True, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["-awarded_on", "pk"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"


class Bid(ImportedRow):
    tender = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="bids")
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="bids")
    submitted_on = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["-submitted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.supplier} bid for {self.tender}"


class DiaryEntry(ImportedRow):
    """An engagement in a senior officer's diary with an outside organisation."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    date = models.DateField(db_index=True)
    organisation = models.CharField(max_length=300)
    normalised = models.CharField(max_length=300, db_index=True)
    event_type = models.CharField(max_length=100)

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name_plural = "diary entries"

    def __str__(self) -> str:
        return f"{self.date}: {self.organisation} ({self.event_type})"


class ExpenseClaim(ImportedRow):
    """One line of an expense claim."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    date = models.DateField(db_index=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    payee = models.CharField(max_length=300)
    normalised = models.CharField(max_length=300, db_index=True)
    purpose = models.CharField(max_length=300)
    # The claim's category as the finance system gives it; "hospitality" is what the checks read.
    category = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return f"{self.date}: {self.amount} to {self.payee}"
