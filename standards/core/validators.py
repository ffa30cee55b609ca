"""Validators every form uses for free text."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|javascript\s*:", re.IGNORECASE)


def no_markup(value: str) -> None:
    """Refuse HTML or script in free text: nobody needs it to describe a gift or an interest, and
    a payload stored today is an attack on whoever exports the register tomorrow."""
    if value and _MARKUP.search(value):
        raise ValidationError(
            "Remove the HTML or script from this answer: write it as plain text",
            code="markup",
        )
