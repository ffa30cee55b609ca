"""The HMICFRS recommendations tracker: inspections, their recommendations and areas for
improvement, the dated log of updates that moves each to "complete", and the actions that break
the work down.

Every change goes through here, in one transaction, with the history saying who and why. The
board readers (``standards.board.rules``) are the only ones who may change a record; anyone else
gets the 404 of a record that does not exist.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, models, transaction
from django.db.models import IntegerField, Max
from django.db.models.functions import Cast, Substr
from django.http import Http404
from django.utils import timezone

from standards.access import policy
from standards.board.models import (
    Inspection,
    InspectionKind,
    Inspectorate,
    Recommendation,
    RecommendationKind,
    RecommendationStatus,
    RecommendationUpdate,
    TrackerAction,
)
from standards.core.dates import shift_years, written
from standards.core.records import clean_text, not_in_future, save_with_history

REFERENCE_PREFIX = "INS-"
# Serialises the numbering of new inspections (PostgreSQL advisory lock, held to commit).
_REFERENCE_LOCK = 0x1A5_0001
# An action falls due at most this far ahead: a later date is a slip of the keyboard.
LONGEST_ACTION_YEARS = 3


def _locked(model: type[models.Model], record: models.Model, acting_user, what: str):
    """The record's row, locked for this transaction, if the acting user may change it; anyone
    else gets the 404 of a missing record."""
    locked = (
        policy.changeable(acting_user, model.objects.select_for_update(of=("self",)))
        .filter(pk=record.pk)
        .first()
    )
    if locked is None:
        raise Http404(f"No such {what}")
    return locked


def _next_reference() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_REFERENCE_LOCK])
    last = Inspection.objects.filter(reference__startswith=REFERENCE_PREFIX).aggregate(
        last=Max(Cast(Substr("reference", len(REFERENCE_PREFIX) + 1), IntegerField()))
    )["last"]
    return f"{REFERENCE_PREFIX}{(last or 0) + 1:04d}"


def _serving_owner(owner, field: str, *, required: str | None) -> None:
    if owner is None:
        if required:
            raise ValidationError({field: required})
        return
    if owner.has_left:
        raise ValidationError({field: f"{owner.display_name} has left the force: choose another"})


def _inspection_fields(
    *,
    title: str,
    inspectorate: str,
    kind: str,
    published_on: dt.date | None,
    url: str,
    summary: str,
    pcc_response_published_on: dt.date | None,
) -> dict:
    title = clean_text(title, "title", required="Enter the title of the report")
    if len(title) > 300:
        raise ValidationError({"title": "The title must be 300 characters or fewer"})
    if inspectorate not in Inspectorate.values:
        raise ValidationError({"inspectorate": "Select the inspectorate"})
    if kind not in InspectionKind.values:
        raise ValidationError({"kind": "Select the kind of inspection"})
    if published_on is None:
        raise ValidationError({"published_on": "Enter the date the report was published"})
    not_in_future(published_on, "published_on", "The date the report was published")
    if pcc_response_published_on is not None:
        not_in_future(
            pcc_response_published_on,
            "pcc_response_published_on",
            "The date the PCC's response was published",
        )
        if pcc_response_published_on < published_on:
            raise ValidationError(
                {
                    "pcc_response_published_on": "The PCC's response must be published on or "
                    f"after the report, {written(published_on)}"
                }
            )
    url = (url or "").strip()
    if url:
        try:
            URLValidator(schemes=["https", "http"])(url)
        except ValidationError:
            raise ValidationError(
                {"url": "Enter a web address, for example https://hmicfrs..."}
            ) from None
    return {
        "title": title,
        "inspectorate": inspectorate,
        "kind": kind,
        "published_on": published_on,
        "url": url,
        "summary": clean_text(summary, "summary"),
        "pcc_response_published_on": pcc_response_published_on,
    }


@transaction.atomic
def inspection_record(
    *,
    title: str,
    inspectorate: str,
    kind: str,
    published_on: dt.date | None,
    url: str = "",
    summary: str = "",
    pcc_response_published_on: dt.date | None = None,
    acting_user,
) -> Inspection:
    """A published inspection report the force tracks, numbered INS-0001 onwards."""
    fields = _inspection_fields(
        title=title,
        inspectorate=inspectorate,
        kind=kind,
        published_on=published_on,
        url=url,
        summary=summary,
        pcc_response_published_on=pcc_response_published_on,
    )
    inspection = Inspection(reference=_next_reference(), **fields)
    save_with_history(inspection, "Inspection recorded", acting_user)
    return inspection


FIELD_NAMES = {
    "title": "title",
    "inspectorate": "inspectorate",
    "kind": "kind",
    "published_on": "published date",
    "url": "link",
    "summary": "summary",
    "pcc_response_published_on": "PCC's response",
}


@transaction.atomic
def inspection_change(
    *,
    inspection: Inspection,
    title: str,
    inspectorate: str,
    kind: str,
    published_on: dt.date | None,
    url: str = "",
    summary: str = "",
    pcc_response_published_on: dt.date | None = None,
    acting_user,
) -> Inspection:
    """Correct an inspection's details, or record that the PCC's response has been published."""
    locked = _locked(Inspection, inspection, acting_user, "inspection")
    fields = _inspection_fields(
        title=title,
        inspectorate=inspectorate,
        kind=kind,
        published_on=published_on,
        url=url,
        summary=summary,
        pcc_response_published_on=pcc_response_published_on,
    )
    earliest_update = locked.recommendations.aggregate(on=models.Min("updates__on"))["on"]
    if earliest_update is not None and fields["published_on"] > earliest_update:
        raise ValidationError(
            {
                "published_on": "The report must be published on or before its first update, "
                f"{written(earliest_update)}"
            }
        )
    changed = [name for name, value in fields.items() if getattr(locked, name) != value]
    if not changed:
        return locked
    for name in changed:
        setattr(locked, name, fields[name])
    reason = (
        "PCC's response published"
        if changed == ["pcc_response_published_on"] and locked.pcc_response_published_on
        else "Changed: " + ", ".join(FIELD_NAMES[name] for name in changed)
    )
    save_with_history(locked, reason, acting_user)
    return locked


@transaction.atomic
def recommendation_add(
    *,
    inspection: Inspection,
    kind: str,
    number: str,
    text: str,
    owner=None,
    acting_user,
) -> Recommendation:
    """A recommendation, area for improvement or cause of concern as the report words it. It
    starts awaiting review."""
    locked = _locked(Inspection, inspection, acting_user, "inspection")
    if kind not in RecommendationKind.values:
        raise ValidationError(
            {"kind": "Select whether it is a recommendation or an area for improvement"}
        )
    number = clean_text(number, "number", required="Enter the number the report gives it")
    if len(number) > 20:
        raise ValidationError({"number": "The number must be 20 characters or fewer"})
    text = clean_text(text, "text", required="Enter the recommendation as the report words it")
    _serving_owner(owner, "owner", required=None)
    if locked.recommendations.filter(kind=kind, number__iexact=number).exists():
        label = RecommendationKind(kind).label
        raise ValidationError({"number": f"{label} {number} is already on this inspection"})
    last = locked.recommendations.aggregate(last=Max("order"))["last"]
    recommendation = Recommendation(
        inspection=locked,
        kind=kind,
        number=number,
        text=text,
        owner=owner,
        order=(last or 0) + 1,
    )
    save_with_history(
        recommendation, f"{RecommendationKind(kind).label} {number} added", acting_user
    )
    return recommendation


@transaction.atomic
def recommendation_update_record(
    *,
    recommendation: Recommendation,
    on: dt.date | None,
    status: str,
    comment: str,
    evidence: str = "",
    acting_user,
) -> RecommendationUpdate:
    """One dated entry in the recommendation's log, leaving it in ``status``. Entries are
    appended in date order; "complete" needs the evidence and no open action."""
    locked = _locked(Recommendation, recommendation, acting_user, "recommendation")
    if on is None:
        raise ValidationError({"on": "Enter the date of the update"})
    not_in_future(on, "on", "The date of the update")
    published_on = locked.inspection.published_on
    if on < published_on:
        raise ValidationError(
            {
                "on": "The date of the update must be on or after the report, "
                f"{written(published_on)}"
            }
        )
    last = locked.updates.aggregate(on=Max("on"))["on"]
    if last is not None and on < last:
        raise ValidationError(
            {"on": f"The date of the update must be on or after the last update, {written(last)}"}
        )
    if status not in RecommendationStatus.values:
        raise ValidationError({"status": "Select the status the update leaves it in"})
    comment = clean_text(comment, "comment", required="Enter what has been done")
    evidence = clean_text(evidence, "evidence")
    if status == RecommendationStatus.COMPLETE:
        if not evidence:
            raise ValidationError(
                {"evidence": "Enter the evidence that the recommendation is complete"}
            )
        open_actions = locked.actions.filter(completed_on__isnull=True).count()
        if open_actions:
            raise ValidationError(
                {
                    "status": f"{open_actions} action{'s are' if open_actions > 1 else ' is'} "
                    "still open: complete them before the recommendation"
                }
            )
    update = RecommendationUpdate(
        recommendation=locked,
        on=on,
        status=status,
        comment=comment,
        evidence=evidence,
        recorded_by=acting_user,
    )
    label = RecommendationStatus(status).label
    save_with_history(update, f"Update: {label.lower()}", acting_user)
    if locked.status != status:
        locked.status = status
        save_with_history(locked, f"Status: {label.lower()}", acting_user, update_fields=["status"])
    return update


def _action_fields(
    *, recommendation: Recommendation, description: str, owner, due_on: dt.date | None
) -> dict:
    description = clean_text(description, "description", required="Enter what needs to be done")
    _serving_owner(owner, "owner", required="Select who owns the action")
    if due_on is None:
        raise ValidationError({"due_on": "Enter the date the action is due"})
    published_on = recommendation.inspection.published_on
    if due_on < published_on:
        raise ValidationError(
            {"due_on": f"The due date must be on or after the report, {written(published_on)}"}
        )
    latest = shift_years(timezone.localdate(), LONGEST_ACTION_YEARS)
    if due_on > latest:
        raise ValidationError({"due_on": f"The due date must be {written(latest)} or earlier"})
    return {"description": description, "owner": owner, "due_on": due_on}


@transaction.atomic
def action_add(
    *, recommendation: Recommendation, description: str, owner, due_on: dt.date | None, acting_user
) -> TrackerAction:
    """A piece of work towards the recommendation, with its owner and due date."""
    locked = _locked(Recommendation, recommendation, acting_user, "recommendation")
    if locked.status == RecommendationStatus.COMPLETE:
        raise ValidationError(
            "The recommendation is complete: record an update that reopens it before adding "
            "an action"
        )
    action = TrackerAction(
        recommendation=locked,
        **_action_fields(
            recommendation=locked, description=description, owner=owner, due_on=due_on
        ),
    )
    save_with_history(action, "Action added", acting_user)
    return action


ACTION_FIELD_NAMES = {"description": "description", "owner": "owner", "due_on": "due date"}


@transaction.atomic
def action_change(
    *, action: TrackerAction, description: str, owner, due_on: dt.date | None, acting_user
) -> TrackerAction:
    """Change an open action's description, owner or due date."""
    locked = _locked(TrackerAction, action, acting_user, "action")
    if locked.completed_on:
        raise ValidationError("The action is complete: it can no longer be changed")
    fields = _action_fields(
        recommendation=locked.recommendation,
        description=description,
        owner=owner,
        due_on=due_on,
    )
    changed = [name for name, value in fields.items() if getattr(locked, name) != value]
    if not changed:
        return locked
    for name in changed:
        setattr(locked, name, fields[name])
    reason = "Changed: " + ", ".join(ACTION_FIELD_NAMES[name] for name in changed)
    save_with_history(locked, reason, acting_user)
    return locked


@transaction.atomic
def action_complete(
    *, action: TrackerAction, completed_on: dt.date | None, acting_user
) -> TrackerAction:
    """Record the day the action was done: not in the future, and not before the report that
    asked for it was published."""
    locked = _locked(TrackerAction, action, acting_user, "action")
    if locked.completed_on:
        raise ValidationError(
            {"completed_on": f"The action was completed on {written(locked.completed_on)}"}
        )
    if completed_on is None:
        raise ValidationError({"completed_on": "Enter the date the action was completed"})
    not_in_future(completed_on, "completed_on", "The date the action was completed")
    published_on = locked.recommendation.inspection.published_on
    if completed_on < published_on:
        raise ValidationError(
            {
                "completed_on": "The date the action was completed must be on or after the "
                f"report, {written(published_on)}"
            }
        )
    locked.completed_on = completed_on
    save_with_history(locked, "Action completed", acting_user, update_fields=["completed_on"])
    return locked
