"""Reviews: the complainant's application (recorded by PSD) and the review body's result."""

from __future__ import annotations

from django import forms

from complaints.models import ReviewResult
from standards.core import dates
from standards.core.fields import GovukDateField, GovukRadioField, text_field
from standards.core.forms import GovukFormMixin


class ReviewApplicationForm(GovukFormMixin, forms.Form):
    applied_on = GovukDateField(
        name="The date they applied",
        label="When did the complainant apply for a review?",
        help_text="The date the review body or PSD received the application.",
        earliest=dates.years_ago(2),
        latest=dates.today,
    )
    grounds = text_field(
        "Why is the complainant not satisfied with the outcome?",
        name="The grounds",
        required="Say why the complainant is not satisfied with the outcome",
        max_length=5000,
        rows=5,
    )
    late_reason = text_field(
        "If the application is late: why did they not apply in time?",
        name="The explanation for the late application",
        required=None,
        max_length=2000,
        rows=3,
        help_text="Only for an application after the last day. A late application is still "
        "recorded; the review body decides whether to consider it.",
    )


class ReviewDecisionForm(GovukFormMixin, forms.Form):
    result = GovukRadioField(
        label="What is the result of the review?",
        choices=[(value, label) for value, label in ReviewResult.choices if value],
        reveals={ReviewResult.UPHELD: "recommendation"},
        error_messages={"required": "Select the result of the review"},
    )
    recommendation = text_field(
        "What does the review body recommend?",
        name="The recommendation",
        required=None,
        max_length=5000,
        rows=4,
        help_text="For example that the complaint is looked at again, or that an apology is made.",
    )
    rationale = text_field(
        "Reasons for the result",
        name="The reasons",
        required="Give the reasons for the result",
        max_length=5000,
        rows=6,
        help_text="These go to the complainant in the review outcome letter.",
    )

    def clean(self):
        data = super().clean()
        if data.get("result") == ReviewResult.UPHELD and not data.get("recommendation"):
            self.add_error("recommendation", "Say what the review body recommends")
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        upheld = data["result"] == ReviewResult.UPHELD
        return {
            "result": data["result"],
            "recommendation": data["recommendation"] if upheld else "",
            "rationale": data["rationale"],
        }
