"""Complaints reference data in the admin: the IOPC categories, the Standards of Professional
Behaviour and the referral criteria, which the administrator keeps. Cases never appear here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from complaints.models import AllegationCategory, ProfessionalStandard, ReferralCriterion


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
