"""The GOV.UK Design System's question types as Django form fields, one of each for every form.

- ``GovukDateField``: a date typed as day, month and year (the GOV.UK date input), with the
  plausible range declared at the field and GOV.UK's error messages.
- ``GovukRadioField``: radios with a hint per option and a question revealed under an option.
- ``GovukTextField`` (made by ``text_field``): free text whose limit is told, never enforced by
  the browser: no ``maxlength`` (it silently cuts pasted text), a character count under a
  textarea, and "X must be N characters or fewer" from the server.

Each is drawn by templates/includes/field.html, which picks the GOV.UK markup from the widget
(Django's own widgets give no fieldset, legend or per-option hint). Their bound fields point
``id_for_label`` at the input the error summary must link to: the first radio, or the part of a
date that is wrong.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from standards.core.dates import Bound, as_typed, today, tomorrow, written
from standards.core.validators import no_markup

# --- Dates ---------------------------------------------------------------------------------------

PARTS = ("day", "month", "year")

# GOV.UK asks services to accept a month typed as a word: "jan", "January", "Sept".
_MONTHS = {
    **{name.lower(): number for number, name in enumerate(calendar.month_name) if name},
    **{name.lower(): number for number, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}


def _sentence_start_lowered(text: str) -> str:
    """'Their date of birth' -> 'their date of birth', for "Enter their date of birth"."""
    if len(text) > 1 and text[1].isupper():  # an abbreviation: leave it be
        return text
    return text[:1].lower() + text[1:]


def _number(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() else None


def _wrong(message: str, code: str, parts) -> ValidationError:
    # The parts ride on the error, so the page can mark just the inputs that are wrong.
    return ValidationError(message, code=code, params={"parts": tuple(parts)})


@dataclass(frozen=True)
class DatePart:
    name: str
    id: str
    label: str
    value: str
    width: int
    wrong: bool


class GovukDateInput(forms.MultiWidget):
    """Day, month and year as three text inputs named ``<field>_day``, ``_month``, ``_year``."""

    def __init__(self, attrs=None) -> None:
        super().__init__({part: forms.TextInput() for part in PARTS}, attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateBoundField(forms.BoundField):
    def part_id(self, part: str) -> str:
        return f"{self.auto_id}_{part}"

    @property
    def wrong_parts(self) -> tuple[str, ...]:
        """The inputs to mark: those an error names, or all three (a date out of range, or a
        service's error, is wrong as a whole)."""
        wrong: set[str] = set()
        for error in self.errors.as_data():
            wrong.update((error.params or {}).get("parts", PARTS))
        return tuple(part for part in PARTS if part in wrong)

    @property
    def id_for_label(self) -> str:
        # The error summary links to the first input that is wrong, else to the day.
        return self.part_id((self.wrong_parts or PARTS)[0])

    @property
    def hint(self) -> str:
        example = f"For example, {as_typed(self.field.example_date(timezone.localdate()))}"
        return f"{self.help_text} {example}" if self.help_text else example

    @property
    def parts(self) -> list[DatePart]:
        value = self.value()
        if isinstance(value, dt.date):
            values = [str(value.day), str(value.month), str(value.year)]
        elif isinstance(value, list | tuple):
            values = [str(v or "") for v in (*value, "", "", "")[:3]]
        else:
            values = ["", "", ""]
        wrong = self.wrong_parts
        return [
            DatePart(
                name=f"{self.html_name}_{part}",
                id=self.part_id(part),
                label=part.capitalize(),
                value=values[index],
                width=4 if part == "year" else 2,
                wrong=part in wrong,
            )
            for index, part in enumerate(PARTS)
        ]


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year; ``cleaned_data`` holds a ``datetime.date``.

    ``name`` is how the messages speak of it ("Their date of birth" gives "Their date of birth
    must include a month"). ``earliest`` and ``latest`` are bounds (standards.core.dates): a date
    outside them is a slip of the keyboard, refused with a message naming the limit. The hint
    ends with an example the field would accept ("For example, 27 3 2026"): ``example`` picks it,
    else the date nearest today that is in range. ``error_messages`` may set ``required``, and
    ``too_early`` / ``too_late`` with ``{date}`` for the limit written out.
    """

    widget = GovukDateInput

    def __init__(
        self,
        *,
        name: str,
        earliest: Bound | None = None,
        latest: Bound | None = None,
        example: Bound | None = None,
        **kwargs,
    ) -> None:
        self.name = name
        self.earliest = earliest
        self.latest = latest
        self.example = example
        parts = tuple(forms.CharField(required=False) for _ in PARTS)
        super().__init__(fields=parts, require_all_fields=False, **kwargs)
        if kwargs.get("error_messages", {}).get("required") is None:
            self.error_messages["required"] = f"Enter {_sentence_start_lowered(name)}"

    def get_bound_field(self, form, field_name):
        return GovukDateBoundField(form, self, field_name)

    def example_date(self, on: dt.date) -> dt.date:
        if self.example is not None:
            return self.example(on)
        if self.latest is not None and on > self.latest(on):
            return self.latest(on)
        if self.earliest is not None and on < self.earliest(on):
            return self.earliest(on)
        return on

    def compress(self, data_list):
        if not data_list:
            return None
        values = [(v or "").strip() for v in data_list]
        missing = [part for part, v in zip(PARTS, values, strict=True) if not v]
        if missing:
            raise _wrong(
                f"{self.name} must include a {' and '.join(missing)}", "incomplete", missing
            )
        day, month, year = (_number(values[0]), _MONTHS.get(values[1].lower()), _number(values[2]))
        if month is None:
            month = _number(values[1])
        wrong = [
            part
            for part, ok in (
                ("day", day is not None and 1 <= day <= 31),
                ("month", month is not None and 1 <= month <= 12),
                ("year", year is not None),
            )
            if not ok
        ]
        if wrong:
            raise _wrong(f"{self.name} must be a real date", "invalid", wrong)
        if len(values[2]) != 4:
            raise _wrong(
                f"The year in {_sentence_start_lowered(self.name)} must include 4 numbers",
                "invalid_year",
                ["year"],
            )
        try:
            return dt.date(year, month, day)
        except ValueError:  # 31 February: the day is what is wrong
            raise _wrong(f"{self.name} must be a real date", "invalid", ["day"]) from None

    def validate(self, value) -> None:
        super().validate(value)
        if value is None:
            return
        on = timezone.localdate()
        if self.earliest is not None and value < (limit := self.earliest(on)):
            raise ValidationError(self._out_of_range("too_early", limit, on), code="too_early")
        if self.latest is not None and value > (limit := self.latest(on)):
            raise ValidationError(self._out_of_range("too_late", limit, on), code="too_late")

    def _out_of_range(self, code: str, limit: dt.date, on: dt.date) -> str:
        if code in self.error_messages:
            return self.error_messages[code].format(date=written(limit))
        if code == "too_early":
            if limit == today(on):
                return f"{self.name} must be today or in the future"
            if limit == tomorrow(on):
                return f"{self.name} must be in the future"
            return f"{self.name} must be {written(limit)} or later"
        if limit == today(on):
            return f"{self.name} must be today or in the past"
        if tomorrow(limit) == on:
            return f"{self.name} must be in the past"
        return f"{self.name} must be {written(limit)} or earlier"


# --- Radios --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RadioOption:
    value: str
    label: str
    hint: str
    id: str
    checked: bool
    conditional: forms.BoundField | None


class GovukRadios(forms.RadioSelect):
    """Marks a field for templates/includes/field.html to draw as GOV.UK radios."""


class GovukRadioBoundField(forms.BoundField):
    @property
    def id_for_label(self) -> str:
        # The first radio carries the field's own id: the error summary links to it.
        return self.auto_id

    @property
    def options(self) -> list[RadioOption]:
        current = self.value()
        current = "" if current is None else str(current)
        choices = [(str(value), label) for value, label in self.field.choices if value != ""]
        return [
            RadioOption(
                value=value,
                label=str(label),
                hint=str(self.field.hints.get(value, "")),
                # GOV.UK's pattern: the first option has the id, the rest id-2, id-3 ...
                id=self.auto_id if index == 0 else f"{self.auto_id}_{index + 1}",
                checked=value == current,
                conditional=self.form[self.field.reveals[value]]
                if value in self.field.reveals
                else None,
            )
            for index, (value, label) in enumerate(choices)
        ]


class GovukRadioField(forms.ChoiceField):
    """A choice drawn as GOV.UK radios.

    ``hints``: a line under an option, by value. ``reveals``: the name of another field of the
    same form to show under an option when it is chosen (GOV.UK's conditional reveal); the
    template draws that field there, and nowhere else.
    """

    widget = GovukRadios

    def __init__(
        self,
        *,
        hints: dict[str, str] | None = None,
        reveals: dict[str, str] | None = None,
        **kwargs,
    ) -> None:
        self.hints = {str(value): hint for value, hint in (hints or {}).items()}
        self.reveals = {str(value): field for value, field in (reveals or {}).items()}
        super().__init__(**kwargs)

    def get_bound_field(self, form, field_name):
        return GovukRadioBoundField(form, self, field_name)


# --- Free text -----------------------------------------------------------------------------------


class GovukCheckboxes(forms.SelectMultiple):
    """Several choices, drawn as GOV.UK checkboxes by templates/includes/fields/checkboxes.html,
    each box with its own id so each label names its own box. A plain multiple select
    underneath: Django's ``CheckboxSelectMultiple`` is a kind of ``RadioSelect``, which the radios'
    rule (tests/core/test_fields.py) would take for one."""

    input_type = "checkbox"
    option_inherits_attrs = True
    add_id_index = True

    def id_for_label(self, id_, index="0"):
        # The first box keeps the field's own id, so the error summary's link lands on it.
        if id_ and index not in (None, "0"):
            return f"{id_}_{index}"
        return id_


def has_character_count(field: forms.Field) -> bool:
    """Whether GOV.UK's character count is drawn under the field: a textarea with a limit."""
    return (
        isinstance(field, GovukTextField)
        and field.max_length is not None
        and isinstance(field.widget, forms.Textarea)
    )


class GovukTextBoundField(forms.BoundField):
    @property
    def character_count(self) -> str:
        """The limit, written for the count message ("2,000"), when a count is drawn."""
        return f"{self.field.max_length:,}" if has_character_count(self.field) else ""


class GovukTextField(forms.CharField):
    """Free text. ``name`` is how the limit's message speaks of it: "Reasons must be 5,000
    characters or fewer". No ``maxlength`` attribute reaches the page: a browser cuts pasted
    text at the limit without a word, and the person never knows the end of their answer was
    lost. Line breaks count as one character, as the character count counts them (a browser
    sends each as two)."""

    def __init__(self, *, name: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.name = name or str(self.label or "This answer")
        if self.max_length is not None and "max_length" not in kwargs.get("error_messages", {}):
            self.error_messages["max_length"] = (
                f"{self.name} must be {self.max_length:,} characters or fewer"
            )

    def get_bound_field(self, form, field_name):
        return GovukTextBoundField(form, self, field_name)

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs.pop("minlength", None)
        return attrs


def text_field(
    label: str,
    *,
    name: str,
    max_length: int,
    required: str | None,
    help_text: str = "",
    rows: int = 0,
    plain: bool = True,
    **kwargs,
) -> GovukTextField:
    """A question answered in words: one line, or a textarea of ``rows`` with a character count.

    ``required`` is the message when it is left empty, or None when it is optional. ``plain``
    refuses HTML and script (every free-text answer but a password).
    """
    if rows:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
    if plain:
        kwargs["validators"] = [no_markup, *kwargs.get("validators", ())]
    error_messages = kwargs.pop("error_messages", {})
    if required:
        error_messages["required"] = required
    return GovukTextField(
        label=label,
        name=name,
        max_length=max_length,
        required=bool(required),
        help_text=help_text,
        error_messages=error_messages,
        **kwargs,
    )
