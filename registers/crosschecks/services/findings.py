"""Working the cross-checks' findings: a disposition with its reason, and "run now".

A finding is worked to a ``Disposition`` with a rationale. Each decision is a new
``FindingDecision`` row, never changed, and the finding carries the latest one, so a person who
changes their mind records a new decision with its own reason and the history keeps both.

The corridor decides which dispositions a finding may have. A PSD finding may be explained, a
false positive, referred to an open PSD case about one of its people, or referred to the CCU:
that last makes a CCU finding with the same people and summary (PSD -> CCU may cross, as any
member may tell the CCU something) and tells the CCU's watchlist. A CCU finding is explained, a
false positive, or taken on as intelligence (the CCU's report reference): it never goes to PSD,
whose only way in from the CCU is a sanitised referral (standards/exchange).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from registers.crosschecks.checks import check_named
from registers.crosschecks.models import (
    Audience,
    CcuFinding,
    CrossCheckRun,
    Disposition,
    Finding,
    FindingDecision,
    FindingStatus,
    PsdFinding,
)
from registers.crosschecks.selectors.findings import REFERRED_CHECK
from standards.access import policy
from standards.core import extensions

PSD_DISPOSITIONS = (
    Disposition.EXPLAINED,
    Disposition.REFERRED_PSD,
    Disposition.REFERRED_CCU,
    Disposition.FALSE_POSITIVE,
)
CCU_DISPOSITIONS = (Disposition.EXPLAINED, Disposition.FALSE_POSITIVE, Disposition.REFERRED_CCU)


def dispositions_for(audience: str) -> tuple[str, ...]:
    return PSD_DISPOSITIONS if audience == Audience.PSD else CCU_DISPOSITIONS


def open_cases_for_finding(*, finding: Finding) -> list[str]:
    """The open PSD cases (references) about any of the finding's people, in the order found."""
    references: list[str] = []
    for person in finding.people.all():
        for reference in extensions.open_cases_for(person=person):
            if reference not in references:
                references.append(reference)
    return references


def _may_decide(user, finding: Finding) -> bool:
    model = PsdFinding if finding.audience == Audience.PSD else CcuFinding
    return policy.changeable(user, model.objects.filter(pk=finding.pk)).exists()


@transaction.atomic
def finding_dispose(
    *,
    finding: Finding,
    disposition: str,
    rationale: str,
    case_reference: str = "",
    acting_user,
) -> Finding:
    """Record a disposition of ``finding`` with its reason; the finding is then dealt with.

    Raises ValidationError (by field: ``disposition``, ``rationale``, ``case_reference``) for a
    missing reason, a disposition the finding's side does not offer, or a case that is not an
    open case about one of its people."""
    # The one guard against misuse: the pages reach the finding through its selector already.
    if not _may_decide(acting_user, finding):
        raise PermissionDenied("This finding is not yours to decide.")
    rationale = (rationale or "").strip()
    case_reference = (case_reference or "").strip()
    errors: dict[str, str] = {}
    if disposition not in dispositions_for(finding.audience):
        errors["disposition"] = "Select what was done about the finding"
    if not rationale:
        errors["rationale"] = "Give the reason for this decision"
    if disposition == Disposition.REFERRED_PSD and finding.audience == Audience.PSD:
        cases = open_cases_for_finding(finding=finding)
        if not cases:
            errors["case_reference"] = (
                "There is no open PSD case about the people in this finding. Record a "
                "complaint or conduct matter first, or choose another decision"
            )
        elif case_reference not in cases:
            errors["case_reference"] = "Select the PSD case it was referred to"
    elif disposition == Disposition.REFERRED_CCU and finding.audience == Audience.CCU:
        if not case_reference:
            errors["case_reference"] = "Enter the reference of the intelligence report"
        elif len(case_reference) > 50:
            errors["case_reference"] = "The reference must be 50 characters or fewer"
    else:
        case_reference = ""
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    FindingDecision.objects.create(
        finding=finding,
        disposition=disposition,
        rationale=rationale,
        case_reference=case_reference,
        decided_by=acting_user,
        decided_at=now,
    )
    finding.disposition = disposition
    finding.rationale = rationale
    finding.case_reference = case_reference
    finding.disposed_by = acting_user
    finding.disposed_at = now
    finding.status = FindingStatus.DISPOSED
    finding.save(
        update_fields=[
            "disposition",
            "rationale",
            "case_reference",
            "disposed_by",
            "disposed_at",
            "status",
        ]
    )
    if disposition == Disposition.REFERRED_CCU and finding.audience == Audience.PSD:
        _refer_to_ccu(finding=finding)
    return finding


def _refer_to_ccu(*, finding: Finding) -> Finding:
    """The CCU's copy of a PSD finding: its people and summary, under the CCU's own rule. Once
    only: a second referral of the same finding finds the first one."""
    referred, created = CcuFinding.objects.get_or_create(
        key=f"{finding.key}:referred"[:200],
        defaults={
            "check_name": REFERRED_CHECK,
            "audience": Audience.CCU,
            "summary": finding.summary,
            # Only what PSD had: the PSD finding's own records and where it came from.
            "details": {
                "referred_from": finding.reference,
                "check": _check_title(finding.check_name),
                **(finding.details or {}),
            },
            "score": finding.score,
            "first_run": finding.last_run,
            "last_run": finding.last_run,
        },
    )
    if created:
        person_ids = list(finding.people.values_list("pk", flat=True))
        referred.people.set(person_ids)
        extensions.record_about_people(
            kind="crosscheck",
            record=referred,
            person_ids=person_ids,
            summary=f"{referred.reference}: cross-check finding referred by PSD",
        )
    return referred


def _check_title(name: str) -> str:
    try:
        return check_named(name).title
    except LookupError:
        return name


@transaction.atomic
def crosscheck_run_request(*, check_name: str, acting_user) -> CrossCheckRun:
    """Run a check now, on demand, as of today: the same run as the nightly one (an unfinished
    run of the check is resumed rather than doubled). Only a check of the user's own side."""
    from registers.crosschecks.selectors.runs import audiences_for
    from registers.crosschecks.services.runs import crosscheck_run_start

    check = check_named(check_name)
    if check.audience not in audiences_for(acting_user):
        raise PermissionDenied("This check is not yours to run.")
    return crosscheck_run_start(check=check, today=_today(), acting_user=acting_user)


def _today() -> dt.date:
    return timezone.localdate()
