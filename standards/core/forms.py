"""GOV.UK Design System styling for Django forms, in one place so every form looks the same."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

_WIDGET_CLASSES: tuple[tuple[type[forms.Widget], str, str], ...] = (
    (forms.CheckboxInput, "govuk-checkboxes__input", ""),
    (forms.RadioSelect, "govuk-radios__input", ""),
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input", ""),
    (forms.Select, "govuk-select", "govuk-select--error"),
    (forms.Textarea, "govuk-textarea", "govuk-textarea--error"),
    (forms.FileInput, "govuk-file-upload", "govuk-file-upload--error"),
    (forms.widgets.Input, "govuk-input", "govuk-input--error"),
)


class GovukFormMixin:
    """Adds the GOV.UK classes to widgets and links hints and errors with aria-describedby."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            for widget_type, css, _ in _WIDGET_CLASSES:
                if isinstance(field.widget, widget_type):
                    existing = field.widget.attrs.get("class", "")
                    field.widget.attrs["class"] = f"{css} {existing}".strip()
                    break
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            for widget_type, _, error_css in _WIDGET_CLASSES:
                if isinstance(widget, widget_type):
                    if error_css:
                        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {error_css}"
                    break
            described = widget.attrs.get("aria-describedby", "")
            widget.attrs["aria-describedby"] = f"{described} id_{name}-error".strip()


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: against the field it names where the form
    has that field, otherwise at the top of the error summary."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
