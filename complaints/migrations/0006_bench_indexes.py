"""The caseworker's queue: a partial index of the open cases' ids (bench/RESULTS.md, complaints)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0005_letters_template_permissions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('status', 'closed'), _negated=True), fields=['id'], name='complaints_case_open_id_idx'),
        ),
    ]
