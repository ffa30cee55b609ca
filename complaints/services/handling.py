"""The statutory decisions at the start of a complaint: how it is handled (outside Schedule 3, or
recorded under it and how), the mandatory referral assessment asked at recording, the IOPC's mode
decision, and a death or serious injury (DSI) matter recorded without any complaint.

Every decision is a new row with who, when and why; a later one supersedes, never overwrites.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from guardian.shortcuts import assign_perm

from complaints import clocks
from complaints.models import (
    Case,
    CaseKind,
    CaseStatus,
    Channel,
    Handling,
    HandlingDecision,
    IopcMode,
    RecordingReason,
    Referral,
    ReferralCriterion,
)
from complaints.services.cases import TEAM_PERMS
from complaints.services.common import clean_text, locked_case, save_with_history
from standards.access import policy

STATUS_AFTER = {
    Handling.OUTSIDE_SCHEDULE_3: CaseStatus.HANDLING,
    Handling.OTHERWISE: CaseStatus.HANDLING,
    Handling.INVESTIGATION: CaseStatus.INVESTIGATION,
}

# Once the outcome is given (or proceedings or a review are under way) the handling is history.
DECIDED_STATUSES = (CaseStatus.PROCEEDINGS, CaseStatus.OUTCOME, CaseStatus.REVIEW)

REFERRAL_REQUIRED = (
    "A referral criterion is met, so the complaint must be referred to the IOPC: "
    "record the date it was referred"
)


def _check_dates(referred: bool, referred_on: dt.date | None, received_on: dt.date) -> None:
    if not referred:
        return
    if referred_on is None:
        raise ValidationError({"referred_on": "Enter the date it was referred to the IOPC"})
    if referred_on < received_on:
        raise ValidationError(
            {"referred_on": "The referral date must be on or after the date it was received"}
        )
    if referred_on > timezone.localdate():
        raise ValidationError({"referred_on": "The referral date must be today or in the past"})


def _record_referral(
    case: Case,
    *,
    criteria_met: Iterable[ReferralCriterion],
    referred: bool,
    referred_on: dt.date | None,
    iopc_reference: str,
    rationale: str,
    acting_user,
) -> Referral:
    """The mandatory referral assessment (reg 4): any criterion met makes the referral
    mandatory, and "not referred" is refused with the reason."""
    criteria_met = list(criteria_met)
    if criteria_met and not referred:
        raise ValidationError({"referred": REFERRAL_REQUIRED})
    _check_dates(referred, referred_on, case.received_on)
    referral = Referral(
        case=case,
        referred=referred,
        referred_on=referred_on if referred else None,
        iopc_reference=clean_text(iopc_reference, "iopc_reference") if referred else "",
        rationale=rationale,
        assessed_by=acting_user,
        assessed_at=timezone.now(),
    )
    save_with_history(
        referral,
        "Referred to the IOPC" if referred else "Referral assessment: not referred",
        acting_user,
    )
    referral.criteria_met.set(criteria_met)
    return referral


@transaction.atomic
def handling_decide(
    *,
    case: Case,
    handling: str,
    rationale: str,
    recording_reason: str = "",
    what_was_done: str = "",
    complainant_view: str = "",
    criteria_met: Iterable[ReferralCriterion] = (),
    referred: bool = False,
    referred_on: dt.date | None = None,
    iopc_reference: str = "",
    acting_user,
) -> HandlingDecision:
    """How a complaint is handled, with the rationale (always):

    - outside Schedule 3: what was done and the complainant's view of it;
    - recorded under Schedule 3: why it was recorded (the complainant wishes it, the appropriate
      authority decides, dissatisfaction after initial handling), whether otherwise than by
      investigation or by investigation, and the mandatory referral assessment.
    """
    locked = locked_case(case, acting_user)
    if locked.kind != CaseKind.COMPLAINT:
        raise ValidationError("Only a complaint has a handling decision")
    if not locked.is_open:
        raise ValidationError("The case is closed")
    if handling not in STATUS_AFTER:
        raise ValidationError({"handling": "Select how the complaint is handled"})
    if locked.status in DECIDED_STATUSES:
        raise ValidationError(
            f"The complaint is at {locked.get_status_display().lower()}: its handling can no "
            "longer change"
        )
    earlier = set(locked.handling_decisions.values_list("handling", flat=True))
    if handling == Handling.OUTSIDE_SCHEDULE_3 and earlier - {Handling.OUTSIDE_SCHEDULE_3}:
        raise ValidationError(
            {
                "handling": "The complaint has been recorded under Schedule 3, so it is handled "
                "under Schedule 3: it cannot now be handled outside it"
            }
        )
    if (
        handling != Handling.OUTSIDE_SCHEDULE_3
        and recording_reason == RecordingReason.DISSATISFIED
        and Handling.OUTSIDE_SCHEDULE_3 not in earlier
    ):
        raise ValidationError(
            {
                "recording_reason": "Dissatisfaction after initial handling needs a decision "
                "to handle it outside Schedule 3 first: choose another reason"
            }
        )
    rationale = clean_text(rationale, "rationale", required="Enter the reasons for the decision")
    decision = HandlingDecision(
        case=locked,
        handling=handling,
        rationale=rationale,
        decided_by=acting_user,
        decided_at=timezone.now(),
    )
    if handling == Handling.OUTSIDE_SCHEDULE_3:
        decision.what_was_done = clean_text(
            what_was_done, "what_was_done", required="Enter what was done to resolve it"
        )
        decision.complainant_view = clean_text(
            complainant_view,
            "complainant_view",
            required="Enter the complainant's view of what was done",
        )
    else:
        if recording_reason not in RecordingReason.values:
            raise ValidationError(
                {"recording_reason": "Select why the complaint is recorded under Schedule 3"}
            )
        decision.recording_reason = recording_reason
    referral = None
    if handling != Handling.OUTSIDE_SCHEDULE_3:
        # Asked at recording: the assessment is part of the same decision, stored with it or
        # not at all.
        referral = _record_referral(
            locked,
            criteria_met=criteria_met,
            referred=referred,
            referred_on=referred_on,
            iopc_reference=iopc_reference,
            rationale=rationale,
            acting_user=acting_user,
        )
    elif list(criteria_met):
        raise ValidationError(
            {
                "handling": "A referral criterion is met, so the complaint must be recorded "
                "under Schedule 3 and referred to the IOPC"
            }
        )
    save_with_history(decision, "Handling decided", acting_user)
    locked.handling = handling
    locked.status = STATUS_AFTER[handling]
    if handling == Handling.INVESTIGATION and locked.investigation_started_on is None:
        locked.investigation_started_on = timezone.localdate()
    words = f"Handling decided: {decision.get_handling_display()}"
    if referral and referral.referred:
        words += "; referred to the IOPC"
    save_with_history(locked, words, acting_user)
    clocks.refresh(locked)
    return decision


@transaction.atomic
def referral_record_mode(*, case: Case, mode: str, decided_on: dt.date, acting_user) -> Referral:
    """The IOPC's decision on a referral: returned to the force, local, directed or independent
    investigation. It is recorded on the latest referral and on the case."""
    locked = locked_case(case, acting_user)
    referral = (
        Referral.objects.select_for_update()
        .filter(case=locked, referred=True)
        .order_by("-assessed_at", "-pk")
        .first()
    )
    if referral is None:
        raise ValidationError("The case has not been referred to the IOPC")
    if mode not in IopcMode.values or not mode:
        raise ValidationError({"mode": "Select the IOPC's decision"})
    if decided_on is None:
        raise ValidationError({"decided_on": "Enter the date of the IOPC's decision"})
    if referral.referred_on and decided_on < referral.referred_on:
        raise ValidationError(
            {"decided_on": "The IOPC's decision must be on or after the date of the referral"}
        )
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": "The IOPC's decision must be today or in the past"})
    referral.mode = mode
    referral.mode_decided_on = decided_on
    save_with_history(referral, f"IOPC mode decision: {referral.get_mode_display()}", acting_user)
    locked.iopc_mode = mode
    save_with_history(locked, f"IOPC mode decision: {referral.get_mode_display()}", acting_user)
    return referral


@transaction.atomic
def dsi_matter_record(
    *,
    summary: str,
    received_on: dt.date,
    incident_date: dt.date | None,
    incident_place: str,
    referred_on: dt.date,
    iopc_reference: str = "",
    acting_user,
) -> Case:
    """A death or serious injury (DSI) matter: recorded and referred to the IOPC without any
    complaint (reg 4). The caseworker who records it is its lead until the head reallocates."""
    if not policy.in_psd(acting_user):
        raise Http404("No such page")
    summary = clean_text(summary, "summary", required="Enter what happened")
    incident_place = clean_text(incident_place, "incident_place")
    if received_on is None:
        raise ValidationError({"received_on": "Enter the date PSD learnt of it"})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": "The date PSD learnt of it must be in the past"})
    if incident_date and incident_date > received_on:
        raise ValidationError(
            {
                "incident_date": "The date of the incident must be on or before the date "
                "PSD learnt of it"
            }
        )
    _check_dates(True, referred_on, received_on)
    case = Case(
        kind=CaseKind.DSI,
        channel=Channel.DSI,
        summary=summary,
        received_on=received_on,
        logged_on=timezone.localdate(),
        incident_date=incident_date,
        incident_place=incident_place,
        lead=acting_user,
        created_by=acting_user,
    )
    save_with_history(case, "DSI matter recorded", acting_user)
    for perm in TEAM_PERMS:
        assign_perm(perm, acting_user, case)
    dsi = ReferralCriterion.objects.filter(code="dsi")
    _record_referral(
        case,
        criteria_met=dsi,
        referred=True,
        referred_on=referred_on,
        iopc_reference=iopc_reference,
        rationale="A death or serious injury after contact with the police is always referred.",
        acting_user=acting_user,
    )
    clocks.refresh(case)
    return case
