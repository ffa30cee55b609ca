"""Reference data an administrator may correct. Ethnicity and sex are never shown here."""

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
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("staff_number", "last_name", "first_name", "role_type", "org_unit")
    list_select_related = ("org_unit",)
    search_fields = ("staff_number", "last_name", "first_name")
    list_filter = ("role_type",)
    exclude = ("ethnicity", "sex")
    autocomplete_fields = ("org_unit", "line_manager")
    history_list_display = ("staff_number",)
