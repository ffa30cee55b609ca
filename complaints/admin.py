"""Complaints reference data in the admin, which the administrator keeps: the IOPC categories,
the Standards of Professional Behaviour, the referral criteria and the letter templates' wording.
No case, complainant or letter is ever registered here."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.html import format_html_join
from simple_history.admin import SimpleHistoryAdmin

from complaints import letters as wording
from complaints.models import (
    AllegationCategory,
    LetterTemplate,
    ProfessionalStandard,
    ReferralCriterion,
)


class _ReferenceAdmin(SimpleHistoryAdmin):
    def has_delete_permission(self, request, obj=None):
        # Allegations and referrals name the entry they used: retire one, never delete it.
        return False


@admin.register(AllegationCategory)
class AllegationCategoryAdmin(_ReferenceAdmin):
    list_display = ("code", "group", "name", "active")
    list_filter = ("active", "group")
    fields = ("code", "group", "name", "order", "active")


@admin.register(ProfessionalStandard)
class ProfessionalStandardAdmin(_ReferenceAdmin):
    list_display = ("name", "order")
    fields = ("name", "order")


@admin.register(ReferralCriterion)
class ReferralCriterionAdmin(_ReferenceAdmin):
    list_display = ("question", "code", "active")
    list_filter = ("active",)
    fields = ("code", "question", "hint", "order", "active")


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
