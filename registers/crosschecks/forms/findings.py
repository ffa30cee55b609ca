"""The forms for working findings: the list's filters, and a disposition with its reason.

The disposition form offers only what the finding's side of the corridor allows
(``services.findings.dispositions_for``); the service checks it again, and checks that a PSD
case picked is an open case about one of the finding's people.
"""

from __future__ import annotations

from django import forms

from registers.crosschecks.models import Audience, Disposition, FindingStatus
from registers.crosschecks.services.findings import dispositions_for
from standards.core.fields import GovukRadioField, text_field
from standards.core.forms import GovukFormMixin

PSD_HINTS = {
    Disposition.EXPLAINED: "There is a good reason, for example it was declared elsewhere.",
    Disposition.REFERRED_PSD: "It is now part of an open complaint or conduct matter.",
    Disposition.REFERRED_CCU: (
        "The Counter Corruption Unit gets a copy to look at. You will not see what they do with it."
    ),
    Disposition.FALSE_POSITIVE: "The records matched, but they are not about the same thing.",
}
CCU_LABELS = {Disposition.REFERRED_CCU: "Taken on as intelligence"}
CCU_HINTS = {
    Disposition.EXPLAINED: "There is a good reason and nothing to record.",
    Disposition.FALSE_POSITIVE: "The records matched, but they are not about the same thing.",
    Disposition.REFERRED_CCU: "Recorded as an intelligence report: give its reference.",
}


class FindingFilterForm(GovukFormMixin, forms.Form):
    check = forms.ChoiceField(label="Check", required=False)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *FindingStatus.choices],
    )

    def __init__(self, *args, checks: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["check"].choices = [("", "Every check"), *checks.items()]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"check": "", "status": ""}
        return {"check": self.cleaned_data["check"], "status": self.cleaned_data["status"]}


class _DispositionForm(GovukFormMixin, forms.Form):
    disposition = GovukRadioField(
        label="What was done about it?",
        error_messages={"required": "Select what was done about the finding"},
    )
    rationale = text_field(
        "Why?",
        name="The reason",
        max_length=5000,
        rows=5,
        required="Give the reason for this decision",
        help_text="Say what you checked and what you found. Whoever reads this finding next "
        "reads your reason.",
    )
    field_order = ["disposition", "case_reference", "rationale"]


class PsdDispositionForm(_DispositionForm):
    """A PSD finding: explained, referred to an open PSD case (picked from the open cases about
    its people), referred to the CCU, or a false positive."""

    case_reference = forms.ChoiceField(
        label="Which case?",
        required=False,
        error_messages={"invalid_choice": "Select the PSD case it was referred to"},
    )

    def __init__(self, *args, cases: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Disposition.choices)
        field = self.fields["disposition"]
        field.choices = [(value, labels[value]) for value in dispositions_for(Audience.PSD)]
        field.hints = {str(k): v for k, v in PSD_HINTS.items()}
        field.reveals = {str(Disposition.REFERRED_PSD): "case_reference"}
        case = self.fields["case_reference"]
        case.choices = [
            ("", "Select a case" if cases else "No open case"),
            *((reference, reference) for reference in cases),
        ]
        if not cases:
            case.help_text = (
                "There is no open complaint or conduct matter about the people in this finding."
            )
            self._describe("case_reference")


class CcuDispositionForm(_DispositionForm):
    """A CCU finding: explained, a false positive, or taken on as intelligence (with the
    report's reference). Never referred to PSD."""

    case_reference = text_field(
        "Intelligence report reference",
        name="The reference",
        max_length=50,
        required=None,
        help_text="For example IR-000123.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Disposition.choices)
        field = self.fields["disposition"]
        field.choices = [
            (value, CCU_LABELS.get(value, labels[value]))
            for value in dispositions_for(Audience.CCU)
        ]
        field.hints = {str(k): v for k, v in CCU_HINTS.items()}
        field.reveals = {str(Disposition.REFERRED_CCU): "case_reference"}
