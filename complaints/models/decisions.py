"""The statutory decisions on a case: handling, the IOPC referral, severity, suspension or
restricted duties, sub judice pauses and the timeliness reports on a long investigation. Each is
a row with who decided, when and why."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from complaints.models.case import Case, Handling, IopcMode, Subject
from complaints.models.reference import USER, ReferralCriterion


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


class TimelinessReport(models.Model):
    """The timeliness report on an investigation not completed within a relevant period
    (reg 13, Police (Complaints and Misconduct) Regulations 2020; reg 19, Police (Conduct)
    Regulations 2020): sent in writing, as soon as practicable after the period ends, to the
    local policing body (unless that might prejudice this or another investigation, a criminal
    one in particular, when the reason is kept instead) and the IOPC, with a copy to the officer
    concerned subject to the harm test.

    The first relevant period is the 12 months starting with the day the complaint was made or
    the matter came to the appropriate authority's attention (``Case.received_on``); each later
    one the 6 months starting the day after the last ended (``complaints.clocks``). One report
    answers one period; until it is recorded the case's clock stays on that period and goes
    overdue. What the report stated is kept as sent: the dates it gave (reg 13(4)(a) and (b)) are
    copied from the case when it is recorded, so a later correction of the case does not rewrite
    the report.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeliness_reports")
    period_ended_on = models.DateField(
        help_text="The last day of the relevant period the report answers."
    )
    sent_on = models.DateField()
    complaint_made_on = models.DateField(
        help_text="The day the complaint was made or the matter came to attention (reg 13(4)(a))."
    )
    notice_given_on = models.DateField(
        null=True, blank=True, help_text="The first regulation 17 notice given (reg 13(4)(b))."
    )
    progress = models.TextField()
    conclusion_expected_on = models.DateField()
    report_expected_on = models.DateField()
    reason_for_time = models.TextField()
    planned_steps = models.TextField()
    withheld_from_policing_body = models.BooleanField(default=False)
    withheld_reason = models.TextField(blank=True)
    officer_copy_sent = models.BooleanField()
    officer_copy_reason = models.TextField(
        blank=True, help_text="Why no copy went to the officer concerned (the harm test)."
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["period_ended_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "period_ended_on"], name="complaints_timeliness_report_once"
            ),
            models.CheckConstraint(
                condition=Q(sent_on__gt=models.F("period_ended_on")),
                name="complaints_timeliness_report_after_period",
            ),
            models.CheckConstraint(
                condition=Q(withheld_from_policing_body=False) | ~Q(withheld_reason=""),
                name="complaints_timeliness_report_withheld_why",
            ),
            models.CheckConstraint(
                condition=Q(officer_copy_sent=True) | ~Q(officer_copy_reason=""),
                name="complaints_timeliness_report_no_copy_why",
            ),
        ]

    def __str__(self) -> str:
        return f"Timeliness report for the period ending {self.period_ended_on:%-d %B %Y}"
