"""The gifts and hospitality policy (thresholds) in the admin: reference data the administrator
keeps. Declarations and decisions are never registered here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from registers.gifts.models import GiftThreshold


@admin.register(GiftThreshold)
class GiftThresholdAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "min_value", "max_value", "applies_to", "donor_type", "is_active")
    list_filter = ("is_active", "applies_to", "requirement")
    fields = ("min_value", "max_value", "applies_to", "donor_type", "requirement", "is_active")

    def has_delete_permission(self, request, obj=None):
        # Declarations name the band that applied to them: retire a band, never delete it.
        return False
