"""Watchlists: the CCU head or an analyst watches a member of the workforce, and anything new
about them in any area raises an alert in the CCU.

The person watched, and everyone outside the CCU, never learn of it. An alert is told only to
CCU members who may see it (an intelligence alert to those who may see its report), never to
anyone the new record is about, and the notice names nothing: "new watchlist alert".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from ccu.models import AlertKind, WatchAlert, WatchlistEntry
from ccu.services.common import clean_text, save_with_history
from standards.access import policy
from standards.access.roles import CCU_ROLES
from standards.notifications.services import notify, record_reference
from standards.people.models import Person

# A review note is kept in the entry's history, whose reason column holds 100 characters.
NOTE_LIMIT = 90
REASON_LIMIT = 2000
ALERT_SUBJECT = "new watchlist alert"


def _require_ccu(acting_user) -> None:
    if not policy.in_ccu(acting_user):
        raise Http404


def _check_review_on(review_on: dt.date | None) -> None:
    if review_on is None:
        raise ValidationError({"review_on": "Enter the date to review the entry"})
    if review_on <= timezone.localdate():
        raise ValidationError({"review_on": "The review date must be in the future"})


def _locked_live_entry(entry: WatchlistEntry, acting_user) -> WatchlistEntry:
    """The entry's row, locked, if it is still live and the acting user may change it (the CCU,
    never the person watched); anyone else gets the 404 of a missing entry."""
    locked = (
        policy.changeable(acting_user, WatchlistEntry.objects.select_for_update(of=("self",)))
        .filter(pk=entry.pk)
        .first()
    )
    if locked is None:
        raise Http404
    if not locked.is_live:
        raise ValidationError("This person has already been taken off the watchlist")
    return locked


@transaction.atomic
def watch_add(
    *, person: Person | None, reason: str, review_on: dt.date | None, acting_user
) -> WatchlistEntry:
    _require_ccu(acting_user)
    if person is None:
        raise ValidationError(
            {"staff_number": "Enter the staff number of a member of the workforce"}
        )
    if person.pk == acting_user.person_id:
        raise ValidationError({"staff_number": "You cannot put yourself on the watchlist"})
    reason = clean_text(reason, "reason", required="Enter the reason for watching them")
    if len(reason) > REASON_LIMIT:
        raise ValidationError(
            {"reason": f"The reason must be {REASON_LIMIT:,} characters or fewer"}
        )
    _check_review_on(review_on)
    # The person's row, locked: two colleagues adding the same person at once queue here, and
    # the second is told the first has (the database's one-live-entry constraint backs it).
    Person.objects.select_for_update().filter(pk=person.pk).first()
    if WatchlistEntry.objects.filter(person=person, removed_on__isnull=True).exists():
        raise ValidationError(
            {"staff_number": f"{person.display_name} is already on the watchlist"}
        )
    entry = WatchlistEntry(person=person, reason=reason, review_on=review_on, added_by=acting_user)
    save_with_history(entry, "Added to the watchlist", acting_user)
    return entry


@transaction.atomic
def watch_review(
    *, entry: WatchlistEntry, review_on: dt.date | None, note: str, acting_user
) -> WatchlistEntry:
    """The entry is reviewed and kept: the next review date and a short note (its history)."""
    locked = _locked_live_entry(entry, acting_user)
    note = clean_text(note, "note", required="Enter what the review found")
    if len(note) > NOTE_LIMIT:
        raise ValidationError({"note": f"The note must be {NOTE_LIMIT} characters or fewer"})
    _check_review_on(review_on)
    locked.review_on = review_on
    save_with_history(locked, f"Reviewed: {note}", acting_user)
    return locked


@transaction.atomic
def watch_remove(*, entry: WatchlistEntry, reason: str, acting_user) -> WatchlistEntry:
    """The person comes off the watchlist. The entry and its alerts are kept; nothing new about
    the person raises an alert from now on."""
    locked = _locked_live_entry(entry, acting_user)
    reason = clean_text(reason, "reason", required="Enter the reason for taking them off")
    if len(reason) > REASON_LIMIT:
        raise ValidationError(
            {"reason": f"The reason must be {REASON_LIMIT:,} characters or fewer"}
        )
    locked.removed_on = timezone.localdate()
    locked.removed_by = acting_user
    locked.removal_reason = reason
    save_with_history(locked, "Taken off the watchlist", acting_user)
    return locked


def alert_raise_for(*, kind: str, record, person_ids: Iterable[int], summary: str) -> None:
    """The record listener (``standards.core.extensions.record_about_people``): an alert on
    each live entry about one of ``person_ids``, once per record and kind, and a notice to the
    CCU members who may see it. Runs inside the transaction that made the record."""
    if kind not in AlertKind.values:
        raise ValueError(f"Unknown alert kind {kind!r}")
    about = set(person_ids)
    entries = list(
        WatchlistEntry.objects.filter(person_id__in=about, removed_on__isnull=True).order_by("pk")
    )
    if not entries:
        return
    label = record._meta.label_lower
    reference = record_reference(record)[:30]
    recipients = _ccu_members(excluding_person_ids=about)
    for entry in entries:
        alert, created = WatchAlert.objects.get_or_create(
            entry=entry,
            record_label=label,
            record_id=record.pk,
            kind=kind,
            defaults={
                "summary": summary[:200],
                "record_ref": reference,
                "report": record if kind == AlertKind.INTELLIGENCE else None,
            },
        )
        if not created:
            continue
        # Only those who may see the alert: never the person watched (the access rule's
        # subject path), and an intelligence alert only for those who may see its report.
        told = [
            user
            for user in recipients
            if policy.visible(user, WatchAlert.objects.filter(pk=alert.pk)).exists()
        ]
        notify(
            recipients=told,
            key=f"ccu-watch-alert-{alert.pk}",
            subject=ALERT_SUBJECT,
            url=reverse("ccu:alert_list"),
        )


def _ccu_members(*, excluding_person_ids: set[int]) -> list:
    users = (
        get_user_model()
        .objects.filter(groups__name__in=[role.value for role in CCU_ROLES], is_active=True)
        .exclude(person_id__in=excluding_person_ids)
        .distinct()
        .order_by("pk")
    )
    return list(users)


@transaction.atomic
def alert_mark_seen(*, alert: WatchAlert, acting_user) -> WatchAlert:
    locked = (
        policy.changeable(acting_user, WatchAlert.objects.select_for_update(of=("self",)))
        .filter(pk=alert.pk)
        .first()
    )
    if locked is None:
        raise Http404
    if locked.seen_at is None:
        locked.seen_by = acting_user
        locked.seen_at = timezone.now()
        save_with_history(locked, "Seen", acting_user)
    return locked
