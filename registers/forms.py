from __future__ import annotations

from django import forms

from standards.core.fields import text_field
from standards.core.forms import GovukFormMixin


class AnnualDeclarationForm(GovukFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label="I have declared every gift, hospitality, business interest and notifiable "
        "association I must, and I have nothing further to declare",
        error_messages={"required": "Confirm you have nothing further to declare"},
    )
    comments = text_field(
        "Anything you want the Professional Standards Department to know (optional)",
        name="Comments",
        required=None,
        max_length=2000,
        rows=3,
    )
