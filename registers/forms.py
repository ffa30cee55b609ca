from __future__ import annotations

from django import forms

from standards.core.forms import GovukFormMixin
from standards.core.validators import no_markup


class AnnualDeclarationForm(GovukFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label="I have declared every gift, hospitality, business interest and notifiable "
        "association I must, and I have nothing further to declare",
        error_messages={"required": "Confirm you have nothing further to declare"},
    )
    comments = forms.CharField(
        label="Anything you want the Professional Standards Department to know (optional)",
        required=False,
        max_length=2000,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Comments must be 2,000 characters or fewer"},
    )
