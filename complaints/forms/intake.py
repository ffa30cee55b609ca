"""Forms for intake: the public complaint form's question pages, the caseworker's form for a
complaint received another way (the same questions, asked about the complainant), and the two
decisions on an intake. They check what was typed; the services decide the rest."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.validators import EmailValidator
from django.utils import timezone

from complaints.models import Channel, ContactPreference
from complaints.services.intake import STAFF_CHANNELS, ComplaintDetails
from standards.core import dates
from standards.core.fields import (
    GovukDateField,
    GovukDateInput,
    GovukRadioField,
    GovukRadios,
    text_field,
)
from standards.core.forms import GovukFormMixin

# A complaint is normally made within 12 months, but an older one may still be recorded (the
# appropriate authority decides whether the delay matters); over 10 years is a slip of the keys.
EARLIEST_INCIDENT = dates.years_ago(10)

# The shape of a UK postcode (outward code, inward code), typed with or without its space.
UK_POSTCODE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}")

CONTACT_HINTS = {
    ContactPreference.EMAIL: "We will write to the e-mail address you give.",
    ContactPreference.PHONE: "We will call the number you give.",
    ContactPreference.LETTER: "We will post letters to the address you give.",
}


class AboutYouForm(GovukFormMixin, forms.Form):
    name = text_field(
        "Full name",
        name="Your full name",
        required="Enter your full name",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    email = forms.CharField(
        label="E-mail address (optional)",
        required=False,
        max_length=254,
        help_text="We will send your reference number to this address.",
        validators=[EmailValidator("Enter an e-mail address in the correct format, like "
                                   "name@example.com")],
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"max_length": "E-mail address must be 254 characters or fewer"},
    )  # fmt: skip
    phone = forms.CharField(
        label="Phone number (optional)",
        required=False,
        max_length=40,
        help_text="For international numbers include the country code.",
        widget=forms.TextInput(
            attrs={"autocomplete": "tel", "type": "tel", "class": "govuk-input--width-20"}
        ),
        error_messages={"max_length": "Phone number must be 40 characters or fewer"},
    )
    address = text_field(
        "Postal address (optional)",
        name="Your postal address",
        required=None,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        label="Postcode (optional)",
        required=False,
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}
        ),
        error_messages={"max_length": "Postcode must be 10 characters or fewer"},
    )
    contact_preference = GovukRadioField(
        label="How should we contact you?",
        choices=ContactPreference.choices,
        hints=CONTACT_HINTS,
        error_messages={
            "required": "Select how we should contact you",
            "invalid_choice": "Select how we should contact you",
        },
    )
    adjustments = text_field(
        "Do you need us to do anything differently? (optional)",
        name="What you need us to do differently",
        required=None,
        max_length=1000,
        rows=3,
        help_text="For example, large print, an interpreter, a British Sign Language "
        "interpreter, or someone to speak for you.",
    )

    NEEDS = {
        ContactPreference.EMAIL: ("email", "Enter an e-mail address, or choose another way"),
        ContactPreference.PHONE: ("phone", "Enter a phone number, or choose another way"),
        ContactPreference.LETTER: ("address", "Enter a postal address, or choose another way"),
    }

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = [c for c in phone if c.isdigit()]
        if phone and (len(digits) < 10 or any(c not in "0123456789 +()-" for c in phone)):
            raise forms.ValidationError(
                "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
            )
        return phone

    def clean_postcode(self) -> str:
        postcode = "".join(self.cleaned_data["postcode"].upper().split())
        if postcode and not UK_POSTCODE.fullmatch(postcode):
            raise forms.ValidationError("Enter a real postcode, like TS1 2AB")
        return f"{postcode[:-3]} {postcode[-3:]}" if postcode else ""

    def clean(self):
        cleaned = super().clean()
        needed = self.NEEDS.get(cleaned.get("contact_preference"))
        if needed and not cleaned.get(needed[0]) and needed[0] not in self.errors:
            self.add_error(needed[0], needed[1])
        return cleaned


class WhatHappenedForm(GovukFormMixin, forms.Form):
    incident_date = GovukDateField(
        name="The date it happened",
        label="When did it happen?",
        help_text="If you are not sure of the exact date, give your best guess.",
        earliest=EARLIEST_INCIDENT,
        latest=dates.today,
        error_messages={"required": "Enter the date it happened"},
    )
    incident_place = text_field(
        "Where did it happen?",
        name="Where it happened",
        required="Enter where it happened",
        max_length=200,
        help_text="For example, the street and town, or the police station.",
    )
    officers_named = text_field(
        "Which officers or staff were involved? (optional)",
        name="The officers or staff involved",
        required=None,
        max_length=1000,
        rows=3,
        help_text="Put each person on a new line. Give their name, collar number or a "
        "description if you know them, for example 'PC 1234' or 'a tall officer with a beard'.",
    )
    what_happened = text_field(
        "What happened?",
        name="What happened",
        required="Tell us what happened",
        max_length=5000,
        rows=8,
        help_text="Tell us in your own words what the officers or staff did, or did not do, and "
        "how it affected you.",
    )
    outcome_wanted = text_field(
        "What would you like to happen? (optional)",
        name="What you would like to happen",
        required=None,
        max_length=2000,
        rows=4,
        help_text="For example, an apology, an explanation, or for the officer to learn from it.",
    )


PUBLIC_STEPS = (AboutYouForm, WhatHappenedForm)


def details_from(answers: dict) -> ComplaintDetails:
    """The service's details from the cleaned answers of the question pages."""
    fields = ComplaintDetails.__dataclass_fields__
    return ComplaintDetails(**{k: v for k, v in answers.items() if k in fields})


# --- staff recording ---------------------------------------------------------------------------

_STAFF_WORDS = {
    "name": ("The complainant's full name", "Enter the complainant's full name"),
    "email": ("Their e-mail address (optional)", None),
    "phone": ("Their phone number (optional)", None),
    "address": ("Their postal address (optional)", None),
    "postcode": ("Their postcode (optional)", None),
    "contact_preference": ("How do they want to be contacted?", "Select how they want to be "
                           "contacted"),
    "adjustments": ("Adjustments they asked for (optional)", None),
    "incident_date": ("When did it happen?", None),
    "incident_place": ("Where did it happen?", None),
    "officers_named": ("Officers or staff they named (optional)", None),
    "what_happened": ("What happened, in their words", "Say what happened"),
    "outcome_wanted": ("What they would like to happen (optional)", None),
}  # fmt: skip

CHANNEL_HINTS = {Channel.POLICING_BODY: "The police and crime commissioner's office passed it on."}


class StaffRecordForm(AboutYouForm, WhatHappenedForm):
    """A complaint received by phone, letter, e-mail, in person or through the local policing
    body: how and when it came, then the same questions as the online form."""

    channel = GovukRadioField(
        label="How was the complaint received?",
        choices=[(c.value, c.label) for c in STAFF_CHANNELS],
        hints=CHANNEL_HINTS,
        error_messages={
            "required": "Select how the complaint was received",
            "invalid_choice": "Select how the complaint was received",
        },
    )
    received_on = GovukDateField(
        name="The date it was received",
        label="When was it received?",
        earliest=dates.years_ago(1),
        latest=dates.today,
        error_messages={"required": "Enter the date it was received"},
    )
    received_time = forms.TimeField(
        label="Time received (optional)",
        required=False,
        help_text="Use the 24-hour clock, for example 14:30.",
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
        error_messages={"invalid": "Enter the time received like 14:30"},
    )

    field_order = ["channel", "received_on", "received_time"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["incident_date"].required = False  # the caller may not know
        for name, (label, required) in _STAFF_WORDS.items():
            self.fields[name].label = label
            if required:
                self.fields[name].error_messages["required"] = required
        self.fields["email"].help_text = ""
        self.fields["phone"].help_text = ""
        self.fields["contact_preference"].hints = {}
        self.fields["adjustments"].help_text = "For example, large print or an interpreter."
        self.fields["what_happened"].help_text = "As they told it: what the officers or staff " \
            "did, or did not do, and how it affected them."  # fmt: skip
        self.fields["outcome_wanted"].help_text = ""
        self.fields["incident_date"].help_text = "Leave this empty if they do not know."
        self.NEEDS = {
            ContactPreference.EMAIL: ("email", "Enter their e-mail address, or choose another way"),
            ContactPreference.PHONE: ("phone", "Enter their phone number, or choose another way"),
            ContactPreference.LETTER: ("address", "Enter their address, or choose another way"),
        }
        # The hints changed above: point each input at the hints it now has.
        for name, field in self.fields.items():
            if not isinstance(field.widget, (GovukDateInput, GovukRadios)):
                self._describe(name)

    def clean(self):
        cleaned = super().clean()
        on, at = cleaned.get("received_on"), cleaned.get("received_time")
        if on is not None:
            when = timezone.make_aware(dt.datetime.combine(on, at or dt.time(9, 0)))
            if when > timezone.now():
                self.add_error("received_time", "The time received must be in the past")
            cleaned["received_at"] = when
        return cleaned

    def details(self) -> ComplaintDetails:
        return details_from(self.cleaned_data)


# --- decisions on an intake --------------------------------------------------------------------


class OpenCaseForm(GovukFormMixin, forms.Form):
    note = text_field(
        "Note",
        name="The note",
        required="Add a note saying why this is a new complaint",
        max_length=2000,
        rows=3,
        help_text="Why it is a new complaint, for example 'No open case for this complainant'.",
    )


class AddToCaseForm(GovukFormMixin, forms.Form):
    case = GovukRadioField(
        label="Which case is it an update to?",
        choices=[],
        error_messages={
            "required": "Select the case it adds to",
            "invalid_choice": "Select one of the cases shown",
        },
    )
    note = text_field(
        "Note",
        name="The note",
        required="Add a note saying why it belongs to that case",
        max_length=2000,
        rows=3,
        help_text="For example, 'Same complainant and incident: a chaser about the delay'.",
    )

    def __init__(self, *args, matches=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [
            (str(m.case.pk), f"{m.case.reference}: {m.case.get_status_display()}") for m in matches
        ]
        self.fields["case"].hints = {str(m.case.pk): "; ".join(m.reasons) for m in matches}
