"""Forms for business interests. They check what a person typed; the services decide whether the
step may be taken (who, and when)."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from registers.interests.models import (
    APPEAL_OUTCOMES,
    APPEAL_TIME_LIMIT_DAYS,
    PSD_OUTCOMES,
    DecisionOutcome,
    InterestType,
)
from standards.core import dates
from standards.core.fields import GovukDateField, GovukRadioField, text_field
from standards.core.forms import GovukFormMixin

# The register began long after 1950, but interests held since then are declared with their true
# start; a start more than a year away is a slip of the keyboard (2062 for 2026).
EARLIEST_START = dates.on(1950)
LATEST_START = dates.years_ahead(1)

TYPE_HINTS = {
    InterestType.SECONDARY_EMPLOYMENT: "Any paid work for someone else: a second job, shifts, "
    "coaching, tutoring, door or security work, driving.",
    InterestType.OWN_BUSINESS: "Anything you run for profit yourself, including selling online "
    "or renting out property as a business.",
    InterestType.DIRECTORSHIP: "You are a company director, or hold shares in a company.",
    InterestType.VOLUNTARY_ROLE: "Unpaid roles that could conflict with your police work, for "
    "example a school governor, a charity trustee or a role with a campaign group.",
    InterestType.RELATIVE_LICENSED_PREMISES: "A relative living with you holds a licence, or has "
    "an interest in licensed premises (a pub, club, shop selling alcohol) in the force area.",
}


class ApplicationForm(GovukFormMixin, forms.Form):
    interest_type = GovukRadioField(
        label="What kind of business interest is it?",
        choices=InterestType.choices,
        hints=TYPE_HINTS,
        error_messages={"required": "Select the kind of business interest"},
    )
    organisation = text_field(
        "Name of the employer, business or premises",
        name="The name of the employer, business or premises",
        required="Enter the name of the employer, business or premises",
        max_length=200,
        help_text="For a company, its registered name. For your own business, its trading name.",
    )
    role = text_field(
        "Your role",
        name="Your role",
        required="Enter your role",
        max_length=200,
        help_text="What you will do, for example 'Bar work' or 'Director'. For a relative's "
        "licensed premises, say who the relative is and their role.",
    )
    hours_per_week = forms.DecimalField(
        label="Hours a week",
        min_value=Decimal("0"),
        max_value=Decimal("80"),
        max_digits=4,
        decimal_places=1,
        help_text="On average. Enter 0 if it takes none of your time, for example a shareholding.",
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-4", "inputmode": "decimal", "spellcheck": "false"}
        ),
        error_messages={
            "required": "Enter the hours a week, or 0 if none",
            "invalid": "Hours a week must be a number, like 7.5",
            "min_value": "Hours a week must be 0 or more",
            "max_value": "Hours a week must be 80 or fewer",
            "max_digits": "Hours a week must be 80 or fewer",
            "max_decimal_places": "Hours a week can have one decimal place, like 7.5",
        },
    )
    paid = GovukRadioField(
        label="Are you paid for it?",
        choices=[("yes", "Yes"), ("no", "No")],
        reveals={"yes": "pay_details"},
        help_text="Include wages, fees, dividends, expenses beyond what you spend, or payment in "
        "kind.",
        error_messages={"required": "Select yes if you are paid for it"},
    )
    pay_details = text_field(
        "How much, or how are you paid?",
        name="How you are paid",
        required=None,
        max_length=200,
        help_text="For example '£12 an hour' or 'Dividends, about £500 a year'.",
    )
    start_date = GovukDateField(
        name="The start date",
        label="When does it start, or when did it start?",
        help_text="Apply before you start if you can.",
        earliest=EARLIEST_START,
        latest=LATEST_START,
        error_messages={"required": "Enter the date it starts or started"},
    )
    end_date = GovukDateField(
        name="The end date",
        label="When does it end? (optional)",
        required=False,
        help_text="Leave this empty if it has no end date.",
        earliest=EARLIEST_START,
        latest=dates.years_ahead(10),
    )
    possible_conflicts = text_field(
        "How could it conflict with your police role?",
        name="How it could conflict with your police role",
        required="Say how it could conflict with your police role, or that you know of no way",
        max_length=2000,
        help_text="Think about who you would work with or for, the hours and rest you would get, "
        "and whether it could look as if you use your police role. If you know of no way, "
        "say so.",
        rows=5,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pay_details"].widget.attrs["class"] += " govuk-!-width-two-thirds"

    def clean(self):
        data = super().clean()
        if data.get("paid") == "yes" and not data.get("pay_details"):
            self.add_error("pay_details", "Enter how much you are paid, or how")
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be the same as or after the start date")
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "interest_type": data["interest_type"],
            "organisation": data["organisation"],
            "role": data["role"],
            "hours_per_week": data["hours_per_week"],
            "paid": data["paid"] == "yes",
            "pay_details": data["pay_details"] if data["paid"] == "yes" else "",
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "possible_conflicts": data["possible_conflicts"],
        }


class RecommendForm(GovukFormMixin, forms.Form):
    outcome = GovukRadioField(
        label="Do you support the application?",
        choices=[
            (DecisionOutcome.SUPPORT, "Yes, I support it"),
            (DecisionOutcome.DO_NOT_SUPPORT, "No, I do not support it"),
        ],
        hints={
            DecisionOutcome.SUPPORT: "You see no conflict with their duties, hours or rest.",
            DecisionOutcome.DO_NOT_SUPPORT: "PSD still decides, with your reasons in front of "
            "them.",
        },
        error_messages={"required": "Select whether you support the application"},
    )
    rationale = text_field(
        "Your reasons",
        name="Your reasons",
        required="Enter the reasons for your recommendation",
        max_length=4000,
        help_text="The member and the Professional Standards Department will read this.",
        rows=5,
    )


class _DecisionForm(GovukFormMixin, forms.Form):
    """An outcome, conditions (revealed under the outcomes that set them), and the reasons."""

    OUTCOMES: tuple = ()
    WITH_CONDITIONS: tuple = ()
    HINTS: dict = {}

    outcome = GovukRadioField(
        label="Decision",
        error_messages={"required": "Select the decision"},
    )
    conditions = text_field(
        "Conditions",
        name="Conditions",
        required=None,
        max_length=4000,
        help_text="What the member must keep to, for example a limit on hours or customers "
        "they must not serve. One condition a line.",
        rows=4,
    )
    rationale = text_field(
        "Reasons for the decision",
        name="Reasons for the decision",
        required="Enter the reasons for the decision",
        max_length=6000,
        help_text="The member will read this. Do not mention the intelligence check or "
        "anything the CCU told you.",
        rows=6,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        outcome = self.fields["outcome"]
        outcome.choices = [(o.value, o.label) for o in self.OUTCOMES]
        outcome.hints = {str(value): hint for value, hint in self.HINTS.items()}
        outcome.reveals = {value: "conditions" for value in self.WITH_CONDITIONS}

    def clean(self):
        data = super().clean()
        if data.get("outcome") in self.WITH_CONDITIONS and not data.get("conditions"):
            self.add_error("conditions", "Enter the conditions the member must keep to")
        return data

    @property
    def chosen(self) -> tuple[str, str]:
        """The outcome chosen (label, and what it means), for the page that checks it."""
        outcome = DecisionOutcome(self.cleaned_data["outcome"])
        return outcome.label, self.HINTS.get(outcome, "")

    @property
    def sets_conditions(self) -> bool:
        return self.cleaned_data["outcome"] in self.WITH_CONDITIONS


class DecisionForm(_DecisionForm):
    OUTCOMES = PSD_OUTCOMES
    WITH_CONDITIONS = (DecisionOutcome.COMPATIBLE_WITH_CONDITIONS.value,)
    HINTS = {
        DecisionOutcome.COMPATIBLE: "The member may go ahead. It is reviewed in a year.",
        DecisionOutcome.COMPATIBLE_WITH_CONDITIONS: "The member may go ahead if they keep to "
        f"conditions. They may appeal the conditions within {APPEAL_TIME_LIMIT_DAYS} days.",
        DecisionOutcome.INCOMPATIBLE: "The member must not go ahead. They may appeal to a chief "
        f"officer within {APPEAL_TIME_LIMIT_DAYS} days.",
    }

    spoke_to_ccu = forms.BooleanField(
        label="I have spoken to the CCU about the trace before deciding",
        required=False,
    )

    def __init__(self, *args, trace: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not trace:
            del self.fields["spoke_to_ccu"]
        self.trace = trace

    def clean(self):
        data = super().clean()
        if self.trace and not data.get("spoke_to_ccu"):
            self.add_error(
                "spoke_to_ccu", "Speak to the CCU about the trace, then confirm you have"
            )
        return data


class ReviewForm(_DecisionForm):
    OUTCOMES = PSD_OUTCOMES
    WITH_CONDITIONS = (DecisionOutcome.COMPATIBLE_WITH_CONDITIONS.value,)
    HINTS = {
        DecisionOutcome.COMPATIBLE: "It may carry on as it is. The next review is in a year.",
        DecisionOutcome.COMPATIBLE_WITH_CONDITIONS: "It may carry on if the member keeps to the "
        "conditions (new or changed ones replace the old).",
        DecisionOutcome.INCOMPATIBLE: "The member must give it up. They may appeal to a chief "
        f"officer within {APPEAL_TIME_LIMIT_DAYS} days.",
    }


class AppealDecisionForm(_DecisionForm):
    OUTCOMES = APPEAL_OUTCOMES
    WITH_CONDITIONS = (DecisionOutcome.APPEAL_UPHELD_WITH_CONDITIONS.value,)
    HINTS = {
        DecisionOutcome.APPEAL_UPHELD: "The member may go ahead without conditions.",
        DecisionOutcome.APPEAL_UPHELD_WITH_CONDITIONS: "The member may go ahead with the "
        "conditions you set here (they replace any set before).",
        DecisionOutcome.APPEAL_DISMISSED: "The decision appealed stands. This is final.",
    }


class AppealForm(GovukFormMixin, forms.Form):
    grounds = text_field(
        "Why should the decision be changed?",
        name="Your grounds",
        required="Enter the grounds of your appeal",
        max_length=6000,
        help_text="Explain what you think was wrong with the decision, and anything the "
        "decision maker did not know. A chief officer will read this and decide personally.",
        rows=8,
    )


class WithdrawForm(GovukFormMixin, forms.Form):
    reason = text_field(
        "Why are you withdrawing it? (optional)",
        name="The reason",
        required=None,
        max_length=2000,
        help_text="For example, you decided not to take the job.",
        rows=3,
    )


class EndForm(GovukFormMixin, forms.Form):
    ended_on = GovukDateField(
        name="The date it ended",
        label="When did it end?",
        earliest=EARLIEST_START,
        latest=dates.today,
        error_messages={"required": "Enter the date it ended"},
    )
    reason = text_field(
        "Anything PSD should know (optional)",
        name="What PSD should know",
        required=None,
        max_length=2000,
        rows=3,
    )


class ExportForm(GovukFormMixin, forms.Form):
    recipient = text_field(
        "Who is the export for?",
        name="Who the export is for",
        required="Enter who the export is for",
        max_length=300,
        help_text="A name and purpose, for example 'HMICFRS inspection team, PEEL 2026'. It is "
        "recorded in the access log.",
    )
    # Which of the page's two download buttons was pressed.
    file_format = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "XLSX")], required=False)

    def clean_file_format(self) -> str:
        return self.cleaned_data["file_format"] or "csv"
