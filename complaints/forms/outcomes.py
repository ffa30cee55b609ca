"""The outcome form: a result and the actions taken for each allegation of the case, the date of
the outcome and why. The fields are made per allegation (``result_<pk>``, ``actions_<pk>``), so
the service's errors land on the allegation they are about."""

from __future__ import annotations

from django import forms

from complaints.models import Allegation, ComplaintResult
from standards.core import dates
from standards.core.fields import GovukDateField, GovukRadioField, text_field
from standards.core.forms import GovukFormMixin

RESULT_CHOICES = [(value, label) for value, label in ComplaintResult.choices if value]
RESULT_HINTS = {
    ComplaintResult.ACCEPTABLE: "The service the complainant received met the standard expected.",
    ComplaintResult.NOT_ACCEPTABLE: "The service fell below the standard expected.",
    ComplaintResult.UNABLE: "There is not enough information to say either way.",
}


class OutcomeForm(GovukFormMixin, forms.Form):
    outcome_on = GovukDateField(
        name="The date of the outcome",
        label="Date of the outcome",
        help_text="The day the outcome was decided.",
        earliest=dates.years_ago(5),
        latest=dates.today,
    )
    rationale = text_field(
        "Why is this the outcome?",
        name="The reasons for the outcome",
        required="Explain why this is the outcome",
        max_length=5000,
        rows=6,
        help_text="This goes into the outcome letter: write it for the complainant, in plain "
        "English.",
    )

    def __init__(self, *args, allegations: list[Allegation], **kwargs) -> None:
        self.allegations = allegations
        fields: dict[str, forms.Field] = {}
        for number, allegation in enumerate(allegations, start=1):
            fields[f"result_{allegation.pk}"] = GovukRadioField(
                label=f"Result of allegation {number}",
                choices=RESULT_CHOICES,
                hints=RESULT_HINTS,
                initial=allegation.result or None,
                error_messages={"required": f"Select the result of allegation {number}"},
            )
            fields[f"actions_{allegation.pk}"] = text_field(
                f"What was done about allegation {number}?",
                name=f"What was done about allegation {number}",
                required=f"Say what was done about allegation {number}, or 'No further action'",
                max_length=2000,
                rows=3,
                initial=allegation.actions_taken,
                help_text="For example an apology, learning for the officer, a change of "
                "procedure, or 'No further action'.",
            )
        # Per-instance fields, in allegation order before the date and reasons; set before
        # the form copies its fields, so GovukFormMixin styles them like any other.
        self.base_fields = {**fields, **type(self).base_fields}
        super().__init__(*args, **kwargs)

    def rows(self):
        """Each allegation with its two bound fields, for the template."""
        return [
            (number, allegation, self[f"result_{allegation.pk}"], self[f"actions_{allegation.pk}"])
            for number, allegation in enumerate(self.allegations, start=1)
        ]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "results": {a: data[f"result_{a.pk}"] for a in self.allegations},
            "actions_taken": {a: data[f"actions_{a.pk}"] for a in self.allegations},
            "outcome_on": data["outcome_on"],
            "rationale": data["rationale"],
        }
