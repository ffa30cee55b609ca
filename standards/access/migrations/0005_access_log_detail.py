"""The access log's companion table: the full details of the rows the auditor sees as opaque.

Append-only in the database like the log itself (migration 0003): on PostgreSQL the same
function refuses UPDATE and DELETE, on SQLite two triggers do.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "access_accesslogdetail"

POSTGRES_UP = f"""
CREATE TRIGGER access_log_detail_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
"""
POSTGRES_DOWN = f"DROP TRIGGER IF EXISTS access_log_detail_append_only ON {TABLE};"
SQLITE_UP = [
    f"""CREATE TRIGGER access_log_detail_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'the access log is append-only: UPDATE is not allowed'); END;""",
    f"""CREATE TRIGGER access_log_detail_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'the access log is append-only: DELETE is not allowed'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS access_log_detail_no_update;",
    "DROP TRIGGER IF EXISTS access_log_detail_no_delete;",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_UP:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('access', '0004_register_roles'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='AccessLogDetail',
            fields=[
                ('entry', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, primary_key=True, related_name='detail', serialize=False, to='access.accesslogentry')),
                ('area', models.CharField(choices=[('people', 'Staff directory'), ('registers', 'Registers'), ('psd', 'Professional Standards'), ('ccu', 'Counter Corruption Unit'), ('audit', 'Audit')], max_length=20)),
                ('object_id', models.CharField(blank=True, max_length=64)),
                ('record_ref', models.CharField(blank=True, db_index=True, max_length=64)),
                ('record_label', models.CharField(blank=True, max_length=300)),
                ('view_name', models.CharField(blank=True, max_length=200)),
                ('justification', models.TextField(blank=True)),
                ('recipient', models.CharField(blank=True, max_length=300)),
                ('search_terms', models.CharField(blank=True, max_length=300)),
                ('request_id', models.CharField(blank=True, max_length=32)),
                ('content_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'access log detail',
                'verbose_name_plural': 'access log details',
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
