"""The force's default gifts and hospitality policy (DOMAIN.md), as data the administrator edits."""

from django.db import migrations


def install(apps, schema_editor):
    from registers.gifts.defaults import install_default_policy

    install_default_policy(apps)


class Migration(migrations.Migration):
    dependencies = [("gifts", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
