# The annual declaration moved to its own app (registers/annual), which records the policy
# versions each member confirmed; the first, simpler form had no policies to confirm.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registers", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalAnnualDeclaration"),
        migrations.DeleteModel(name="AnnualDeclaration"),
    ]
