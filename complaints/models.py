"""Complaints and conduct: the Professional Standards Department's (PSD) case file.

One ``Case`` shape serves the three kinds of matter PSD handles: a public complaint (Police Reform
Act 2002 Schedule 3), a conduct matter not arising from a complaint (internal report, a CCU
sanitised referral, or a complaint's conduct side) and a death or serious injury (DSI) matter,
referred to the IOPC (the Independent Office for Police Conduct) without any complaint.

Every statutory decision is its own row with who decided, when and why (``HandlingDecision``,
``Referral``, ``SeverityAssessment``, ``Restriction``...): a decision is never overwritten, a later
one supersedes it, and the case's timeline is built from these rows and the history tables.
Reference lists (IOPC categories, the Standards of Professional Behaviour, the referral criteria,
letter templates) are data (``defaults.py``, installed by a data migration).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

USER = settings.AUTH_USER_MODEL


def _document_storage() -> FileSystemStorage:
    # Outside the web root and without a URL: a document leaves only through the case's download
    # page, which asks the access policy and writes the access log.
    return FileSystemStorage(location=settings.CASE_DOCUMENT_ROOT, base_url=None)


# --- reference data -----------------------------------------------------------------------------


class AllegationCategory(models.Model):
    """An IOPC allegation category (2020 data guidance): 11 groups, each with subcategories."""

    group = models.CharField(max_length=120)
    name = models.CharField(max_length=160)
    code = models.CharField(max_length=12, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name_plural = "allegation categories"

    def __str__(self) -> str:
        return f"{self.group}: {self.name}"


class ProfessionalStandard(models.Model):
    """One of the Standards of Professional Behaviour (Conduct Regulations 2020, Schedule 2)."""

    name = models.CharField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class ReferralCriterion(models.Model):
    """A mandatory referral criterion (reg 4): any one met means the matter goes to the IOPC."""

    code = models.CharField(max_length=40, unique=True)
    question = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        verbose_name_plural = "referral criteria"

    def __str__(self) -> str:
        return self.question


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    HANDLING = "handling", "Handling decision"
    OUTCOME = "outcome", "Outcome"
    REVIEW_OUTCOME = "review_outcome", "Review outcome"


class LetterTemplate(models.Model):
    """A letter's wording, held as data so PSD can change it without a release.

    ``body`` uses ``{{ field }}`` placeholders from a fixed list (``complaints.letters``); an
    outcome template must contain the right-of-review placeholder or it cannot be saved.
    """

    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    name = models.CharField(max_length=120)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


# --- intake -------------------------------------------------------------------------------------


class Channel(models.TextChoices):
    ONLINE = "online", "Online form"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
    EMAIL = "email", "E-mail"
    IN_PERSON = "in_person", "In person"
    POLICING_BODY = "policing_body", "Via the local policing body"
    INTERNAL = "internal", "Internal report"
    CCU_REFERRAL = "ccu_referral", "CCU sanitised referral"
    FROM_COMPLAINT = "from_complaint", "Arising from a complaint"
    DSI = "dsi", "Death or serious injury"


PUBLIC_CHANNELS = (
    Channel.ONLINE,
    Channel.PHONE,
    Channel.LETTER,
    Channel.EMAIL,
    Channel.IN_PERSON,
    Channel.POLICING_BODY,
)


class ContactPreference(models.TextChoices):
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"


class IntakeStatus(models.TextChoices):
    NEW = "new", "New"
    OPENED = "opened", "Opened as a case"
    ADDED = "added", "Added to a case as an update"


class Intake(models.Model):
    """A complaint as it arrived (online, or recorded by staff), waiting in the intake queue.

    A caseworker opens it as a new case or adds it to an open case as an update, so a duplicate or
    a follow-up is never counted as a new complaint. The complainant's reference is this row's.
    """

    reference = models.CharField(max_length=20, unique=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    received_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    contact_preference = models.CharField(
        max_length=10, choices=ContactPreference.choices, default=ContactPreference.EMAIL
    )
    adjustments = models.TextField(blank=True)
    incident_date = models.DateField(null=True, blank=True)
    incident_place = models.CharField(max_length=200, blank=True)
    officers_named = models.TextField(blank=True)
    what_happened = models.TextField()
    outcome_wanted = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=IntakeStatus.choices, default=IntakeStatus.NEW, db_index=True
    )
    case = models.ForeignKey(
        "Case", null=True, blank=True, on_delete=models.PROTECT, related_name="intakes"
    )
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["received_at", "pk"]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self) -> str:
        return self.reference


# --- the case -----------------------------------------------------------------------------------


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


# --- the statutory decisions ----------------------------------------------------------------


class RecordingReason(models.TextChoices):
    """Why a complaint was recorded under Schedule 3 (IOPC measure A1.2)."""

    COMPLAINANT_WISHES = "wishes", "The complainant wishes it to be recorded"
    AUTHORITY_DECIDES = "authority", "The appropriate authority decides to record it"
    DISSATISFIED = "dissatisfied", "Dissatisfaction after initial handling"


class HandlingDecision(models.Model):
    """How a complaint is handled: outside Schedule 3, or recorded under it (and how)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handling_decisions")
    handling = models.CharField(max_length=15, choices=Handling.choices[1:])
    recording_reason = models.CharField(max_length=15, choices=RecordingReason.choices, blank=True)
    what_was_done = models.TextField(blank=True)
    complainant_view = models.TextField(blank=True)
    rationale = models.TextField()
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return self.get_handling_display()


class Referral(models.Model):
    """The mandatory referral assessment and, where made, the referral to the IOPC.

    The criteria are asked at recording; any one met makes the referral mandatory (a service
    refuses to record "not referred" then). The IOPC's mode decision is recorded when it comes.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    criteria_met = models.ManyToManyField(ReferralCriterion, blank=True, related_name="+")
    referred = models.BooleanField(default=False)
    referred_on = models.DateField(null=True, blank=True)
    iopc_reference = models.CharField(max_length=40, blank=True)
    mode = models.CharField(max_length=12, choices=IopcMode.choices, blank=True)
    mode_decided_on = models.DateField(null=True, blank=True)
    rationale = models.TextField()
    assessed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField()

    history = HistoricalRecords(m2m_fields=[criteria_met])

    class Meta:
        ordering = ["assessed_at", "pk"]

    def __str__(self) -> str:
        return "IOPC referral" if self.referred else "Referral assessment"


class Severity(models.TextChoices):
    NO_CASE = "no_case", "No case to answer"
    PRI = "pri", "Practice requiring improvement"
    MISCONDUCT = "misconduct", "Misconduct"
    GROSS = "gross", "Gross misconduct"


class SeverityAssessment(models.Model):
    """A severity assessment (Conduct reg 14) of one subject. A re-assessment is a new row that
    ``supersedes`` the earlier one, which stays with who made it and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="severity_assessments")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="assessments")
    severity = models.CharField(max_length=12, choices=Severity.choices)
    rationale = models.TextField()
    change_reason = models.TextField(blank=True, help_text="Why an earlier assessment changed.")
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    assessed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["assessed_at", "pk"]

    def __str__(self) -> str:
        return self.get_severity_display()


class RestrictionKind(models.TextChoices):
    SUSPENDED = "suspended", "Suspended"
    RESTRICTED = "restricted", "Restricted duties"


class Restriction(models.Model):
    """Suspension or restricted duties of one subject, reviewed at least every 4 weeks."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="restrictions")
    kind = models.CharField(max_length=12, choices=RestrictionKind.choices)
    started_on = models.DateField()
    rationale = models.TextField()
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


class RestrictionReview(models.Model):
    restriction = models.ForeignKey(Restriction, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    continued = models.BooleanField(default=True)
    rationale = models.TextField()
    reviewed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["reviewed_on", "pk"]

    def __str__(self) -> str:
        return f"Review on {self.reviewed_on:%d %B %Y}"


class Pause(models.Model):
    """A sub judice pause: the investigation suspended while criminal proceedings run. Every
    duration is reported with and without the pauses (the IOPC publishes both)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pauses")
    reason = models.TextField()
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return f"Sub judice pause from {self.started_on:%d %B %Y}"


# --- the work on a case ----------------------------------------------------------------------


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


# --- outcomes --------------------------------------------------------------------------------


class ReflectivePractice(models.Model):
    """The Reflective Practice Review Process (RPRP) for one subject: the officer's account
    (due within 5 working days) and the development report's fields."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="reflections")
    referred_on = models.DateField()
    account_received_on = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True)
    discussion = models.TextField(blank=True)
    actions = models.TextField(blank=True)
    action_period = models.CharField(max_length=100, blank=True)
    lessons_for_officer = models.TextField(blank=True)
    lessons_for_force = models.TextField(blank=True)
    review_period = models.CharField(max_length=100, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["referred_on", "pk"]

    def __str__(self) -> str:
        return f"Reflective practice for {self.subject}"


class ProceedingsForm(models.TextChoices):
    MEETING = "meeting", "Misconduct meeting"
    HEARING = "hearing", "Misconduct hearing"
    ACCELERATED = "accelerated", "Accelerated misconduct hearing"


class Finding(models.TextChoices):
    UNDECIDED = "", "Not decided"
    NOT_PROVEN = "not_proven", "Not proven"
    MISCONDUCT = "misconduct", "Misconduct proven"
    GROSS = "gross", "Gross misconduct proven"


class ProceedingsOutcome(models.TextChoices):
    """The 2020 outcomes. Management advice was abolished in 2020 and is not one of them."""

    UNDECIDED = "", "Not decided"
    NO_FURTHER_ACTION = "nfa", "No further action"
    REFLECTIVE_PRACTICE = "rprp", "Referred to reflective practice"
    WRITTEN_WARNING = "written_warning", "Written warning"
    FINAL_WRITTEN_WARNING = "final_written_warning", "Final written warning"
    REDUCTION_IN_RANK = "reduction_in_rank", "Reduction in rank"
    DISMISSAL = "dismissal", "Dismissal without notice"


# Only a hearing (or an accelerated hearing) may reduce in rank or dismiss.
HEARING_ONLY_OUTCOMES = frozenset(
    {ProceedingsOutcome.REDUCTION_IN_RANK, ProceedingsOutcome.DISMISSAL}
)


class Proceedings(models.Model):
    """A misconduct meeting or hearing for one subject, its notice, finding and outcome."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="proceedings")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="proceedings")
    form = models.CharField(max_length=12, choices=ProceedingsForm.choices)
    panel = models.TextField(help_text="The chair and members.")
    held_on = models.DateField()
    venue = models.CharField(max_length=200, blank=True)
    public_notice = models.TextField(
        blank=True, help_text="What the public hearing notice says (no complainant details)."
    )
    notice_published_at = models.DateTimeField(null=True, blank=True)
    finding = models.CharField(max_length=12, choices=Finding.choices, blank=True)
    outcome = models.CharField(max_length=25, choices=ProceedingsOutcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    rationale = models.TextField(blank=True)
    public_outcome = models.TextField(blank=True)
    outcome_published_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name_plural = "proceedings"
        constraints = [
            models.CheckConstraint(
                condition=~Q(form="meeting") | ~Q(outcome__in=["reduction_in_rank", "dismissal"]),
                name="complaints_meeting_cannot_dismiss",
            )
        ]

    def __str__(self) -> str:
        return self.get_form_display()


class TribunalAppeal(models.Model):
    """An appeal to the Police Appeals Tribunal against a finding or outcome."""

    proceedings = models.ForeignKey(Proceedings, on_delete=models.CASCADE, related_name="appeals")
    lodged_on = models.DateField()
    grounds = models.TextField()
    result = models.CharField(max_length=200, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Police Appeals Tribunal appeal lodged {self.lodged_on:%d %B %Y}"


class BarredList(models.TextChoices):
    BARRED = "barred", "Police barred list"
    ADVISORY = "advisory", "Police advisory list"


class ListingReason(models.TextChoices):
    DISMISSED = "dismissed", "Dismissed"
    RESIGNED = "resigned", "Resigned under investigation"
    RETIRED = "retired", "Retired under investigation"


class ListedStatus(models.TextChoices):
    OFFICER = "officer", "Officer"
    FORMER_OFFICER = "former_officer", "Former officer"
    STAFF = "staff", "Member of staff"
    FORMER_STAFF = "former_staff", "Former member of staff"


class BarredListNotification(models.Model):
    """A notification to the College of Policing (Police Barred List and Police Advisory List
    Regulations 2017), due within 5 working days of the dismissal, resignation or retirement."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="listings")
    barred_list = models.CharField(max_length=10, choices=BarredList.choices)
    reason = models.CharField(max_length=10, choices=ListingReason.choices)
    trigger_on = models.DateField(help_text="Date of dismissal, resignation or retirement.")
    full_name = models.CharField(max_length=200)
    force = models.CharField(max_length=120)
    date_of_birth = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=15, choices=ListedStatus.choices)
    rank = models.CharField(max_length=80, blank=True)
    warrant_or_staff_number = models.CharField(max_length=40)
    conduct = models.TextField()
    standards_breached = models.ManyToManyField(ProfessionalStandard, related_name="+")
    conduct_date = models.DateField(null=True, blank=True)
    earlier_advisory_report = models.TextField(blank=True)
    allegation_summary = models.TextField(blank=True)
    proceedings_form = models.CharField(max_length=12, choices=ProceedingsForm.choices, blank=True)
    notified_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[standards_breached])

    class Meta:
        ordering = ["trigger_on", "pk"]

    def __str__(self) -> str:
        return self.get_barred_list_display()


class Lesson(models.Model):
    """A sanitised lesson from a closed case, published force-wide (no names, no reference)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="lessons")
    title = models.CharField(max_length=200)
    what_happened = models.TextField()
    learning = models.TextField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title


# --- letters and reviews -----------------------------------------------------------------------


class ReviewBody(models.TextChoices):
    LOCAL_POLICING_BODY = "lpb", "The local policing body"
    IOPC = "iopc", "The IOPC"


class Letter(models.Model):
    """A letter issued from the case, as issued: its wording is frozen when it is sent."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="letters")
    complainant = models.ForeignKey(
        Complainant, null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    subject_line = models.CharField(max_length=200)
    body = models.TextField()
    sent_by_method = models.CharField(max_length=10, choices=ContactPreference.choices)
    review_body = models.CharField(max_length=5, choices=ReviewBody.choices, blank=True)
    review_last_day = models.DateField(null=True, blank=True)
    issued_on = models.DateField()
    issued_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["issued_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} letter, {self.issued_on:%d %B %Y}"


class ReviewResult(models.TextChoices):
    UNDECIDED = "", "Not decided"
    UPHELD = "upheld", "Upheld: the outcome was not reasonable and proportionate"
    NOT_UPHELD = "not_upheld", "Not upheld: the outcome was reasonable and proportionate"


class Review(models.Model):
    """An application for a review (reg 29), within 28 days starting the day after the outcome
    letter. A late one is recorded and flagged, never refused silently."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reviews")
    outcome_letter = models.ForeignKey(
        Letter, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.CharField(max_length=5, choices=ReviewBody.choices, db_index=True)
    applied_on = models.DateField()
    late = models.BooleanField(default=False)
    late_reason = models.TextField(
        blank=True, help_text="For a late application: the complainant's explanation."
    )
    grounds = models.TextField(blank=True)
    result = models.CharField(max_length=12, choices=ReviewResult.choices, blank=True)
    recommendation = models.TextField(blank=True)
    rationale = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["applied_on", "pk"]
        indexes = [models.Index(fields=["body", "decided_on"])]

    def __str__(self) -> str:
        return f"Review by {self.get_body_display()}"

    @property
    def is_open(self) -> bool:
        return self.decided_on is None
