"""The staff directory in the admin: read-only (HR's extract is the source, through
``manage.py import_people``), and only the fields an administrator needs to link a login to a
person. Vetting, ethnicity and sex are never shown here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from standards.people.models import OrgUnit, Person


@admin.register(OrgUnit)
class OrgUnitAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "parent", "is_active")
    search_fields = ("name", "code")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("staff_number", "last_name", "first_name", "role_type", "org_unit")
    list_select_related = ("org_unit",)
    search_fields = ("staff_number", "last_name", "first_name")
    list_filter = ("role_type",)
    fields = ("staff_number", "first_name", "last_name", "role_type", "org_unit", "leave_date")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
