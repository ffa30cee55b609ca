"""The case file: the case, its team's need-to-know grants, complainants, subjects, allegations
and the updates added from the intake queue."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from complaints.models.intake import Channel, ContactPreference, Intake
from complaints.models.reference import USER, AllegationCategory, ProfessionalStandard


class CaseKind(models.TextChoices):
    COMPLAINT = "complaint", "Complaint"
    CONDUCT = "conduct", "Conduct matter"
    DSI = "dsi", "Death or serious injury matter"


REFERENCE_PREFIX = {CaseKind.COMPLAINT: "CO", CaseKind.CONDUCT: "CM", CaseKind.DSI: "DSI"}


class CaseStatus(models.TextChoices):
    ASSESSMENT = "assessment", "Awaiting assessment"
    HANDLING = "handling", "Being handled"
    INVESTIGATION = "investigation", "Under investigation"
    PROCEEDINGS = "proceedings", "Proceedings"
    OUTCOME = "outcome", "Outcome given"
    REVIEW = "review", "With the review body"
    CLOSED = "closed", "Closed"


OPEN_STATUSES = tuple(s for s in CaseStatus if s != CaseStatus.CLOSED)

STATUS_COLOURS = {
    CaseStatus.ASSESSMENT: "blue",
    CaseStatus.HANDLING: "light-blue",
    CaseStatus.INVESTIGATION: "purple",
    CaseStatus.PROCEEDINGS: "orange",
    CaseStatus.OUTCOME: "turquoise",
    CaseStatus.REVIEW: "yellow",
    CaseStatus.CLOSED: "grey",
}


class Handling(models.TextChoices):
    UNDECIDED = "", "Not decided"
    OUTSIDE_SCHEDULE_3 = "outside", "Outside Schedule 3"
    OTHERWISE = "otherwise", "Schedule 3: otherwise than by investigation"
    INVESTIGATION = "investigation", "Schedule 3: investigation"


class IopcMode(models.TextChoices):
    UNDECIDED = "", "Not decided"
    RETURN = "return", "Returned to the force"
    LOCAL = "local", "Local investigation"
    DIRECTED = "directed", "Directed investigation"
    INDEPENDENT = "independent", "Independent investigation"


class CaseQuerySet(models.QuerySet):
    def open(self) -> CaseQuerySet:
        return self.exclude(status=CaseStatus.CLOSED)

    def unallocated(self) -> CaseQuerySet:
        return self.open().filter(lead__isnull=True)


class Case(models.Model):
    """A complaint case, conduct matter or DSI matter: the PSD case file.

    Allocation is a need-to-know grant (guardian, direct foreign key): the caseworkers granted
    ``view_case`` are the case team; ``lead`` is the one who runs it. Dates the IOPC measures are
    kept as dates (received, logged, first contact) so every duration is computed, never typed.
    """

    kind = models.CharField(max_length=10, choices=CaseKind.choices, db_index=True)
    status = models.CharField(
        max_length=15, choices=CaseStatus.choices, default=CaseStatus.ASSESSMENT
    )
    channel = models.CharField(max_length=20, choices=Channel.choices)
    summary = models.TextField()
    received_on = models.DateField()
    logged_on = models.DateField(null=True, blank=True)
    first_contact_on = models.DateField(null=True, blank=True)
    incident_date = models.DateField(null=True, blank=True)
    incident_place = models.CharField(max_length=200, blank=True)
    lead = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="led_cases"
    )
    handling = models.CharField(
        max_length=15, choices=Handling.choices, default=Handling.UNDECIDED, blank=True
    )
    iopc_mode = models.CharField(
        max_length=12, choices=IopcMode.choices, default=IopcMode.UNDECIDED, blank=True
    )
    investigation_started_on = models.DateField(null=True, blank=True)
    terms_of_reference = models.TextField(blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_rationale = models.TextField(
        blank=True, help_text="Why the outcome (the results of the allegations) was reached."
    )
    closed_on = models.DateField(null=True, blank=True)
    # The earliest statutory clock still running (complaints.clocks.refresh keeps these after
    # every change), so the queue sorts and filters on deadlines in SQL.
    next_due_on = models.DateField(null=True, blank=True)
    next_due_label = models.CharField(max_length=80, blank=True)
    origin = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conduct_matters",
        help_text="The complaint a conduct matter arose from.",
    )
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-pk"]
        permissions = [("work_case", "Work on the case")]
        indexes = [
            # The caseworker's queue and the head's unallocated view: open cases, oldest first.
            models.Index(
                fields=["received_on", "id"],
                name="complaints_case_open_idx",
                condition=~Q(status="closed"),
            ),
            models.Index(
                fields=["received_on", "id"],
                name="complaints_case_unalloc_idx",
                condition=Q(lead__isnull=True) & ~Q(status="closed"),
            ),
            models.Index(fields=["lead", "status"]),
            models.Index(
                fields=["next_due_on", "id"],
                name="complaints_case_due_idx",
                condition=~Q(status="closed"),
            ),
            # The caseworker's queue joins their grants (closed cases included: grants stay)
            # to the open cases; probing this small index skips the closed ones without reading
            # them (bench/RESULTS.md, complaints).
            models.Index(
                fields=["id"], name="complaints_case_open_id_idx", condition=~Q(status="closed")
            ),
            # The integrity board counts a period's cases by the dates the IOPC measures, each
            # read through its own index (complaints/board.py, bench/RESULTS.md).
            *(
                models.Index(fields=[field], name=f"complaints_case_{short}_idx")
                for field, short in (
                    ("logged_on", "logged"),
                    ("first_contact_on", "contact"),
                    ("outcome_on", "outcome"),
                    ("closed_on", "closed"),
                    ("investigation_started_on", "invest"),
                )
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"{REFERENCE_PREFIX[CaseKind(self.kind)]}-{self.pk:06d}"

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS[CaseStatus(self.status)]

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED


class CaseUserObjectPermission(UserObjectPermissionBase):
    """A caseworker's need-to-know on one case (guardian, direct foreign key)."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)

    history = HistoricalRecords()


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    """A team's need-to-know on one case."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)

    history = HistoricalRecords()


class Complainant(models.Model):
    """Who complained, and how they want to be contacted. Seen only by the case team."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="complainants")
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="When the complainant is a member of the workforce.",
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    contact_preference = models.CharField(
        max_length=10, choices=ContactPreference.choices, default=ContactPreference.EMAIL
    )
    adjustments = models.TextField(blank=True, help_text="Reasonable adjustments asked for.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Subject(models.Model):
    """A member of the workforce the case is about, or an officer not yet identified."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="subjects")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description = models.CharField(
        max_length=200, blank=True, help_text="For an unidentified officer or member of staff."
    )
    notice_served_on = models.DateField(
        null=True, blank=True, help_text="Written notice of investigation served (reg 17)."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(description=""),
                name="complaints_subject_named_or_described",
            )
        ]

    def __str__(self) -> str:
        if self.person_id:
            return str(self.person)
        return f"Unidentified: {self.description}"

    @property
    def is_identified(self) -> bool:
        return self.person_id is not None


class ComplaintResult(models.TextChoices):
    UNDECIDED = "", "Not decided"
    ACCEPTABLE = "acceptable", "Service acceptable"
    NOT_ACCEPTABLE = "not_acceptable", "Service not acceptable"
    UNABLE = "unable", "Unable to determine"


class Allegation(models.Model):
    """One allegation: what is said to have happened, its IOPC category and the standards."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="allegations")
    subjects = models.ManyToManyField(Subject, blank=True, related_name="allegations")
    category = models.ForeignKey(AllegationCategory, on_delete=models.PROTECT, related_name="+")
    standards = models.ManyToManyField(ProfessionalStandard, blank=True, related_name="+")
    description = models.TextField()
    result = models.CharField(
        max_length=15,
        choices=ComplaintResult.choices,
        default=ComplaintResult.UNDECIDED,
        blank=True,
    )
    actions_taken = models.TextField(blank=True)

    history = HistoricalRecords(m2m_fields=[subjects, standards])

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Allegation {self.pk}: {self.category.name}"


class CaseUpdate(models.Model):
    """Something more from the complainant on an open case (an intake added as an update)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="updates")
    intake = models.OneToOneField(Intake, on_delete=models.PROTECT, related_name="update")
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["added_at"]

    def __str__(self) -> str:
        return f"Update from {self.intake.reference}"
