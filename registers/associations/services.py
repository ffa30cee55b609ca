"""Every change to a notifiable association: one function per transition, taking the acting user.

The member declares, changes and ends their own declaration; the Counter Corruption Unit (CCU)
assesses it. Each function checks the acting user's right first (someone who may not act gets the
same 404 as for a missing record, so a refusal never confirms that an association exists),
validates, writes history with a reason, and sends its notices inside the transaction (the e-mail
goes on commit).

Notices follow the corridor: the CCU hears about declarations, changes and endings; the member
hears that their declaration has been reviewed, never the risk, the rationale or who assessed it.
Nobody else is ever told: not the line manager, not PSD.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from registers.associations.models import (
    AssociationAssessment,
    AssociationStatus,
    ConcernCategory,
    ContactFrequency,
    NotifiableAssociation,
    Relationship,
    Risk,
)
from registers.associations.rules import ASSESSING_ROLES
from standards.access import policy
from standards.accounts.models import User
from standards.core import extensions
from standards.core.validators import no_markup
from standards.notifications.services import notifications_done, notify, record_reference

REASON_DECLARED = "Declared by the member of staff"
REASON_CHANGED = "Changed by the member of staff"
REASON_ENDED = "Ended by the member of staff"
REASON_ASSESSED = "Assessed by the Counter Corruption Unit"
REASON_ENDED_BY_CCU = "Recorded as ended by the Counter Corruption Unit"

# How long a new declaration may wait for its first assessment before the queue shows it overdue.
ASSESSMENT_DUE_DAYS = 28
# Associations are reviewed every year; a review set further out than this is a typing slip.
LONGEST_REVIEW_YEARS = 2

ANSWER_FIELDS = (
    "associate_name",
    "associate_date_of_birth",
    "associate_address",
    "relationship",
    "category_of_concern",
    "contact_frequency",
    "known_since",
    "circumstances",
)
EARLIEST_DATE = dt.date(1900, 1, 1)


def years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def default_next_review(today: dt.date) -> dt.date:
    """Associations are reviewed every year."""
    return years_after(today, 1)


# --- validation ------------------------------------------------------------------------------


def _text(value) -> str:
    return (value or "").strip()


def _check_text(errors: dict, field: str, value: str, *, required: str = "", limit: int) -> None:
    if not value:
        if required:
            errors[field] = required
        return
    if len(value) > limit:
        errors[field] = f"This answer must be {limit:,} characters or fewer"
        return
    try:
        no_markup(value)
    except ValidationError as error:
        errors[field] = error.messages


def clean_answers(answers: dict, *, today: dt.date) -> dict:
    """The member's answers, stripped and checked. Raises one ValidationError naming each field.

    The form calls it too, so every problem shows at once, not one round trip at a time."""
    cleaned = {field: answers.get(field) for field in ANSWER_FIELDS}
    for field in ("associate_name", "associate_address", "circumstances"):
        cleaned[field] = _text(cleaned[field])
    errors: dict = {}
    _check_text(
        errors, "associate_name", cleaned["associate_name"], required="Enter their name", limit=200
    )
    _check_text(errors, "associate_address", cleaned["associate_address"], limit=1000)
    _check_text(
        errors,
        "circumstances",
        cleaned["circumstances"],
        required="Tell us how you know them and why you are declaring them",
        limit=5000,
    )
    if cleaned["relationship"] not in Relationship.values:
        errors["relationship"] = "Select how you know them"
    if cleaned["category_of_concern"] not in ConcernCategory.values:
        errors["category_of_concern"] = "Select why you are declaring them"
    if cleaned["contact_frequency"] not in ContactFrequency.values:
        errors["contact_frequency"] = "Select how often you are in contact"

    born, since = cleaned["associate_date_of_birth"], cleaned["known_since"]
    if born is not None and not EARLIEST_DATE <= born <= today:
        errors["associate_date_of_birth"] = "Their date of birth must be in the past"
    if since is None:
        errors["known_since"] = "Enter the date you first knew them"
    elif since > today:
        errors["known_since"] = "The date you first knew them must be today or in the past"
    elif since < EARLIEST_DATE:
        errors["known_since"] = "The date you first knew them must be after 1900"
    elif born is not None and born <= today and since < born:
        errors["known_since"] = (
            "The date you first knew them must be the same as or after their date of birth"
        )
    if errors:
        raise ValidationError(errors)
    return cleaned


def clean_assessment(values: dict, *, today: dt.date) -> dict:
    """An assessment's answers, stripped and checked (the form calls it too)."""
    cleaned = dict(values)
    for field in ("rationale", "advice", "conditions"):
        cleaned[field] = _text(cleaned.get(field))
    errors: dict = {}
    if cleaned.get("risk") not in Risk.values:
        errors["risk"] = "Select the risk"
    _check_text(
        errors,
        "rationale",
        cleaned["rationale"],
        required="Enter the rationale for the risk",
        limit=5000,
    )
    _check_text(
        errors,
        "advice",
        cleaned["advice"],
        required="Enter the advice for the member of staff",
        limit=5000,
    )
    _check_text(errors, "conditions", cleaned["conditions"], limit=5000)
    review = cleaned.get("next_review_on")
    if review is None:
        errors["next_review_on"] = "Enter the date of the next review"
    elif review <= today:
        errors["next_review_on"] = "The date of the next review must be in the future"
    elif review > years_after(today, LONGEST_REVIEW_YEARS):
        errors["next_review_on"] = (
            f"The date of the next review must be within {LONGEST_REVIEW_YEARS} years"
        )
    if errors:
        raise ValidationError(errors)
    return cleaned


# --- who hears about it ----------------------------------------------------------------------


def _ccu_recipients(*, declarant_id: int) -> list[User]:
    # The declarant is left out even when they work in the CCU: they never review their own.
    return list(
        User.objects.filter(
            groups__name__in=[role.value for role in ASSESSING_ROLES], is_active=True
        )
        .exclude(person_id=declarant_id)
        .distinct()
    )


def _notify_ccu(
    association: NotifiableAssociation, *, key: str, subject: str, body: str, step: str = ""
) -> None:
    notify(
        recipients=_ccu_recipients(declarant_id=association.declarant_id),
        key=key,
        subject=subject,
        body=body,
        url=reverse("associations:detail", kwargs={"pk": association.pk}),
        record=association,
        step=step,
    )


def _notify_declarant(
    association: NotifiableAssociation, *, key: str, subject: str, body: str
) -> None:
    notify(
        recipients=User.objects.filter(person_id=association.declarant_id, is_active=True),
        key=key,
        subject=subject,
        body=body,
        url=reverse("my_associations:detail", kwargs={"pk": association.pk}),
        record=association,
    )


def _own_locked(association: NotifiableAssociation, acting_user) -> NotifiableAssociation:
    """The member's own association, locked for this transaction; anyone else's is a 404."""
    locked = (
        NotifiableAssociation.objects.select_for_update()
        .filter(pk=association.pk, declarant_id=acting_user.person_id or 0)
        .first()
    )
    if locked is None:
        raise Http404
    return locked


# --- the member ------------------------------------------------------------------------------


@transaction.atomic
def association_declare(
    *,
    associate_name: str,
    relationship: str,
    category_of_concern: str,
    contact_frequency: str,
    known_since: dt.date | None,
    circumstances: str,
    associate_date_of_birth: dt.date | None = None,
    associate_address: str = "",
    acting_user,
) -> NotifiableAssociation:
    """The acting user declares an association of their own; it waits for the CCU."""
    if not acting_user.person_id:
        raise ValidationError(
            "Your login is not linked to the staff directory: ask the service desk to link it"
        )
    answers = clean_answers(
        {
            "associate_name": associate_name,
            "associate_date_of_birth": associate_date_of_birth,
            "associate_address": associate_address,
            "relationship": relationship,
            "category_of_concern": category_of_concern,
            "contact_frequency": contact_frequency,
            "known_since": known_since,
            "circumstances": circumstances,
        },
        today=timezone.localdate(),
    )
    association = NotifiableAssociation(
        declarant_id=acting_user.person_id, submitted_by=acting_user, **answers
    )
    association._change_reason = REASON_DECLARED
    association._history_user = acting_user
    association.save()
    extensions.record_about_people(
        kind="association",
        record=association,
        person_ids=[association.declarant_id],
        summary=f"{record_reference(association)}: notifiable association declared",
    )
    _notify_ccu(
        association,
        key=f"association-{association.pk}-declared",
        subject="declared, waiting for assessment",
        step="assess",
        body="A member of staff has declared a notifiable association. It is waiting for "
        "assessment.",
    )
    return association


@transaction.atomic
def association_update(
    *,
    association: NotifiableAssociation,
    associate_name: str,
    relationship: str,
    category_of_concern: str,
    contact_frequency: str,
    known_since: dt.date | None,
    circumstances: str,
    associate_date_of_birth: dt.date | None = None,
    associate_address: str = "",
    acting_user,
) -> NotifiableAssociation:
    """The member changes their answers. The earlier answers stay in the history; a live
    association goes back in front of the CCU (the "changed since assessment" queue)."""
    locked = _own_locked(association, acting_user)
    if locked.is_ended:
        raise ValidationError(
            "This association has ended, so it cannot be changed. If you are in contact again, "
            "declare it again."
        )
    answers = clean_answers(
        {
            "associate_name": associate_name,
            "associate_date_of_birth": associate_date_of_birth,
            "associate_address": associate_address,
            "relationship": relationship,
            "category_of_concern": category_of_concern,
            "contact_frequency": contact_frequency,
            "known_since": known_since,
            "circumstances": circumstances,
        },
        today=timezone.localdate(),
    )
    changed = [field for field in ANSWER_FIELDS if getattr(locked, field) != answers[field]]
    if not changed:
        raise ValidationError("You have not changed any of your answers")
    for field in changed:
        setattr(locked, field, answers[field])
    locked.declarant_changed_at = timezone.now()
    locked._change_reason = REASON_CHANGED
    locked._history_user = acting_user
    locked.save()
    version = locked.history.latest().history_id
    _notify_ccu(
        locked,
        key=f"association-{locked.pk}-changed-{version}",
        subject="changed since assessment, waiting for assessment",
        step="assess",
        body="The member of staff has changed their answers. Check whether the assessment "
        "still stands.",
    )
    return locked


def clean_ending(
    association: NotifiableAssociation, *, ended_on: dt.date | None, reason: str, who: str
) -> str:
    """The date and reason an association ended, checked; returns the reason, stripped. ``who``
    names the member in the messages: "you" on the member's own page, "the member" on the CCU's.
    The CCU's page calls it too, before asking to confirm, so a refusal never comes after."""
    reason = _text(reason)
    today = timezone.localdate()
    errors: dict = {}
    if ended_on is None:
        errors["ended_on"] = "Enter the date the association ended"
    elif ended_on > today:
        errors["ended_on"] = "The date the association ended must be today or in the past"
    elif ended_on < association.known_since:
        errors["ended_on"] = (
            f"The date the association ended must be on or after the date {who} first knew "
            f"them ({association.known_since:%-d %B %Y})"
        )
    _check_text(
        errors, "reason", reason, required="Tell us why the association has ended", limit=2000
    )
    if errors:
        raise ValidationError(errors)
    return reason


def _mark_ended(
    association: NotifiableAssociation, ended_on: dt.date, reason: str, *, change_reason: str
) -> None:
    association.status = AssociationStatus.ENDED
    association.ended_on = ended_on
    association.end_reason = reason
    # Nothing left to review: an ended association drops out of the review queues and reminders.
    association.review_due = None
    association._change_reason = change_reason


@transaction.atomic
def association_end(
    *, association: NotifiableAssociation, ended_on: dt.date | None, reason: str, acting_user
) -> NotifiableAssociation:
    """The member tells the CCU the association has ended (with the date and why)."""
    locked = _own_locked(association, acting_user)
    if locked.is_ended:
        raise ValidationError("You have already told us this association has ended")
    reason = clean_ending(locked, ended_on=ended_on, reason=reason, who="you")
    _mark_ended(locked, ended_on, reason, change_reason=REASON_ENDED)
    locked.declarant_changed_at = timezone.now()
    locked._history_user = acting_user
    locked.save()
    # Nothing is left to assess or review.
    notifications_done(record=locked, steps=("assess", "review"))
    _notify_ccu(
        locked,
        key=f"association-{locked.pk}-ended",
        subject="ended",
        body="The member of staff has told us a notifiable association has ended.",
    )
    return locked


# --- the CCU ---------------------------------------------------------------------------------


def _ccu_locked(association: NotifiableAssociation, acting_user) -> NotifiableAssociation:
    """The association, locked, if the acting user may change it (the access rule: the CCU, never
    on their own declaration); anyone else gets the 404 a missing association gets."""
    locked = (
        policy.changeable(acting_user, NotifiableAssociation.objects.select_for_update())
        .filter(pk=association.pk)
        .first()
    )
    if locked is None:
        raise Http404
    return locked


@transaction.atomic
def association_assess(
    *,
    association: NotifiableAssociation,
    risk: str,
    rationale: str,
    advice: str,
    next_review_on: dt.date | None,
    conditions: str = "",
    acting_user,
) -> AssociationAssessment:
    """A CCU analyst or the head of the CCU assesses (or reassesses) an association.

    Each assessment is a new row: an earlier one is never changed, and stays in the timeline.
    Nobody assesses their own declaration (the access rule's self-conflict path).
    """
    locked = _ccu_locked(association, acting_user)
    if locked.is_ended:
        raise ValidationError("This association has ended, so it cannot be assessed")
    values = clean_assessment(
        {
            "risk": risk,
            "rationale": rationale,
            "advice": advice,
            "conditions": conditions,
            "next_review_on": next_review_on,
        },
        today=timezone.localdate(),
    )
    now = timezone.now()
    assessment = AssociationAssessment(
        association=locked,
        outcome=values["risk"],
        rationale=values["rationale"],
        advice=values["advice"],
        conditions=values["conditions"],
        next_review_on=values["next_review_on"],
        decided_by=acting_user,
        decided_at=now,
    )
    assessment._change_reason = REASON_ASSESSED
    assessment._history_user = acting_user
    assessment.save()

    locked.status = AssociationStatus.LIVE
    locked.reviewed_at = now
    locked.review_due = values["next_review_on"]
    locked._change_reason = REASON_ASSESSED
    locked._history_user = acting_user
    locked.save()
    notifications_done(record=locked, steps=("assess", "review"))
    _notify_declarant(
        locked,
        key=f"association-assessment-{assessment.pk}",
        subject="your declaration has been reviewed",
        body="The Counter Corruption Unit has reviewed your declaration. Read their advice, "
        "and any conditions, on your declaration's page.",
    )
    return assessment


@transaction.atomic
def association_end_by_ccu(
    *, association: NotifiableAssociation, ended_on: dt.date | None, reason: str, acting_user
) -> NotifiableAssociation:
    """A CCU analyst, or the head of the CCU, records that an association has ended, for example
    when the member has told them in person or the associate has died.

    The member is told it has been recorded as ended and reads the reason given (so it is
    written to them, never about intelligence); the CCU stops reviewing it. It is not the
    member's change, so it does not go back into the "changed since assessment" queue.
    """
    locked = _ccu_locked(association, acting_user)
    if locked.is_ended:
        raise ValidationError("This association has already been recorded as ended")
    reason = clean_ending(locked, ended_on=ended_on, reason=reason, who="the member")
    _mark_ended(locked, ended_on, reason, change_reason=REASON_ENDED_BY_CCU)
    locked._history_user = acting_user
    locked.save()
    # Nothing is left to assess or review.
    notifications_done(record=locked, steps=("assess", "review"))
    _notify_declarant(
        locked,
        key=f"association-{locked.pk}-ended-by-ccu",
        subject="your declaration has been recorded as ended",
        body="The Counter Corruption Unit has recorded your notifiable association as ended, "
        "and will no longer review it. Read why on your declaration's page. If you are in "
        "contact with them again, declare it again.",
    )
    return locked
