"""Create the service's roles as groups, each with its model permissions (standards.access.roles)."""

from django.db import migrations

from standards.access.roles import sync_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0002_initial"),
        ("people", "0001_initial"),
        ("otp_totp", "0003_add_timestamps"),
        ("axes", "0010_accessattemptexpiration"),
        ("ccu", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_role_permissions, migrations.RunPython.noop)]
