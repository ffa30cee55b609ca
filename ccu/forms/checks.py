"""The CCU's answer to an intelligence check."""

from __future__ import annotations

from django import forms

from standards.core.fields import GovukRadioField, text_field
from standards.core.forms import GovukFormMixin
from standards.exchange.models import CheckAnswer


class CheckAnswerForm(GovukFormMixin, forms.Form):
    answer = GovukRadioField(
        label="Answer to give PSD",
        choices=CheckAnswer.choices,
        hints={
            CheckAnswer.NO_TRACE: "Nothing held that bears on the application. PSD may decide.",
            CheckAnswer.TRACE: "PSD is told to speak to the CCU before deciding, and nothing more.",
        },
        error_messages={"required": "Select the answer to give PSD"},
    )
    ccu_note = text_field(
        "Note for the CCU",
        name="The note",
        required=None,
        max_length=4000,
        rows=5,
        help_text="What was searched and what was found, with references. It stays in the CCU: "
        "PSD sees only the answer.",
    )

    def clean(self):
        data = super().clean()
        if data.get("answer") == CheckAnswer.TRACE and not data.get("ccu_note"):
            self.add_error(
                "ccu_note", "Enter a note for the CCU saying what the trace is and who holds it"
            )
        return data
