"""Form fields for the GOV.UK date input (day, month, year) and radios with a hint per option.

Both are drawn by hand in templates/registers/associations/includes/ (GOV.UK markup needs a
fieldset and legend, which Django's widgets do not give). Each field's bound field exposes what the
template needs, and points ``id_for_label`` at the first input, so the error summary's link lands
on it (Django's radio and multi widgets return no id there, which leaves the link going nowhere).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")


@dataclass(frozen=True)
class DatePart:
    name: str
    id: str
    label: str
    value: str
    width: int


class DateBoundField(forms.BoundField):
    @property
    def id_for_label(self) -> str:
        return self.auto_id

    @property
    def parts(self) -> list[DatePart]:
        value = self.value()
        if isinstance(value, dt.date):
            values = [str(value.day), str(value.month), str(value.year)]
        elif isinstance(value, list | tuple):
            values = [str(v or "") for v in (*value, "", "", "")[:3]]
        else:
            values = ["", "", ""]
        return [
            DatePart(
                name=f"{self.html_name}_{index}",
                # The day's input carries the field's own id: the error summary links to it.
                id=self.auto_id if index == 0 else f"{self.auto_id}_{part}",
                label=part.capitalize(),
                value=values[index],
                width=4 if part == "year" else 2,
            )
            for index, part in enumerate(PARTS)
        ]


class DateInputWidget(forms.MultiWidget):
    def __init__(self, attrs=None) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with GOV.UK's error messages.

    ``error_messages`` needs ``required`` ("Enter the date ...") and ``invalid`` ("... must be a
    real date"); a partly filled date gets "... must include a month" built from ``name``.
    """

    widget = DateInputWidget

    def __init__(self, *, name: str, **kwargs) -> None:
        self.name = name  # how the messages speak of it: "The date you first knew them"
        parts = tuple(forms.CharField(required=False) for _ in PARTS)
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def get_bound_field(self, form, field_name):
        return DateBoundField(form, self, field_name)

    def compress(self, data_list):
        if not data_list:
            return None
        values = [(v or "").strip() for v in data_list]
        missing = [part for part, v in zip(PARTS, values, strict=True) if not v]
        if missing:
            raise ValidationError(
                f"{self.name} must include a {' and '.join(missing)}", code="incomplete"
            )
        day, month, year = values
        if len(year) != 4 or not all(v.isdigit() for v in values):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


@dataclass(frozen=True)
class RadioOption:
    value: str
    label: str
    hint: str
    id: str
    checked: bool


class RadioBoundField(forms.BoundField):
    @property
    def id_for_label(self) -> str:
        return self.auto_id

    @property
    def options(self) -> list[RadioOption]:
        current = self.value()
        current = "" if current is None else str(current)
        return [
            RadioOption(
                value=str(value),
                label=str(label),
                hint=self.field.hints.get(value, ""),
                # The first option carries the field's own id: the error summary links to it.
                id=self.auto_id if index == 0 else f"{self.auto_id}_{index}",
                checked=str(value) == current,
            )
            for index, (value, label) in enumerate(self.field.choices)
        ]


class GovukRadioField(forms.ChoiceField):
    """A choice drawn as GOV.UK radios, with an optional hint under each option."""

    widget = forms.RadioSelect

    def __init__(self, *, hints: dict[str, str] | None = None, **kwargs) -> None:
        self.hints = hints or {}
        super().__init__(**kwargs)

    def get_bound_field(self, form, field_name):
        return RadioBoundField(form, self, field_name)
