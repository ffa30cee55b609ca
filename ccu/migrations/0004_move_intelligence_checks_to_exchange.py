"""Intelligence checks move to the corridor exchange (standards.exchange), which refers to the
asking record by content type and id instead of a foreign key to a business interest.

Every check and every row of its history is copied with its own id (the CCU's links and notices
name checks by id), then 0005 drops the CCU's tables. The copy is of history too, so it is
written in bulk on purpose: replaying it through the model would write new history rows.
"""

from django.core.management.color import no_style
from django.db import migrations

BATCH = 500
SHARED = (
    "id",
    "subject_id",
    "purpose",
    "requested_by_id",
    "requested_at",
    "answer",
    "answered_by_id",
    "answered_at",
    "ccu_note",
)
HISTORY = ("history_id", "history_date", "history_change_reason", "history_type", "history_user_id")


def _interest_type(apps, using):
    content_types = apps.get_model("contenttypes", "ContentType").objects.db_manager(using)
    interest_type, _ = content_types.get_or_create(app_label="interests", model="businessinterest")
    return interest_type


def _copy(rows, target, columns, convert, using):
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        batch.append(target(**{name: getattr(row, name) for name in columns}, **convert(row)))
        if len(batch) == BATCH:
            target.objects.using(using).bulk_create(batch)
            batch = []
    if batch:
        target.objects.using(using).bulk_create(batch)


def _reset_sequences(schema_editor, models):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def to_exchange(apps, schema_editor):
    using = schema_editor.connection.alias
    old = apps.get_model("ccu", "IntelligenceCheck")
    old_history = apps.get_model("ccu", "HistoricalIntelligenceCheck")
    new = apps.get_model("exchange", "IntelligenceCheck")
    new_history = apps.get_model("exchange", "HistoricalIntelligenceCheck")
    checks = old.objects.using(using).order_by("pk")
    if not checks.exists() and not old_history.objects.using(using).exists():
        return
    if checks.filter(business_interest__isnull=True).exists():
        raise RuntimeError(
            "An intelligence check with no business interest cannot be moved: give it one first"
        )
    interest_type = _interest_type(apps, using)

    def asked_for(row):
        interest_id = row.business_interest_id
        return {
            "asked_for_type_id": interest_type.pk,
            "asked_for_id": interest_id or 0,
            "asked_for_ref": f"BI-{interest_id:05d}" if interest_id else "",
        }

    _copy(checks, new, SHARED, asked_for, using)
    _copy(
        old_history.objects.using(using).order_by("history_id"),
        new_history,
        SHARED + HISTORY,
        asked_for,
        using,
    )
    _reset_sequences(schema_editor, [new, new_history])


def to_ccu(apps, schema_editor):
    using = schema_editor.connection.alias
    old = apps.get_model("ccu", "IntelligenceCheck")
    old_history = apps.get_model("ccu", "HistoricalIntelligenceCheck")
    new = apps.get_model("exchange", "IntelligenceCheck")
    new_history = apps.get_model("exchange", "HistoricalIntelligenceCheck")
    interest_type = _interest_type(apps, using)
    checks = new.objects.using(using).order_by("pk")
    if checks.exclude(asked_for_type=interest_type).exists():
        raise RuntimeError("Only checks asked for business interests can go back to the CCU")

    def business_interest(row):
        return {"business_interest_id": row.asked_for_id or None}

    _copy(checks, old, SHARED, business_interest, using)
    _copy(
        new_history.objects.using(using).order_by("history_id"),
        old_history,
        SHARED + HISTORY,
        business_interest,
        using,
    )
    _reset_sequences(schema_editor, [old, old_history])
    new_history.objects.using(using).all().delete()
    new.objects.using(using).all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ccu", "0003_operation_listing_index"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("exchange", "0001_initial"),
        ("interests", "0001_initial"),
    ]

    operations = [migrations.RunPython(to_exchange, to_ccu)]
