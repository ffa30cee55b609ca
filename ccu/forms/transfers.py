"""Forms for transfer disclosures: an outgoing pack's answers, and an incoming pack's upload."""

from __future__ import annotations

from django import forms

from ccu.services.transfers import MAX_PACK_WORDS
from standards.core.fields import text_field
from standards.core.forms import GovukFormMixin


def _staff_number() -> forms.Field:
    return text_field(
        "Staff number",
        name="The staff number",
        max_length=20,
        required="Enter the staff number",
        help_text="As it appears in the staff directory.",
    )


class OutgoingForm(GovukFormMixin, forms.Form):
    staff_number = _staff_number()
    other_force = text_field(
        "Force they are moving to",
        name="The force",
        max_length=150,
        required="Enter the force they are moving to",
    )
    recipient = text_field(
        "Who the pack is for",
        name="Who the pack is for",
        max_length=200,
        required="Enter who the pack is for",
        help_text="Their name and role, for example the head of professional standards.",
    )
    intelligence_summary = text_field(
        "Sanitised intelligence summary (optional)",
        name="The intelligence summary",
        max_length=5000,
        rows=6,
        required=None,
        help_text="The only intelligence that leaves the force: no source, no report reference, "
        "nothing that could identify how the CCU knows it. Leave it empty if there is none to "
        "share.",
    )


class IncomingForm(GovukFormMixin, forms.Form):
    staff_number = _staff_number()
    other_force = text_field(
        "Force they are joining from",
        name="The force",
        max_length=150,
        required="Enter the force they are joining from",
    )
    sender = text_field(
        "Who sent the pack",
        name="Who sent the pack",
        max_length=200,
        required="Enter who sent the pack",
        help_text="Their name and role.",
    )
    pack = forms.FileField(
        label="Upload the pack",
        help_text=f"A PDF, smaller than {MAX_PACK_WORDS}.",
        error_messages={
            "required": "Select the pack to upload",
            "empty": "The selected file is empty",
        },
    )
