"""Forms for the handling decision, the referral assessment asked at recording, the IOPC's mode
decision and a death or serious injury matter."""

from __future__ import annotations

from django import forms

from complaints.models import Handling, IopcMode, RecordingReason
from standards.core import dates
from standards.core.fields import GovukDateField, GovukRadioField, text_field
from standards.core.forms import GovukFormMixin

YES_NO = [("yes", "Yes"), ("no", "No")]


class HandlingForm(GovukFormMixin, forms.Form):
    """One form for the decision and, when recorded under Schedule 3, the referral criteria
    (``criterion_<code>`` yes/no questions, added from the reference data)."""

    handling = GovukRadioField(
        label="How will the complaint be handled?",
        choices=Handling.choices[1:],
        hints={
            Handling.OUTSIDE_SCHEDULE_3: "Resolved at first contact to the complainant's "
            "satisfaction, without recording it.",
            Handling.OTHERWISE: "Recorded; handled in a reasonable and proportionate way "
            "other than by investigation.",
            Handling.INVESTIGATION: "Recorded and investigated.",
        },
        error_messages={"required": "Select how the complaint will be handled"},
    )
    recording_reason = GovukRadioField(
        label="Why is it recorded under Schedule 3?",
        choices=RecordingReason.choices,
        required=False,
        help_text="Only for a complaint recorded under Schedule 3.",
    )
    what_was_done = text_field(
        "What was done to resolve it",
        name="What was done",
        required=None,
        max_length=4000,
        rows=3,
        help_text="Only for a complaint handled outside Schedule 3.",
    )
    complainant_view = text_field(
        "The complainant's view of what was done",
        name="The complainant's view",
        required=None,
        max_length=4000,
        rows=3,
        help_text="Only for a complaint handled outside Schedule 3.",
    )
    referred = GovukRadioField(
        label="Has it been referred to the IOPC?",
        choices=YES_NO,
        required=False,
        reveals={"yes": "referred_on"},
        help_text="Any 'yes' above means it must be referred.",
    )
    referred_on = GovukDateField(
        name="The referral date",
        label="Date referred",
        required=False,
        earliest=dates.years_ago(30),
        latest=dates.today,
    )
    iopc_reference = text_field(
        "IOPC reference (optional)", name="The IOPC reference", required=None, max_length=40
    )
    rationale = text_field(
        "Reasons for the decision",
        name="The reasons",
        required="Enter the reasons for the decision",
        max_length=6000,
        rows=5,
        help_text="Inspectors and the complainant may read this.",
    )

    def __init__(self, *args, criteria, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.code}"] = GovukRadioField(
                label=criterion.question,
                choices=YES_NO,
                required=False,
                help_text=criterion.hint,
            )

    @property
    def criterion_fields(self):
        return [self[f"criterion_{criterion.code}"] for criterion in self.criteria]

    def clean(self):
        data = super().clean()
        if data.get("handling") in (Handling.OTHERWISE, Handling.INVESTIGATION):
            if not data.get("recording_reason"):
                self.add_error("recording_reason", "Select why the complaint is recorded")
            for criterion in self.criteria:
                if not data.get(f"criterion_{criterion.code}"):
                    self.add_error(f"criterion_{criterion.code}", f"Answer: {criterion.question}")
            if not data.get("referred"):
                self.add_error("referred", "Select whether it has been referred to the IOPC")
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        recorded = data["handling"] != Handling.OUTSIDE_SCHEDULE_3
        return {
            "handling": data["handling"],
            "rationale": data["rationale"],
            "recording_reason": data.get("recording_reason") or "" if recorded else "",
            "what_was_done": "" if recorded else data.get("what_was_done", ""),
            "complainant_view": "" if recorded else data.get("complainant_view", ""),
            # Passed whatever the handling: a criterion met rules out handling it outside
            # Schedule 3, and the service says so.
            "criteria_met": [c for c in self.criteria if data.get(f"criterion_{c.code}") == "yes"],
            "referred": recorded and data.get("referred") == "yes",
            "referred_on": data.get("referred_on"),
            "iopc_reference": data.get("iopc_reference", ""),
        }


class ReferralModeForm(GovukFormMixin, forms.Form):
    mode = GovukRadioField(
        label="What did the IOPC decide?",
        choices=IopcMode.choices[1:],
        error_messages={"required": "Select the IOPC's decision"},
    )
    decided_on = GovukDateField(
        name="The date of the decision",
        label="When did the IOPC decide?",
        earliest=dates.years_ago(30),
        latest=dates.today,
    )


class DsiForm(GovukFormMixin, forms.Form):
    summary = text_field(
        "What happened",
        name="What happened",
        required="Enter what happened",
        max_length=6000,
        rows=5,
    )
    incident_date = GovukDateField(
        name="The date of the incident",
        label="When did it happen? (optional)",
        required=False,
        earliest=dates.years_ago(30),
        latest=dates.today,
    )
    incident_place = text_field(
        "Where did it happen? (optional)", name="The place", required=None, max_length=200
    )
    received_on = GovukDateField(
        name="The date PSD learnt of it",
        label="When did PSD learn of it?",
        earliest=dates.years_ago(30),
        latest=dates.today,
    )
    referred_on = GovukDateField(
        name="The referral date",
        label="When was it referred to the IOPC?",
        earliest=dates.years_ago(30),
        latest=dates.today,
    )
    iopc_reference = text_field(
        "IOPC reference (optional)", name="The IOPC reference", required=None, max_length=40
    )
