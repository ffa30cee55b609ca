"""The force's current integrity policies (registers/annual/defaults.py), as data PSD replaces
by publishing new versions."""

from django.db import migrations


def install(apps, schema_editor):
    from registers.annual.defaults import install_default_policies

    install_default_policies(apps)


class Migration(migrations.Migration):
    dependencies = [("annual", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
