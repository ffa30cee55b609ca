"""The force's default gifts and hospitality policy (DOMAIN.md), installed as data.

Installed by the app's data migration (0002) and again after a test database is flushed (the
app's post_migrate hook), in both cases only into an empty table: once the administrator has
bands of their own, nothing here touches them. Bands are never deleted, only retired, so an
empty table means a new database, never a policy someone removed on purpose.

This is migration data, not a layer of the area: no page, service or selector reads it. It is a
module of its own, rather than written into the migration, because the post_migrate hook needs
the same bands.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

CHANGE_REASON = "Force default gifts and hospitality policy installed"

# (min_value, max_value, applies_to, donor_type, requirement). Values are inclusive, to the penny.
DEFAULT_POLICY: tuple[tuple[str, str | None, str, str, str], ...] = (
    # Accepted: under £5 need not be recorded; £5 to £25 needs the line manager's agreement;
    # over £25 needs PSD approval.
    ("0.00", "4.99", "accepted", "", "no_record"),
    ("5.00", "25.00", "accepted", "", "line_manager"),
    ("25.01", None, "accepted", "", "psd_approval"),
    # Declined: under £5 need not be recorded; £5 and over is recorded, nothing more.
    ("0.00", "4.99", "declined", "", "no_record"),
    ("5.00", None, "declined", "", "record_only"),
    # A supplier or bidder in a live procurement: PSD approval whatever the value or answer.
    ("0.00", None, "any", "supplier", "psd_approval"),
)


def install_default_policy(apps) -> int:
    """Write the default bands, each with its creation in history, into an empty table.

    ``apps`` is a migration's app registry or the real one. The real model writes its own
    history row; a migration's model does not carry django-simple-history's hooks, so there the
    row is written by hand.
    """
    threshold_model = apps.get_model("gifts", "GiftThreshold")
    history_model = apps.get_model("gifts", "HistoricalGiftThreshold")
    if threshold_model.objects.exists():
        return 0
    now = timezone.now()
    created = 0
    for min_value, max_value, applies_to, donor_type, requirement in DEFAULT_POLICY:
        fields = {
            "min_value": Decimal(min_value),
            "max_value": Decimal(max_value) if max_value is not None else None,
            "applies_to": applies_to,
            "donor_type": donor_type,
            "requirement": requirement,
            "is_active": True,
        }
        band = threshold_model(**fields)
        band._change_reason = CHANGE_REASON  # read by the real model's history hook
        band.save()
        if not history_model.objects.filter(id=band.pk).exists():
            # A migration's model has no history hook: write the creation row by hand.
            history_model.objects.create(
                id=band.pk,
                history_date=now,
                history_type="+",
                history_change_reason=CHANGE_REASON,
                **fields,
            )
        created += 1
    return created
