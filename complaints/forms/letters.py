"""Writing a letter: which template, to which complainant, and how it is sent."""

from __future__ import annotations

from django import forms

from complaints.models import Complainant, ContactPreference, LetterTemplate
from standards.core.fields import GovukRadioField
from standards.core.forms import GovukFormMixin

TEMPLATE_HINTS = {
    "acknowledgement": "Tells the complainant their complaint has arrived and what happens next.",
    "handling": "Tells them how their complaint is being dealt with.",
    "outcome": "Tells them the outcome and how to apply for a review.",
    "review_outcome": "Tells them the review body's result. Sending it closes the case.",
}


class LetterForm(GovukFormMixin, forms.Form):
    template = GovukRadioField(
        label="Which letter?", error_messages={"required": "Select which letter to write"}
    )
    complainant = GovukRadioField(
        label="To whom?", error_messages={"required": "Select who the letter is to"}
    )
    method = GovukRadioField(
        label="How will it be sent?",
        choices=ContactPreference.choices,
        help_text="The complainant's preference is selected.",
        error_messages={"required": "Select how the letter will be sent"},
    )

    def __init__(
        self,
        *args,
        templates: list[LetterTemplate],
        complainants: list[Complainant],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.templates = {str(template.pk): template for template in templates}
        self.complainants = {str(person.pk): person for person in complainants}
        self.fields["template"].choices = [(pk, t.name) for pk, t in self.templates.items()]
        self.fields["template"].hints = {
            pk: TEMPLATE_HINTS.get(t.kind, "") for pk, t in self.templates.items()
        }
        self.fields["complainant"].choices = [
            (pk, person.name) for pk, person in self.complainants.items()
        ]
        self.fields["complainant"].hints = {
            pk: f"Prefers {person.get_contact_preference_display().lower()}"
            for pk, person in self.complainants.items()
        }
        if len(self.complainants) == 1:
            only = next(iter(self.complainants.values()))
            self.fields["complainant"].initial = str(only.pk)
            self.fields["method"].initial = only.contact_preference

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "template": self.templates[data["template"]],
            "complainant": self.complainants[data["complainant"]],
            "method": data["method"],
        }
