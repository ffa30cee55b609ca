"""Triage: what the CCU decides to do with a report, and the work that follows.

Each decision is a row (``TriageDecision``) with its rationale; a later decision supersedes the
earlier one, which stays on the record. The report's ``status`` follows the latest decision.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class TriageOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    DEVELOP = "develop", "Develop"
    INTERVENTION = "intervention", "Management intervention (ethical meeting)"
    REFERRAL = "referral", "Sanitised referral to PSD"
    COVERT = "covert", "Covert investigation"


class TriageDecision(models.Model):
    report = models.ForeignKey(
        "ccu.IntelligenceReport", on_delete=models.CASCADE, related_name="triage_decisions"
    )
    outcome = models.CharField(max_length=20, choices=TriageOutcome.choices)
    rationale = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} on {self.report}"


class Action(models.Model):
    """A development action on a report: what, who, by when, and when it was done."""

    report = models.ForeignKey(
        "ccu.IntelligenceReport", on_delete=models.CASCADE, related_name="actions"
    )
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    result = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["done_on", "due_on", "pk"]
        indexes = [models.Index(fields=["owner", "done_on", "due_on"], name="ccu_action_owner_idx")]

    def __str__(self) -> str:
        return self.description


class InterventionStatus(models.TextChoices):
    PROPOSED = "proposed", "Awaiting the head of the CCU"
    AUTHORISED = "authorised", "Authorised"
    DECLINED = "declined", "Not authorised"
    HELD = "held", "Meeting held"


class ManagementIntervention(models.Model):
    """A management intervention ("ethical meeting") with the subject of a report.

    Only when there is no criminal or misconduct case (the proposer confirms it, and the service
    checks the directory's open cases), and only once the head of the CCU has authorised it. The
    meeting, the advice given and a follow-up date are recorded.
    """

    report = models.ForeignKey(
        "ccu.IntelligenceReport", on_delete=models.CASCADE, related_name="interventions"
    )
    subject = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=20, choices=InterventionStatus.choices, default=InterventionStatus.PROPOSED
    )
    no_case_confirmed = models.BooleanField(
        default=False,
        help_text="The proposer confirmed there is no criminal or misconduct case.",
    )
    proposal = models.TextField(help_text="Why a meeting, with whom, and what it should say.")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_rationale = models.TextField(blank=True)
    meeting_on = models.DateField(null=True, blank=True)
    held_by = models.CharField(max_length=200, blank=True, help_text="Who held the meeting.")
    advice = models.TextField(blank=True)
    follow_up_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at", "-pk"]

    def __str__(self) -> str:
        return f"Management intervention on {self.report}"


class ReportReferral(models.Model):
    """The CCU's own record that a report went to PSD as a sanitised referral. The referral
    itself (``standards.exchange.SanitisedReferral``) carries nothing that leads back here."""

    report = models.ForeignKey(
        "ccu.IntelligenceReport", on_delete=models.PROTECT, related_name="referrals"
    )
    referral = models.OneToOneField(
        "exchange.SanitisedReferral", on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Referral of {self.report}"
