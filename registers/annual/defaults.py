"""The force's current integrity policies, installed as data (the annual declaration confirms
them).

Installed by the app's data migration (0002) and again after a test database is flushed (the
app's post_migrate hook), in both cases only into an empty table: once PSD has published
versions of its own, nothing here touches them.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

CHANGE_REASON = "Force's current integrity policies installed"

# (kind, version, title, summary, url, published on)
DEFAULT_POLICIES: tuple[tuple[str, str, str, str, str, dt.date], ...] = (
    (
        "gifts",
        "4.0",
        "Gifts, gratuities and hospitality",
        "Declare every gift or hospitality offered to you because of your role, accepted or "
        "declined, worth £5 or more. Over £25 needs PSD's approval before you accept; anything "
        "from a supplier or bidder does whatever its value. Never accept cash.",
        "https://intranet.northmoor.police.example/policies/gifts-and-hospitality",
        dt.date(2025, 4, 1),
    ),
    (
        "interests",
        "3.2",
        "Business interests and additional occupations",
        "Apply before you take on any second job, directorship, shareholding that gives you "
        "control, or unpaid role that could conflict with your duties. Officers need the chief "
        "officer's approval; tell PSD when anything changes or ends.",
        "https://intranet.northmoor.police.example/policies/business-interests",
        dt.date(2025, 4, 1),
    ),
    (
        "associations",
        "2.1",
        "Notifiable associations",
        "Declare any association with someone involved in crime, a private investigator, a "
        "journalist or anyone who could put you or the force in a difficult position. Only the "
        "Counter Corruption Unit sees what you declare.",
        "https://intranet.northmoor.police.example/policies/notifiable-associations",
        dt.date(2025, 4, 1),
    ),
)


def install_default_policies(apps) -> int:
    """Write the current policies, each with its creation in history, into an empty table.

    ``apps`` is a migration's app registry or the real one; a migration's model has no history
    hook, so there the creation row is written by hand.
    """
    model = apps.get_model("annual", "PolicyVersion")
    history_model = apps.get_model("annual", "HistoricalPolicyVersion")
    if model.objects.exists():
        return 0
    now = timezone.now()
    for kind, version, title, summary, url, published_on in DEFAULT_POLICIES:
        fields = {
            "kind": kind,
            "version": version,
            "title": title,
            "summary": summary,
            "url": url,
            "published_on": published_on,
            "is_current": True,
        }
        policy = model(**fields)
        policy._change_reason = CHANGE_REASON  # read by the real model's history hook
        policy.save()
        if not history_model.objects.filter(id=policy.pk).exists():
            history_model.objects.create(
                id=policy.pk,
                history_date=now,
                history_type="+",
                history_change_reason=CHANGE_REASON,
                **fields,
            )
    return len(DEFAULT_POLICIES)
