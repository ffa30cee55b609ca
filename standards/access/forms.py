from __future__ import annotations

from django import forms

from standards.core.fields import text_field
from standards.core.forms import GovukFormMixin


class JustificationForm(GovukFormMixin, forms.Form):
    justification = text_field(
        "Why do you need to open this record?",
        name="The reason",
        required="Enter why you need to open this record",
        help_text=(
            "It is not allocated to you. Your reason is kept in the access log with your name "
            "and the time, and auditors read it."
        ),
        min_length=10,
        max_length=1000,
        rows=4,
        error_messages={"min_length": "Give a fuller reason (at least 10 characters)"},
    )
