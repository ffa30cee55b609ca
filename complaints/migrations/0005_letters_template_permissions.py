"""Administrators keep the letter templates' wording: give the Administrator role its
permissions on them (the list is in standards.access.roles)."""

from django.db import migrations

from standards.access.roles import sync_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0004_letters_templates"),
        ("access", "0008_review_body_and_complaints"),
    ]

    operations = [migrations.RunPython(sync_role_permissions, migrations.RunPython.noop)]
