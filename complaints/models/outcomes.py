"""Outcomes: reflective practice, misconduct proceedings, tribunal appeals, the barred and
advisory lists, and the lessons published from closed cases."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from complaints.models.case import Case, Subject
from complaints.models.reference import USER, ProfessionalStandard


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
