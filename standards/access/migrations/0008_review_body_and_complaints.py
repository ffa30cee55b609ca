"""Roles again, now that complaints exist: the review body role (the local policing body's
reviewers). The list itself is in standards.access.roles."""

from django.db import migrations

from standards.access.roles import sync_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0007_access_log_detail_username"),
        ("complaints", "0002_reference_data"),
    ]

    operations = [migrations.RunPython(sync_role_permissions, migrations.RunPython.noop)]
