"""Roles again, now that the registers exist: the administrator maintains the gifts policy
thresholds (reference data). The list itself is in standards.access.roles."""

from django.db import migrations

from standards.access.roles import sync_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0003_access_log_append_only"),
        ("gifts", "0002_default_policy"),
        ("interests", "0001_initial"),
        ("associations", "0001_initial"),
        ("ccu", "0002_intelligencecheck"),
        ("registers", "0001_initial"),
        ("notifications", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_role_permissions, migrations.RunPython.noop)]
