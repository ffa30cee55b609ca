"""The CCU's answer to an intelligence check."""

from __future__ import annotations

from django import forms

from standards.core.forms import GovukFormMixin, GovukRadios, radio_options
from standards.core.validators import no_markup
from standards.exchange.models import CheckAnswer


class CheckAnswerForm(GovukFormMixin, forms.Form):
    answer = forms.ChoiceField(
        label="Answer to give PSD",
        choices=CheckAnswer.choices,
        widget=GovukRadios,
        error_messages={"required": "Select the answer to give PSD"},
    )
    ccu_note = forms.CharField(
        label="Note for the CCU",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[no_markup],
        help_text="What was searched and what was found, with references. It stays in the CCU: "
        "PSD sees only the answer.",
        error_messages={"max_length": "The note must be 4,000 characters or fewer"},
    )

    def clean(self):
        data = super().clean()
        if data.get("answer") == CheckAnswer.TRACE and not data.get("ccu_note"):
            self.add_error(
                "ccu_note", "Enter a note for the CCU saying what the trace is and who holds it"
            )
        return data

    @property
    def answer_options(self):
        return radio_options(
            self["answer"],
            hints={
                CheckAnswer.NO_TRACE: "Nothing held that bears on the application. PSD may decide.",
                CheckAnswer.TRACE: "PSD is told to speak to the CCU before deciding, and nothing "
                "more.",
            },
        )
