"""GOV.UK Design System styling for Django forms, in one place so every form looks the same."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.forms.widgets import ChoiceWidget

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


class GovukRadios(forms.RadioSelect):
    """Radios whose field id is the first radio's, so the error summary's link lands on it (as
    the GOV.UK pattern asks); Django's own radios have no id for the group."""

    def id_for_label(self, id_, index=None):
        return ChoiceWidget.id_for_label(self, id_, "0" if index is None else index)


@dataclass(frozen=True)
class RadioOption:
    id: str
    value: str
    label: str
    hint: str
    checked: bool
    conditional: forms.BoundField | None = None


def radio_options(
    bound: forms.BoundField,
    *,
    hints: dict[str, str] | None = None,
    conditionals: dict[str, forms.BoundField] | None = None,
) -> list[RadioOption]:
    """One entry a radio, for templates/registers/interests/includes/radios.html: GOV.UK radios
    with a hint per choice and a question revealed under a choice."""
    hints = hints or {}
    conditionals = conditionals or {}
    selected = str(bound.value()) if bound.value() not in (None, "") else None
    options = []
    for index, (value, label) in enumerate(bound.field.choices):
        if value == "":
            continue
        options.append(
            RadioOption(
                id=f"{bound.auto_id}_{index}",
                value=str(value),
                label=str(label),
                hint=hints.get(str(value), ""),
                checked=selected == str(value),
                conditional=conditionals.get(str(value)),
            )
        )
    return options
