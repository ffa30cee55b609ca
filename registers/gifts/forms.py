"""Forms for gifts and hospitality. They check the shape of each answer; the services check the
rules (dates, values, who may act), so a rule holds whichever way a change arrives."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from registers.gifts.models import (
    Direction,
    DonorType,
    Gift,
    Kind,
    Outcome,
    Response,
)
from registers.gifts.services import GiftDetails
from standards.core import dates
from standards.core.fields import GovukDateField, GovukRadioField, text_field
from standards.core.forms import GovukFormMixin


class PoundsField(forms.DecimalField):
    """Pounds and pence, as people type them on a phone: "£12.50", "1,200", " 8 "."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("£", "").replace(",", "").strip()
        return super().to_python(value)


class GiftForm(GovukFormMixin, forms.Form):
    """The declaration: one offer, received or given, accepted or declined."""

    direction = GovukRadioField(
        label="Were you offered it, or did you give it?",
        choices=Direction.choices,
        error_messages={"required": "Select whether you were offered it or gave it"},
    )
    kind = GovukRadioField(
        label="Was it a gift or hospitality?",
        choices=Kind.choices,
        help_text="Hospitality is a meal, drinks, tickets, travel, a stay or an event.",
        error_messages={"required": "Select whether it was a gift or hospitality"},
    )
    response = GovukRadioField(
        label="Was it accepted or declined?",
        choices=Response.choices,
        help_text="Declare it even if it was turned down. If you gave it, say whether it "
        "was accepted.",
        error_messages={"required": "Select whether it was accepted or declined"},
    )
    description = text_field(
        "What was it?",
        name="The description",
        max_length=2000,
        rows=3,
        required="Describe the gift or hospitality",
        help_text="For example: a bottle of red wine; lunch for two at a restaurant; two tickets "
        "to a football match.",
    )
    estimated_value = PoundsField(
        label="Roughly how much was it worth, in pounds?",
        min_value=Decimal("0"),
        max_value=Decimal("9999999.99"),
        max_digits=9,
        decimal_places=2,
        help_text="Your best guess of what it would cost to buy. Enter 0 if it had no value.",
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-10",
                "inputmode": "decimal",
                "spellcheck": "false",
            }
        ),
        error_messages={
            "required": "Enter the value of the gift",
            "invalid": "Enter the value as a number of pounds, like 12.50",
            "min_value": "The value must be £0 or more",
            "max_value": "The value must be less than £10,000,000",
            "max_digits": "The value must be less than £10,000,000",
            "max_decimal_places": "Enter the value in pounds and pence, like 12.50",
            "max_whole_digits": "The value must be less than £10,000,000",
        },
    )
    # Declarations are due within 28 days; one older than 2 years is a slip of the keyboard (2024
    # for 2026), and a gift cannot be declared before it is offered.
    offered_on = GovukDateField(
        name="The date it was offered or given",
        label="When was it offered or given?",
        earliest=dates.years_ago(2),
        latest=dates.today,
    )
    donor_name = text_field(
        "Who offered it? If you gave it, who did you give it to?",
        name="Who offered it",
        max_length=200,
        required="Enter who offered it, or who you gave it to",
        help_text="The person's name, or the name of the business or organisation.",
    )
    donor_type = GovukRadioField(
        label="Who are they?",
        choices=DonorType.choices,
        error_messages={"required": "Select who they are"},
    )
    business_reason = text_field(
        "Why was it offered?",
        name="Why it was offered",
        max_length=2000,
        rows=3,
        required="Enter why it was offered",
        help_text="What it was for, or the work it relates to. For example: a thank you from a "
        "resident after I helped with a neighbour dispute.",
    )

    def details(self) -> GiftDetails:
        data = self.cleaned_data
        return GiftDetails(**{name: data[name] for name in GiftDetails.__dataclass_fields__})

    @classmethod
    def initial_from(cls, gift: Gift) -> dict:
        return {name: getattr(gift, name) for name in GiftDetails.__dataclass_fields__}


class GiftUpdateForm(GiftForm):
    reason = text_field(
        "What have you changed, and why?",
        name="What you changed and why",
        max_length=2000,
        rows=3,
        required="Enter what you changed and why",
        help_text="This is kept with your declaration's history.",
    )


class GiftRecordForm(GiftForm):
    """PSD records a declaration that reached it on paper or by e-mail."""

    staff_number = text_field(
        "Staff number of the person who made the declaration",
        name="The staff number",
        max_length=20,
        required="Enter the staff number of the person who declared it",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    note = text_field(
        "How did the declaration reach PSD?",
        name="How the declaration reached PSD",
        max_length=2000,
        rows=2,
        required="Say how the declaration reached PSD",
        help_text="For example: paper form handed in at Kirkwell station on 3 March.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The caseworker types in someone else's declaration: the questions speak of the member.
        for name, words in ABOUT_THE_MEMBER.items():
            field = self.fields[name]
            for attribute in ("label", "help_text", "choices"):
                if attribute in words:
                    setattr(field, attribute, words[attribute])
            if "required" in words:
                field.error_messages["required"] = words["required"]


# The declaration's questions where they speak to the member, as PSD reads them for someone else.
ABOUT_THE_MEMBER: dict[str, dict] = {
    "direction": {
        "label": "Was the member offered it, or did they give it?",
        "choices": [
            (Direction.RECEIVED, "Offered to them"),
            (Direction.GIVEN, "Given or offered by them"),
        ],
        "required": "Select whether they were offered it or gave it",
    },
    "response": {
        "help_text": "Record it even if it was turned down. If they gave it, say whether it "
        "was accepted.",
    },
    "estimated_value": {
        "help_text": "The member's estimate of what it would cost to buy. Enter 0 if it had no "
        "value.",
    },
    "donor_name": {
        "label": "Who offered it? If they gave it, who did they give it to?",
        "required": "Enter who offered it, or who they gave it to",
    },
    "business_reason": {
        "help_text": "What it was for, or the work it relates to. For example: a thank you from "
        "a resident after they helped with a neighbour dispute.",
    },
}


class WithdrawForm(GovukFormMixin, forms.Form):
    reason = text_field(
        "Why are you withdrawing it?",
        name="The reason",
        max_length=2000,
        rows=3,
        required="Enter why you are withdrawing it",
        help_text="For example: I declared the same gift twice. The declaration stays on your "
        "record, marked withdrawn.",
    )


class DecisionForm(GovukFormMixin, forms.Form):
    outcome = GovukRadioField(
        label="Decision",
        choices=Outcome.choices,
        error_messages={"required": "Choose a decision"},
    )
    rationale = text_field(
        "Reasons",
        name="Reasons",
        max_length=5000,
        rows=5,
        required="Enter the reasons for the decision",
        help_text="Why this is the right outcome. The member sees this.",
    )
    conditions = text_field(
        "Conditions (optional)",
        name="Conditions",
        max_length=2000,
        rows=2,
        required=None,
        help_text="For example: donate to the force's charity raffle within 14 days.",
    )


EXPORT_FORMATS = (("csv", "CSV (comma-separated values)"), ("xlsx", "Excel workbook (XLSX)"))


class ExportForm(GovukFormMixin, forms.Form):
    recipient = text_field(
        "Who is this export for?",
        name="Who the export is for",
        max_length=300,
        required="Enter who the export is for",
        help_text="The person or body it is being disclosed to, and why. For example: HMICFRS "
        "inspection team, integrity inspection 2026. This goes in the access log.",
    )
    file_format = GovukRadioField(
        label="Format",
        choices=EXPORT_FORMATS,
        initial="csv",
        error_messages={"required": "Choose a format"},
    )
