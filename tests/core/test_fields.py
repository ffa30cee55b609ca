"""The GOV.UK question types every form uses (standards.core.fields), and a walk over every form
in every area proving they use them: dates as day, month and year with a plausible range, radios
drawn one way, and free text whose limit is told rather than silently enforced."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
from types import ModuleType

import pytest
from django import forms
from django.template.loader import render_to_string

import ccu.forms
import registers.annual.forms
import registers.associations.filters
import registers.associations.forms
import registers.crosschecks.forms
import registers.gifts.filters
import registers.gifts.forms
import registers.interests.filters
import registers.interests.forms
import standards.access.forms
import standards.accounts.forms
from standards.core import dates
from standards.core.fields import (
    GovukDateField,
    GovukRadioField,
    GovukRadios,
    GovukTextField,
    text_field,
)
from standards.core.forms import GovukFormMixin
from tests.form_data import date_parts

FORM_MODULES: list[ModuleType] = [
    registers.gifts.forms,
    registers.interests.forms,
    registers.associations.forms,
    registers.annual.forms,
    # A forms package (one module per stage): every module in it.
    *(
        importlib.import_module(f"{package.__name__}.{module.name}")
        for package in (ccu.forms, registers.crosschecks.forms)
        for module in pkgutil.iter_modules(package.__path__)
    ),
    standards.accounts.forms,
    standards.access.forms,
]


def _every_form() -> list[type[forms.BaseForm]]:
    found = []
    for module in FORM_MODULES:
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                found.append(value)
    # The registers' filters are forms too: django-filter makes their classes.
    for filterset in (
        registers.gifts.filters.GiftFilter,
        registers.interests.filters.InterestFilter,
        registers.associations.filters.AssociationFilter,
    ):
        found.append(filterset().form.__class__)
    return found


pytestmark = pytest.mark.django_db

EVERY_FORM = _every_form()
EVERY_FIELD = [
    pytest.param(form, name, id=f"{form.__module__}.{form.__name__}.{name}")
    for form in EVERY_FORM
    for name in form.base_fields
]
EVERY_DATE = [
    param
    for param in EVERY_FIELD
    if isinstance(param.values[0].base_fields[param.values[1]], GovukDateField)
]


# --- every form ----------------------------------------------------------------------------------


def test_the_walk_finds_the_forms():
    names = {form.__name__ for form in EVERY_FORM}
    assert {"GiftForm", "ApplicationForm", "AssociationForm", "OperationOpenForm"} <= names
    assert len(EVERY_FIELD) > 60
    assert len(EVERY_DATE) >= 9


@pytest.mark.parametrize(("form", "name"), EVERY_FIELD)
def test_every_field_is_one_of_the_governed_types(form, name):
    field = form.base_fields[name]
    # No browser date picker (its format follows the browser's language, mm/dd/yyyy for many)
    # and no free-text date box: one date input everywhere.
    assert not isinstance(field, forms.DateField | forms.DateTimeField)
    assert not isinstance(field.widget, forms.DateInput)
    if isinstance(field.widget, forms.RadioSelect):
        assert isinstance(field, GovukRadioField) and isinstance(field.widget, GovukRadios)
    # Django's own set-password fields have no limit, and Django's validators check them.
    if type(field) is forms.CharField and form.__name__ != "NewPasswordForm":
        pytest.fail(f"{name} is a plain CharField: use standards.core.fields.text_field")
    # A browser given maxlength cuts pasted text at the limit and says nothing.
    rendered = field.widget.render(name, "")
    assert "maxlength" not in rendered and "minlength" not in rendered


@pytest.mark.parametrize(("form", "name"), EVERY_DATE)
def test_every_date_has_a_range_and_a_hint_in_its_own_form(form, name):
    field = form.base_fields[name]
    if not form.__name__.endswith("FilterForm"):  # a filter may reach back as far as it likes
        assert field.earliest is not None and field.latest is not None
    today = dt.date.today()
    example = field.example_date(today)
    # The example the hint gives is one the field accepts.
    assert field.clean([str(example.day), str(example.month), str(example.year)]) == example


# --- dates ---------------------------------------------------------------------------------------


def _date_field(**kwargs) -> GovukDateField:
    return GovukDateField(name="Date of birth", label="Date of birth", **kwargs)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (("27", "3", "2026"), dt.date(2026, 3, 27)),
        ((" 07 ", "03", "2026 "), dt.date(2026, 3, 7)),
        (("27", "March", "2026"), dt.date(2026, 3, 27)),
        (("27", "mar", "2026"), dt.date(2026, 3, 27)),
        (("1", "Sept", "2025"), dt.date(2025, 9, 1)),
        (("29", "2", "2024"), dt.date(2024, 2, 29)),
    ],
)
def test_a_date_is_read_as_people_type_it(typed, expected):
    assert _date_field().clean(list(typed)) == expected


@pytest.mark.parametrize(
    ("typed", "message", "code", "parts"),
    [
        (("", "", ""), "Enter date of birth", "required", None),
        (("27", "", "2026"), "Date of birth must include a month", "incomplete", ("month",)),
        (("", "", "2026"), "Date of birth must include a day and month", "incomplete", None),
        (("31", "2", "2026"), "Date of birth must be a real date", "invalid", ("day",)),
        (("29", "2", "2025"), "Date of birth must be a real date", "invalid", ("day",)),
        (("1", "13", "2026"), "Date of birth must be a real date", "invalid", ("month",)),
        (("x", "y", "2026"), "Date of birth must be a real date", "invalid", ("day", "month")),
        (("1", "1", "二〇二六"), "Date of birth must be a real date", "invalid", ("year",)),
        (("1", "1", "26"), "The year in date of birth must include 4 numbers", None, ("year",)),
    ],
)
def test_a_date_that_is_not_one_says_what_is_wrong_with_it(typed, message, code, parts):
    with pytest.raises(forms.ValidationError) as raised:
        _date_field().clean(list(typed))
    error = raised.value.error_list[0]
    assert error.message == message
    if code:
        assert error.code == code
    if parts:
        assert error.params["parts"] == parts


def _yesterday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1)


TODAY = dt.date.today()
ONE_DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("bounds", "day", "message"),
    [
        ({"latest": dates.today}, TODAY + ONE_DAY, "Date of birth must be today or in the past"),
        ({"latest": _yesterday}, TODAY, "Date of birth must be in the past"),
        ({"earliest": dates.tomorrow}, TODAY, "Date of birth must be in the future"),
        (
            {"earliest": dates.today},
            TODAY - ONE_DAY,
            "Date of birth must be today or in the future",
        ),
        (
            {"earliest": dates.on(1900)},
            dt.date(1899, 12, 31),
            "Date of birth must be 1 January 1900 or later",
        ),
        (
            {"latest": dates.on(2000, 6, 1)},
            dt.date(2000, 6, 2),
            "Date of birth must be 1 June 2000 or earlier",
        ),
    ],
)
def test_a_date_out_of_its_range_names_the_limit(bounds, day, message):
    with pytest.raises(forms.ValidationError) as raised:
        _date_field(**bounds).clean([str(day.day), str(day.month), str(day.year)])
    assert raised.value.messages == [message]


def test_a_range_message_can_be_put_in_the_fields_own_words():
    field = _date_field(
        latest=dates.years_ago(16),
        error_messages={"too_late": "They must be 16 or over: born on {date} or before"},
    )
    day = dt.date.today()
    limit = dates.written(dates.years_ago(16)(day))
    with pytest.raises(forms.ValidationError) as raised:
        field.clean([str(day.day), str(day.month), str(day.year)])
    assert raised.value.messages == [f"They must be 16 or over: born on {limit} or before"]


def test_a_year_shifted_from_29_february_lands_on_28_february():
    assert dates.shift_years(dt.date(2024, 2, 29), -1) == dt.date(2023, 2, 28)
    assert dates.years_ahead(4)(dt.date(2024, 2, 29)) == dt.date(2028, 2, 29)


class _DateForm(GovukFormMixin, forms.Form):
    born = GovukDateField(name="Date of birth", label="Date of birth", latest=dates.today)


def _render(form, name, **context) -> str:
    return render_to_string("includes/field.html", {"field": form[name], **context})


def test_the_date_input_marks_only_the_part_that_is_wrong():
    form = _DateForm(data=date_parts("born", typed=("12", "", "1980")))
    assert not form.is_valid()
    html = _render(form, "born")
    assert 'class="govuk-date-input" id="id_born"' in html
    assert html.count("govuk-input--error") == 1
    assert re.search(r'govuk-input--error"\s+id="id_born_month"', html)
    assert form["born"].id_for_label == "id_born_month"  # the error summary's link
    # What was typed is kept.
    assert 'name="born_day" type="text" inputmode="numeric" value="12"' in html
    assert 'aria-describedby="id_born-hint id_born-error"' in html


def test_a_date_out_of_range_marks_all_three_parts():
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    form = _DateForm(data=date_parts("born", tomorrow))
    assert not form.is_valid()
    assert _render(form, "born").count("govuk-input--error") == 3
    assert form["born"].id_for_label == "id_born_day"


def test_the_date_hint_gives_an_example_in_the_same_form_as_the_inputs():
    field = GovukDateField(
        name="Start",
        label="Start",
        help_text="Apply before you start.",
        earliest=dates.on(1950),
        latest=dates.years_ahead(1),
    )
    form = type("F", (forms.Form,), {"start": field})()
    today = dt.date.today()
    assert form["start"].hint == (
        f"Apply before you start. For example, {today.day} {today.month} {today.year}"
    )
    # Out of range today, the example moves to the nearest date in range.
    old = GovukDateField(name="Old", label="Old", latest=dates.years_ago(16))
    assert old.example_date(today) == dates.years_ago(16)(today)


# --- radios --------------------------------------------------------------------------------------


class _RadioForm(GovukFormMixin, forms.Form):
    paid = GovukRadioField(
        label="Are you paid for it?",
        choices=[("yes", "Yes"), ("no", "No")],
        hints={"no": "Expenses are not pay."},
        reveals={"yes": "details"},
    )
    details = text_field("How much?", name="How much", max_length=200, required=None)


def test_radios_have_hints_and_reveal_a_question_without_aria_expanded():
    form = _RadioForm(data={"paid": "yes", "details": ""})
    html = _render(form, "paid")
    assert 'data-module="app-radios"' in html
    assert 'id="id_paid" name="paid" type="radio" value="yes" checked' in html
    assert 'data-aria-controls="conditional-id_paid"' in html
    # Chosen: the revealed question is drawn open; the other option's id is GOV.UK's "-2".
    assert '<div class="govuk-radios__conditional" id="conditional-id_paid">' in html
    assert 'id="id_paid_2"' in html and 'aria-describedby="id_paid_2-item-hint"' in html
    assert "Expenses are not pay." in html
    assert 'name="details"' in html
    assert "aria-expanded" not in html


def test_a_radio_error_links_to_the_first_radio():
    form = _RadioForm(data={})
    assert not form.is_valid()
    assert form["paid"].id_for_label == "id_paid"


# --- free text -----------------------------------------------------------------------------------


class _TextForm(GovukFormMixin, forms.Form):
    story = text_field(
        "Tell us what happened",
        name="Your account",
        max_length=20,
        required="Tell us what happened",
        help_text="In your own words.",
        rows=3,
    )
    title = text_field("Title", name="The title", max_length=10, required=None)


def test_a_textarea_with_a_limit_gets_the_govuk_character_count():
    html = _render(_TextForm(), "story")
    assert 'data-module="govuk-character-count" data-maxlength="20"' in html
    assert "govuk-js-character-count" in html
    assert (
        '<div id="id_story-info" class="govuk-hint govuk-character-count__message">'
        "You can enter up to 20 characters</div>"
    ) in html
    assert 'aria-describedby="id_story-info id_story-hint"' in html
    assert " maxlength=" not in html


def test_text_over_its_limit_is_kept_and_refused_with_a_message():
    long = "x" * 21
    form = _TextForm(data={"story": long, "title": "y" * 11})
    assert not form.is_valid()
    assert form.errors["story"] == ["Your account must be 20 characters or fewer"]
    assert form.errors["title"] == ["The title must be 10 characters or fewer"]
    html = _render(form, "story")
    assert long in html  # nothing cut: the person edits it down
    assert "govuk-textarea--error" in html
    assert 'aria-describedby="id_story-info id_story-hint id_story-error"' in html


def test_a_line_break_counts_as_one_character_as_the_count_shows():
    # A browser sends each line break as two characters; the count counts one.
    form = _TextForm(data={"story": "1234567890\r\n123456789", "title": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["story"] == "1234567890\n123456789"


def test_free_text_refuses_markup_unless_it_is_a_password():
    assert not _TextForm(data={"story": "<script>x</script>"}).is_valid()
    password = standards.accounts.forms.PasswordStepForm(
        data={"username": "someone", "password": "<a>"}
    )
    assert password.is_valid()


def test_a_single_line_answer_has_no_count_but_no_maxlength_either():
    html = _render(_TextForm(), "title")
    assert "govuk-character-count" not in html
    assert "maxlength" not in html
    assert isinstance(_TextForm.base_fields["title"], GovukTextField)
