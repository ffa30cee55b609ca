"""PSD's form for a list of people put up for intelligence checks."""

from __future__ import annotations

import re

from django import forms

from standards.core.fields import GovukRadioField, text_field
from standards.core.forms import GovukFormMixin
from standards.exchange.models import CheckListPurpose

# Staff numbers typed one a line, or pasted from a spreadsheet or an e-mail: split on anything
# that cannot be part of one.
_SEPARATORS = re.compile(r"[\s,;]+")


class CheckListForm(GovukFormMixin, forms.Form):
    title = text_field(
        "Title",
        name="The title",
        max_length=150,
        required="Enter a title for the list",
        help_text="What the list is, for example Inspector promotion board, March 2027. The CCU "
        "sees it with each check.",
    )
    purpose = GovukRadioField(
        label="What are the checks for?",
        choices=CheckListPurpose.choices,
        hints={
            CheckListPurpose.VETTING: "A vetting check can be a list of one.",
        },
        error_messages={"required": "Select what the checks are for"},
    )
    staff_numbers = text_field(
        "Staff numbers",
        name="The staff numbers",
        max_length=4000,
        rows=8,
        required="Enter the staff numbers of the people to check, one a line",
        help_text="One a line, or paste them from a spreadsheet. A number entered twice is "
        "checked once. You cannot put yourself on a list.",
    )

    def clean_staff_numbers(self) -> list[str]:
        raw = self.cleaned_data["staff_numbers"]
        return list(dict.fromkeys(part for part in _SEPARATORS.split(raw) if part))
