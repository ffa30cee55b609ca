"""Forms for triage: the decision, development actions, management interventions and the
sanitised referral to PSD."""

from __future__ import annotations

import datetime as dt

from django import forms

from ccu.models import TriageOutcome
from standards.core import dates
from standards.core.fields import GovukCheckboxes, GovukDateField, GovukRadioField, text_field
from standards.core.forms import GovukFormMixin

EARLIEST_MEETING = dates.on(2000)

OUTCOME_HINTS = {
    TriageOutcome.NO_FURTHER_ACTION: "The report is closed. It stays on record and in search.",
    TriageOutcome.DEVELOP: "The CCU develops the intelligence: add actions with owners and due "
    "dates next.",
    TriageOutcome.COVERT: "The CCU investigates without the subject's knowledge.",
    TriageOutcome.INTERVENTION: "Only when there is no criminal or misconduct case. You will be "
    "asked for the proposal next; the head of the CCU authorises it.",
    TriageOutcome.REFERRAL: "The head of the CCU sends PSD a sanitised summary. You will be asked "
    "for the summary next.",
}


class TriageForm(GovukFormMixin, forms.Form):
    outcome = GovukRadioField(
        label="Outcome",
        choices=[],
        error_messages={"required": "Select the outcome of triage"},
    )
    rationale = text_field(
        "Rationale",
        name="The rationale",
        max_length=5000,
        rows=5,
        required=None,
        help_text="Why this outcome: what the intelligence shows, its grading, and what else is "
        "known. It stays on the report's record.",
    )

    def __init__(self, *args, may_refer: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        outcomes = [
            TriageOutcome.NO_FURTHER_ACTION,
            TriageOutcome.DEVELOP,
            TriageOutcome.COVERT,
            TriageOutcome.INTERVENTION,
        ]
        if may_refer:
            outcomes.append(TriageOutcome.REFERRAL)
        field = self.fields["outcome"]
        field.choices = [(outcome.value, outcome.label) for outcome in outcomes]
        field.hints = {outcome.value: OUTCOME_HINTS[outcome] for outcome in outcomes}

    @property
    def needs_own_page(self) -> bool:
        """An intervention or a referral is decided on its own page (a cleaned form only)."""
        return self.cleaned_data.get("outcome") in (
            TriageOutcome.INTERVENTION,
            TriageOutcome.REFERRAL,
        )


class ActionForm(GovukFormMixin, forms.Form):
    description = text_field(
        "What needs to be done",
        name="The action",
        max_length=300,
        required="Enter what needs to be done",
    )
    owner = forms.ChoiceField(
        label="Owner",
        help_text="Only CCU colleagues who may see the report are listed.",
        error_messages={"required": "Select who owns the action"},
    )
    due_on = GovukDateField(
        name="The due date",
        label="Due date",
        earliest=dates.today,
        latest=dates.years_ahead(2),
        example=lambda on: on + dt.timedelta(days=14),
        error_messages={"required": "Enter the date the action is due"},
    )

    def __init__(self, *args, owners: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._owners = {str(user.pk): user for user in owners}
        self.fields["owner"].choices = [("", "Choose")] + [
            (str(user.pk), user.display_name) for user in owners
        ]

    def clean_owner(self):
        return self._owners[self.cleaned_data["owner"]]


class ActionCompleteForm(GovukFormMixin, forms.Form):
    result = text_field(
        "What the action found",
        name="The result",
        max_length=5000,
        rows=5,
        required="Enter what the action found",
    )


class InterventionProposeForm(GovukFormMixin, forms.Form):
    subject = GovukRadioField(
        label="Who the meeting is with",
        choices=[],
        error_messages={"required": "Select the subject of the report the meeting is with"},
    )
    proposal = text_field(
        "Proposal",
        name="The proposal",
        max_length=5000,
        rows=6,
        required="Enter why a meeting, who holds it and what it should say",
        help_text="Why a meeting is the right response, who should hold it (usually the line "
        "manager), and the standards it should set out.",
    )
    no_case_confirmed = forms.BooleanField(
        label="I have confirmed there is no criminal or misconduct case about this person",
        required=False,
        help_text="The system also checks PSD's open cases before the proposal is recorded.",
    )

    def __init__(self, *args, subjects: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._people = {str(link.person_id): link.person for link in subjects}
        self.fields["subject"].choices = [
            (str(link.person_id), link.person.display_name) for link in subjects
        ]

    def clean_subject(self):
        return self._people[self.cleaned_data["subject"]]


class InterventionDecideForm(GovukFormMixin, forms.Form):
    decision = GovukRadioField(
        label="Your decision",
        choices=[("authorise", "Authorise the meeting"), ("decline", "Do not authorise it")],
        hints={
            "decline": "The report goes back to the intake queue for another decision.",
        },
        error_messages={"required": "Select whether you authorise the meeting"},
    )
    rationale = text_field(
        "Rationale",
        name="The rationale",
        max_length=5000,
        rows=5,
        required="Enter the rationale for the decision",
    )


class MeetingForm(GovukFormMixin, forms.Form):
    meeting_on = GovukDateField(
        name="The date of the meeting",
        label="Date of the meeting",
        earliest=EARLIEST_MEETING,
        latest=dates.today,
        error_messages={"required": "Enter the date of the meeting"},
    )
    held_by = text_field(
        "Who held the meeting",
        name="Who held the meeting",
        max_length=200,
        required="Enter who held the meeting",
        help_text="Name and role, for example Inspector J Smith, line manager.",
    )
    advice = text_field(
        "Advice given",
        name="The advice",
        max_length=5000,
        rows=5,
        required="Enter the advice given",
    )
    follow_up_on = GovukDateField(
        name="The follow-up date",
        label="Follow-up date",
        earliest=dates.tomorrow,
        latest=dates.years_ahead(2),
        example=lambda on: on + dt.timedelta(days=90),
        error_messages={"required": "Enter the date to follow up"},
    )


class ReferralForm(GovukFormMixin, forms.Form):
    summary = text_field(
        "Sanitised summary",
        name="The summary",
        max_length=5000,
        rows=8,
        required="Enter the sanitised summary PSD will receive",
        help_text="What PSD needs to open a conduct matter, in your own words. Never the "
        "original wording, the source, or a CCU reference.",
    )
    subjects = forms.MultipleChoiceField(
        label="Who the referral is about",
        widget=GovukCheckboxes,
        error_messages={"required": "Select who the referral is about"},
    )
    rationale = text_field(
        "Why refer (for the CCU only)",
        name="The rationale",
        max_length=5000,
        rows=3,
        required="Enter why the report is being referred",
        help_text="Stays on the report's triage record; PSD never sees it.",
    )

    def __init__(self, *args, subjects: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._people = {str(link.person_id): link.person for link in subjects}
        self.fields["subjects"].choices = [
            (str(link.person_id), link.person.display_name) for link in subjects
        ]

    def clean_subjects(self):
        return [self._people[pk] for pk in self.cleaned_data["subjects"]]
