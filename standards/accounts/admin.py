"""Accounts and roles, for administrators."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from standards.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "person", "is_active", "last_login")
    list_select_related = ("person",)
    autocomplete_fields = ("person",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Staff directory", {"fields": ("person",)}),
    )
