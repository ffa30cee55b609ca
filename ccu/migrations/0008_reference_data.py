from django.db import migrations


def install(apps, schema_editor):
    from ccu.defaults import install_missing

    install_missing(apps)


def search_indexes(apps, schema_editor):
    # Full-text search is PostgreSQL's; the demo's SQLite searches with LIKE instead. PostgreSQL's
    # own trigger keeps each search document in step with its text on every insert and update,
    # whichever code writes the row.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE TRIGGER ccu_report_search_update BEFORE INSERT OR UPDATE "
        "ON ccu_intelligencereport FOR EACH ROW EXECUTE FUNCTION "
        "tsvector_update_trigger(search_document, 'pg_catalog.english', sanitised_text)"
    )
    schema_editor.execute(
        "CREATE TRIGGER ccu_nominal_search_update BEFORE INSERT OR UPDATE "
        "ON ccu_nominal FOR EACH ROW EXECUTE FUNCTION "
        "tsvector_update_trigger(search_document, 'pg_catalog.simple', name, details)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS ccu_report_search_idx "
        "ON ccu_intelligencereport USING gin (search_document)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS ccu_nominal_search_idx "
        "ON ccu_nominal USING gin (search_document)"
    )


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS ccu_report_search_update ON ccu_intelligencereport")
    schema_editor.execute("DROP TRIGGER IF EXISTS ccu_nominal_search_update ON ccu_nominal")
    schema_editor.execute("DROP INDEX IF EXISTS ccu_report_search_idx")
    schema_editor.execute("DROP INDEX IF EXISTS ccu_nominal_search_idx")


class Migration(migrations.Migration):
    dependencies = [("ccu", "0007_intelligence")]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop),
        migrations.RunPython(search_indexes, drop_search_indexes),
    ]
