"""Complaints reference data in the admin: the letter templates, whose wording administrators
keep. No case, complainant or letter is ever registered here."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.html import format_html_join
from simple_history.admin import SimpleHistoryAdmin

from complaints import letters as wording
from complaints.models import LetterTemplate


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ("kind", "name", "subject", "body", "active")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        for field in ("subject", "body"):
            if data.get(field) is None:
                continue
            try:
                wording.check_template(kind=kind if field == "body" else "", body=data[field])
            except forms.ValidationError as error:
                self.add_error(field, error.message_dict["body"])
        return data


@admin.register(LetterTemplate)
class LetterTemplateAdmin(SimpleHistoryAdmin):
    form = LetterTemplateForm
    list_display = ("name", "kind", "active")
    list_filter = ("kind", "active")
    readonly_fields = ("placeholders",)
    fields = ("kind", "name", "subject", "body", "active", "placeholders")

    @admin.display(description="Placeholders you may use")
    def placeholders(self, obj=None):
        return format_html_join(
            "",
            "<p><code>{{{{ {} }}}}</code>: {}</p>",
            wording.PLACEHOLDERS.items(),
        )

    def has_delete_permission(self, request, obj=None):
        # Issued letters name their template: retire one (untick "active"), never delete it.
        return False
