"""Forms for investigation and conduct. They check what a person typed; the services decide
whether the step may be taken (a severity's rationale, a meeting that cannot dismiss)."""

from __future__ import annotations

import datetime as dt

from django import forms

from complaints.models import (
    HEARING_ONLY_OUTCOMES,
    Finding,
    ListedStatus,
    ListingReason,
    ProceedingsForm,
    ProceedingsOutcome,
    ProfessionalStandard,
    RestrictionKind,
    Severity,
)
from standards.core import dates
from standards.core.fields import GovukDateField, GovukRadioField, text_field
from standards.core.forms import GovukFormMixin

PAST = {"earliest": dates.years_ago(10), "latest": dates.today}


def _past_date(name: str, label: str, **kwargs) -> GovukDateField:
    return GovukDateField(name=name, label=label, **PAST, **kwargs)


def _reasons(label: str, required: str, help_text: str = "", max_length: int = 4000):
    return text_field(
        label,
        name=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        rows=5,
    )


class ConductMatterForm(GovukFormMixin, forms.Form):
    summary = _reasons(
        "What is the conduct?",
        "Enter a summary of the conduct",
        "What is said to have happened, when and where. Do not name the person who reported it.",
    )
    received_on = _past_date("The date PSD received it", "When did PSD receive it?")
    staff_numbers = text_field(
        "Staff numbers of the subjects",
        name="The staff numbers",
        required="Enter the staff number of at least one subject",
        max_length=500,
        help_text="One staff or collar number a line, as in the staff directory.",
        rows=3,
    )

    def staff_number_list(self) -> list[str]:
        raw = self.cleaned_data.get("staff_numbers", "")
        return [part for part in raw.replace(",", "\n").split() if part]


class InvestigationStartForm(GovukFormMixin, forms.Form):
    started_on = _past_date("The start date", "When did the investigation start?")
    terms_of_reference = _reasons(
        "Terms of reference",
        "Enter the terms of reference",
        "What the investigation will look at, and what it will not.",
        max_length=8000,
    )


SEVERITY_HINTS = {
    Severity.NO_CASE: "No investigation or proceedings are needed.",
    Severity.PRI: "Goes to the Reflective Practice Review Process.",
    Severity.MISCONDUCT: "Could go to a misconduct meeting.",
    Severity.GROSS: "Could go to a misconduct hearing; could lead to dismissal.",
}


class SeverityForm(GovukFormMixin, forms.Form):
    severity = GovukRadioField(
        label="What is the severity?",
        choices=Severity.choices,
        hints=SEVERITY_HINTS,
        error_messages={"required": "Select the severity"},
    )
    rationale = _reasons(
        "Reasons for the assessment",
        "Enter the reasons for the severity assessment",
        "Inspectors and the subject's representative will read this.",
    )
    change_reason = _reasons(
        "Why has the assessment changed?",
        "Enter why the assessment has changed",
        "For example, new evidence. The earlier assessment is kept.",
    )

    def __init__(self, *args, reassess: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not reassess:
            del self.fields["change_reason"]


class NoticeForm(GovukFormMixin, forms.Form):
    served_on = _past_date("The date served", "When was the notice served?")


class RestrictionStartForm(GovukFormMixin, forms.Form):
    kind = GovukRadioField(
        label="What is decided?",
        choices=RestrictionKind.choices,
        error_messages={"required": "Select suspension or restricted duties"},
    )
    started_on = GovukDateField(
        name="The start date",
        label="When does it start?",
        earliest=dates.years_ago(2),
        latest=dates.years_ahead(1),
    )
    rationale = _reasons(
        "Reasons for the decision",
        "Enter the reasons for the decision",
        "Why a lesser measure would not do. It is reviewed at least every 4 weeks.",
    )


class RestrictionReviewForm(GovukFormMixin, forms.Form):
    reviewed_on = _past_date("The review date", "When was it reviewed?")
    continued = GovukRadioField(
        label="Does it continue?",
        choices=[("yes", "Yes, it continues"), ("no", "No, it ends today")],
        error_messages={"required": "Select whether it continues"},
    )
    rationale = _reasons("Reasons for the review decision", "Enter the reasons")


class RestrictionEndForm(GovukFormMixin, forms.Form):
    ended_on = _past_date("The end date", "When does it end?")
    reason = _reasons("Why does it end?", "Enter why it ends")


class PauseStartForm(GovukFormMixin, forms.Form):
    started_on = _past_date("The start of the pause", "When does the pause start?")
    reason = _reasons(
        "Why is the investigation paused?",
        "Enter why the investigation is paused",
        "For example, the criminal proceedings it waits for. Say what would end the pause.",
    )


class PauseEndForm(GovukFormMixin, forms.Form):
    ended_on = _past_date("The end of the pause", "When did the pause end?")


class ReflectionReferForm(GovukFormMixin, forms.Form):
    referred_on = _past_date("The referral date", "When was the officer referred?")


class ReflectionAccountForm(GovukFormMixin, forms.Form):
    received_on = _past_date("The date received", "When was the officer's account received?")


class ReflectionReportForm(GovukFormMixin, forms.Form):
    summary = _reasons("Summary of the matter", "Enter a summary of the matter")
    discussion = _reasons("What was discussed", "Enter what was discussed")
    actions = _reasons("Actions agreed", "Enter the actions agreed")
    action_period = text_field(
        "Time period for the actions",
        name="The time period",
        required="Enter the time period for the actions",
        max_length=100,
        help_text="For example, 3 months.",
    )
    lessons_for_officer = _reasons("Lessons for the officer", "Enter the lessons for the officer")
    lessons_for_force = _reasons(
        "Lessons for the force", "Enter the lessons for the force, or say there are none"
    )
    review_period = text_field(
        "Review period",
        name="The review period",
        required="Enter the review period",
        max_length=100,
        help_text="When the line manager checks the actions were taken, for example 6 months.",
    )
    completed_on = _past_date("The report date", "Date of the report")


class ArrangeForm(GovukFormMixin, forms.Form):
    form = GovukRadioField(
        label="What form of proceedings?",
        choices=ProceedingsForm.choices,
        hints={
            ProceedingsForm.MEETING: "For misconduct. Held in private; cannot dismiss.",
            ProceedingsForm.HEARING: "For gross misconduct. Held in public.",
            ProceedingsForm.ACCELERATED: "For gross misconduct where the evidence is "
            "sufficient without further investigation. Held in public.",
        },
        error_messages={"required": "Select the form of proceedings"},
    )
    panel = _reasons(
        "Panel", "Enter the chair and members of the panel", "The chair and each member."
    )
    held_on = GovukDateField(
        name="The date of the proceedings",
        label="When will it be held?",
        earliest=dates.years_ago(1),
        latest=dates.years_ahead(1),
    )
    venue = text_field(
        "Venue", name="The venue", required=None, max_length=200, help_text="For a hearing."
    )
    public_notice = _reasons(
        "Public notice (hearings only)",
        None,
        "What the public hearings page will say once you publish it: the officer's rank and "
        "name, and the allegation. Never the complainant or the case reference.",
    )


class PublishNoticeForm(GovukFormMixin, forms.Form):
    public_notice = _reasons(
        "Public notice",
        "Enter the notice",
        "Anyone can read this once published. Name the officer (rank and name) and the "
        "allegation; never the complainant or the case reference.",
    )


class OutcomeForm(GovukFormMixin, forms.Form):
    finding = GovukRadioField(
        label="What was found?",
        choices=Finding.choices,
        error_messages={"required": "Select the finding"},
    )
    outcome = GovukRadioField(
        label="What is the outcome?",
        choices=ProceedingsOutcome.choices,
        hints={
            ProceedingsOutcome.REDUCTION_IN_RANK: "At a hearing only.",
            ProceedingsOutcome.DISMISSAL: "At a hearing only.",
        },
        error_messages={"required": "Select the outcome"},
    )
    outcome_on = _past_date("The date of the outcome", "When was the outcome given?")
    rationale = _reasons("Reasons", "Enter the reasons", "The panel's reasons.")
    public_outcome = _reasons(
        "Outcome as published",
        None,
        "What the public hearing page will say. No complainant details.",
    )

    def __init__(self, *args, meeting: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if meeting:
            # A meeting cannot find gross misconduct, reduce in rank or dismiss: not offered.
            self.fields["finding"].choices = [
                c for c in Finding.choices if c[0] and c[0] != Finding.GROSS
            ]
            self.fields["outcome"].choices = [
                c for c in ProceedingsOutcome.choices if c[0] and c[0] not in HEARING_ONLY_OUTCOMES
            ]
            del self.fields["public_outcome"]
        else:
            self.fields["finding"].choices = [c for c in Finding.choices if c[0]]
            self.fields["outcome"].choices = [c for c in ProceedingsOutcome.choices if c[0]]
            self.fields["public_outcome"].required = True
            self.fields["public_outcome"].error_messages["required"] = (
                "Enter the outcome as it will be published"
            )


class AppealForm(GovukFormMixin, forms.Form):
    lodged_on = _past_date("The date lodged", "When was the appeal lodged?")
    grounds = _reasons("Grounds of appeal", "Enter the grounds of appeal")


class AppealResultForm(GovukFormMixin, forms.Form):
    result = text_field(
        "The tribunal's result",
        name="The result",
        required="Enter the tribunal's result",
        max_length=200,
        help_text="For example, appeal dismissed, or the outcome substituted.",
    )
    decided_on = _past_date("The date of the result", "When did the tribunal decide?")


class BarredListForm(GovukFormMixin, forms.Form):
    reason = GovukRadioField(
        label="Why is the notification made?",
        choices=ListingReason.choices,
        hints={
            ListingReason.DISMISSED: "The police barred list.",
            ListingReason.RESIGNED: "The police advisory list.",
            ListingReason.RETIRED: "The police advisory list.",
        },
        error_messages={"required": "Select why the notification is made"},
    )
    trigger_on = _past_date("The date", "Date of the dismissal, resignation or retirement")
    full_name = text_field(
        "Full name", name="Their full name", required="Enter their full name", max_length=200
    )
    date_of_birth = GovukDateField(
        name="Their date of birth",
        label="Date of birth",
        required=False,
        earliest=dates.on(1930),
        latest=dates.years_ago(16),
        help_text="From their personnel file: the directory does not hold it.",
    )
    force = text_field("Force", name="The force", required="Enter the force", max_length=120)
    status = GovukRadioField(
        label="Status",
        choices=ListedStatus.choices,
        error_messages={"required": "Select their status"},
    )
    rank = text_field("Rank or grade", name="The rank", required=None, max_length=80)
    warrant_or_staff_number = text_field(
        "Warrant or staff number",
        name="The warrant or staff number",
        required="Enter their warrant or staff number",
        max_length=40,
    )
    conduct = _reasons("The conduct", "Enter the conduct")
    standards_breached = forms.ModelMultipleChoiceField(
        label="Standards of Professional Behaviour breached",
        queryset=ProfessionalStandard.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the standards breached"},
    )
    conduct_date = GovukDateField(
        name="The date of the conduct",
        label="Date of the conduct (optional)",
        required=False,
        **PAST,
    )
    earlier_advisory_report = _reasons(
        "Any earlier advisory list report (optional)", None, "Its date and what it said."
    )
    allegation_summary = _reasons(
        "Summary of the allegation",
        None,
        "Needed for the advisory list (resigned or retired under investigation).",
    )
    proceedings_form = GovukRadioField(
        label="Form of proceedings",
        choices=[("none", "None arranged"), *ProceedingsForm.choices],
        required=False,
    )
    notified_on = _past_date(
        "The date sent",
        "Date sent to the College of Policing (optional)",
        required=False,
        help_text="Leave empty until it is sent. It is due within 5 working days.",
    )


class SentForm(GovukFormMixin, forms.Form):
    notified_on = _past_date("The date sent", "When was it sent to the College of Policing?")


class LessonForm(GovukFormMixin, forms.Form):
    title = text_field("Title", name="The title", required="Enter a title", max_length=200)
    what_happened = _reasons(
        "What happened",
        "Enter what happened",
        "In general terms. No names, no places that identify anyone, no case reference.",
    )
    learning = _reasons("What the force learns", "Enter what the force learns")


# --- the timeliness report (reg 13; conduct reg 19) ----------------------------------------------

POLICING_BODY_CHOICES = [
    ("sent", "Yes"),
    ("withheld", "No, it might prejudice this or another investigation"),
]
OFFICER_COPY_CHOICES = [("yes", "Yes"), ("no", "No")]


def _estimate(name: str, label: str, help_text: str) -> GovukDateField:
    return GovukDateField(
        name=name,
        label=label,
        help_text=help_text,
        earliest=dates.years_ago(1),
        latest=dates.years_ahead(10),
    )


class TimelinessReportForm(GovukFormMixin, forms.Form):
    """What was sent in the report (reg 13(4), conduct reg 19(1)), to whom, and when. The period
    it answers travels as a hidden field, so a second tab or a double click is refused as a
    duplicate instead of being taken for the next period's report."""

    period_ended_on = forms.CharField(widget=forms.HiddenInput, required=False)
    sent_on = _past_date("The date the report was sent", "When was the report sent?")
    progress = _reasons(
        "The progress of the investigation",
        "Enter the progress of the investigation",
        "What has been done since the investigation began, or since the last report.",
    )
    reason_for_time = _reasons(
        "Why has the investigation taken this long?",
        "Enter why the investigation is taking this long",
    )
    planned_steps = _reasons(
        "The steps planned to complete the investigation",
        "Enter the steps planned to complete it",
    )
    conclusion_expected_on = _estimate(
        "The estimate of when the investigation concludes",
        "When is the investigation expected to conclude?",
        "The estimate given in the report.",
    )
    report_expected_on = _estimate(
        "The estimate of when the investigation report is submitted",
        "When is the investigation report expected to be submitted?",
        "The estimate given in the report.",
    )
    policing_body = GovukRadioField(
        label="Was it sent to the local policing body?",
        choices=POLICING_BODY_CHOICES,
        hints={
            "withheld": "Only the IOPC was sent it, because it might prejudice this "
            "investigation or another, a criminal investigation in particular."
        },
        reveals={"withheld": "withheld_reason"},
        error_messages={"required": "Select whether it was sent to the local policing body"},
    )
    withheld_reason = text_field(
        "How might it prejudice an investigation?",
        name="How it might prejudice an investigation",
        required=None,
        max_length=2000,
        rows=3,
    )
    officer_copy = GovukRadioField(
        label="Was a copy sent to the officer concerned?",
        choices=OFFICER_COPY_CHOICES,
        help_text="A copy goes to them unless the harm test says it should not.",
        reveals={"no": "officer_copy_reason"},
        error_messages={"required": "Select whether a copy was sent to the officer concerned"},
    )
    officer_copy_reason = text_field(
        "Why was no copy sent?",
        name="Why no copy was sent",
        required=None,
        max_length=2000,
        rows=3,
        help_text="For example, the harm test, or no officer has been identified yet.",
    )

    def clean_period_ended_on(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.cleaned_data.get("period_ended_on") or "")
        except ValueError:
            return None

    def clean(self):
        data = super().clean()
        if data.get("period_ended_on") is None:
            # A hidden field: say so at the top, where the error summary can link.
            self.add_error(None, "The page was out of date: open it again from the case")
        if data.get("policing_body") == "withheld" and not data.get("withheld_reason"):
            self.add_error(
                "withheld_reason",
                "Enter how sending it to the local policing body might prejudice an investigation",
            )
        if data.get("officer_copy") == "no" and not data.get("officer_copy_reason"):
            self.add_error("officer_copy_reason", "Enter why no copy went to the officer concerned")
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        withheld = data["policing_body"] == "withheld"
        copied = data["officer_copy"] == "yes"
        return {
            "period_ended_on": data["period_ended_on"],
            "sent_on": data["sent_on"],
            "progress": data["progress"],
            "reason_for_time": data["reason_for_time"],
            "planned_steps": data["planned_steps"],
            "conclusion_expected_on": data["conclusion_expected_on"],
            "report_expected_on": data["report_expected_on"],
            "withheld_from_policing_body": withheld,
            "withheld_reason": data.get("withheld_reason", "") if withheld else "",
            "officer_copy_sent": copied,
            "officer_copy_reason": "" if copied else data.get("officer_copy_reason", ""),
        }
