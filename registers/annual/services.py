"""Every change to the annual declaration: a member makes theirs; PSD publishes a new version of
a policy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from registers.annual import rules
from registers.annual.models import (
    AnnualDeclaration,
    DeclaringMember,
    PolicyKind,
    PolicyVersion,
    year_label,
    year_of,
)
from standards.core.records import clean_text, save_with_history
from standards.notifications.services import notifications_done

REASON_MADE = "Annual declaration made"
REASON_PUBLISHED = "New policy version published"
REASON_SUPERSEDED = "Superseded by a new version"
# What the reminders ask for; making the declaration closes them (registers/annual/reminders.py).
STEP_DECLARE = "declare"


@transaction.atomic
def annual_declaration_make(
    *,
    policy_ids: Iterable[int],
    declarations_complete: bool,
    nil_gifts: bool = False,
    nil_interests: bool = False,
    acting_user,
    today: dt.date | None = None,
) -> AnnualDeclaration:
    """The acting user's own declaration for this year, once.

    It must confirm every policy version current now: a version published since the member
    opened the page is refused with a message naming it, so nobody confirms a policy they were
    not shown.
    """
    if not acting_user.person_id:
        raise ValidationError("Your login is not linked to the staff directory")
    today = today or timezone.localdate()
    year = year_of(today)
    current = list(PolicyVersion.objects.current().select_for_update())
    confirmed = {int(pk) for pk in policy_ids}
    if not current:
        raise ValidationError("There are no current policies to confirm: tell PSD")
    missing = [version for version in current if version.pk not in confirmed]
    if missing:
        raise ValidationError(
            {
                "policies": "Confirm you have read and understood "
                + ", ".join(f"{version.title} (version {version.version})" for version in missing)
            }
        )
    if confirmed - {version.pk for version in current}:
        raise ValidationError({"policies": "Confirm only the policies in force today"})
    if not declarations_complete:
        raise ValidationError(
            {"declarations_complete": "Confirm your declarations are complete and up to date"}
        )
    declaration = AnnualDeclaration(
        person_id=acting_user.person_id,
        year=year,
        declarations_complete=True,
        nil_gifts=nil_gifts,
        nil_interests=nil_interests,
        made_at=timezone.now(),
        made_by=acting_user,
    )
    try:
        with transaction.atomic():
            save_with_history(declaration, REASON_MADE, acting_user)
    except IntegrityError:
        raise ValidationError(
            f"You have already made your annual declaration for {year_label(year)}"
        ) from None
    declaration.policies.set(current)
    # Every reminder about it (the member's and their line manager's) is done.
    notifications_done(record=DeclaringMember(pk=acting_user.person_id), steps=(STEP_DECLARE,))
    return declaration


@transaction.atomic
def policy_version_publish(
    *,
    kind: str,
    version: str,
    title: str,
    summary: str,
    url: str,
    published_on: dt.date,
    acting_user,
) -> PolicyVersion:
    """A new current version of one policy; the one it replaces stays, no longer current, so
    every declaration still names exactly what its member confirmed."""
    if not rules.may_publish_policy(acting_user):
        raise PermissionError("Only a PSD decision maker publishes a policy")
    if kind not in PolicyKind.values:
        raise ValidationError({"kind": "Select which policy this is a version of"})
    version = clean_text(version, "version", required="Enter the version number")
    title = clean_text(title, "title", required="Enter the policy's title")
    summary = clean_text(summary, "summary", required="Enter what the policy asks of staff")
    if published_on > timezone.localdate():
        raise ValidationError({"published_on": "The publication date must be today or earlier"})
    if PolicyVersion.objects.filter(kind=kind, version__iexact=version).exists():
        raise ValidationError({"version": f"Version {version} of this policy already exists"})
    for previous in PolicyVersion.objects.select_for_update().filter(kind=kind, is_current=True):
        previous.is_current = False
        save_with_history(previous, REASON_SUPERSEDED, acting_user)
    published = PolicyVersion(
        kind=kind,
        version=version,
        title=title,
        summary=summary,
        url=url,
        published_on=published_on,
        is_current=True,
        published_by=acting_user,
    )
    save_with_history(published, REASON_PUBLISHED, acting_user)
    return published
