# A migration of its own, after the copy in 0004: on PostgreSQL the copy commits before the
# tables it was read from are dropped.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("ccu", "0004_move_intelligence_checks_to_exchange"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalIntelligenceCheck"),
        migrations.DeleteModel(name="IntelligenceCheck"),
    ]
