"""The risk questionnaire form: who is assessed, a yes or no for each question, and why."""

from __future__ import annotations

from django import forms

from ccu.services.risk import RATIONALE_LIMIT, answer_field
from standards.core.fields import GovukRadioField, text_field
from standards.core.forms import GovukFormMixin

YES_NO = [("yes", "Yes"), ("no", "No")]


class RiskAssessForm(GovukFormMixin, forms.Form):
    """The questionnaire's questions are data: one yes/no radio field each, added in order."""

    staff_number = text_field(
        "Staff number",
        name="The staff number",
        max_length=20,
        required="Enter the staff number of a member of the workforce",
        help_text="The member of the workforce you are assessing.",
    )
    rationale = text_field(
        "Rationale",
        name="The rationale",
        max_length=RATIONALE_LIMIT,
        rows=5,
        required="Enter the reasons for the answers you gave",
        help_text="What the answers rest on: the reports, records or accounts you used.",
    )

    def __init__(self, *args, questions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[answer_field(question.pk)] = GovukRadioField(
                label=question.text,
                help_text=question.hint,
                choices=YES_NO,
                error_messages={"required": "Select yes or no"},
            )

    def question_fields(self) -> list[forms.BoundField]:
        return [self[answer_field(question.pk)] for question in self.questions]

    def answers(self) -> dict[int, bool]:
        return {
            question.pk: self.cleaned_data[answer_field(question.pk)] == "yes"
            for question in self.questions
        }
