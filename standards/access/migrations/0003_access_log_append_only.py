"""Make the access log append-only in the database itself: UPDATE and DELETE fail, whoever asks.

TRUNCATE is left to the database owner (the test runner empties tables with it); in production
the application's database role should not own the tables.
"""

from django.db import migrations

TABLE = "access_accesslogentry"

POSTGRES_UP = f"""
CREATE OR REPLACE FUNCTION access_log_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER access_log_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
"""
POSTGRES_DOWN = f"""
DROP TRIGGER IF EXISTS access_log_append_only ON {TABLE};
DROP FUNCTION IF EXISTS access_log_refuse_change();
"""
SQLITE_UP = [
    f"""CREATE TRIGGER access_log_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'the access log is append-only: UPDATE is not allowed'); END;""",
    f"""CREATE TRIGGER access_log_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'the access log is append-only: DELETE is not allowed'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS access_log_no_update;",
    "DROP TRIGGER IF EXISTS access_log_no_delete;",
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
    dependencies = [("access", "0002_access_log")]

    operations = [migrations.RunPython(forwards, backwards)]
