"""The imports' forms: the upload (what the file holds, and the file) and the column mapping
(one select per field, offering the file's own headings)."""

from __future__ import annotations

from django import forms

from registers.crosschecks.imports.fields import fields_for
from registers.crosschecks.models import ImportBatch, ImportKind
from standards.core.fields import GovukRadioField
from standards.core.forms import GovukFormMixin

NOT_IN_FILE = ""


class UploadForm(GovukFormMixin, forms.Form):
    kind = GovukRadioField(
        label="What does the file hold?",
        choices=ImportKind.choices,
        error_messages={"required": "Select what the file holds"},
        hints={
            ImportKind.PROCUREMENT: "Contracts, tenders and bids: one row each, with the "
            "supplier's name and company number",
            ImportKind.DIARY: "Engagements with outside organisations: staff number, date, "
            "organisation and type of event",
            ImportKind.EXPENSES: "Claim lines: staff number, date, amount, payee and purpose",
        },
    )
    file = forms.FileField(
        label="Upload a file",
        required=False,
        help_text="A CSV or XLSX file, smaller than 20 MB, with its column headings in the first "
        "row.",
    )

    def clean(self):
        cleaned = super().clean()
        # Said at once with any other problem, not only once the rest is right.
        if not cleaned.get("file"):
            self.add_error("file", "Select a file to upload")
        return cleaned


class MappingForm(GovukFormMixin, forms.Form):
    """One select per field; the choices are the file's headings by position."""

    def __init__(self, *args, batch: ImportBatch, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(NOT_IN_FILE, "Not in this file")] + [
            (str(index), heading or f"Column {index + 1} (no heading)")
            for index, heading in enumerate(batch.headings)
        ]
        self.specs = fields_for(batch.kind)
        for spec in self.specs:
            chosen = batch.mapping.get(spec.name)
            hint = "Required." if spec.required else "Optional."
            if spec.hint:
                hint = f"{hint} {spec.hint[0].upper()}{spec.hint[1:]}."
            self.fields[spec.name] = forms.ChoiceField(
                label=spec.label,
                choices=choices,
                required=False,
                initial=NOT_IN_FILE if chosen is None else str(chosen),
                help_text=hint,
            )
        # The mixin styled the fields it found at construction; these were added after it.
        for name in self.fields:
            self.fields[name].widget.attrs.setdefault("class", "govuk-select")
            self._describe(name)

    def mapping(self) -> dict[str, int | None]:
        return {
            spec.name: None
            if self.cleaned_data.get(spec.name) in (None, NOT_IN_FILE)
            else int(self.cleaned_data[spec.name])
            for spec in self.specs
        }
