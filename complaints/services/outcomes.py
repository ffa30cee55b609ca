"""The outcome of a complaint recorded under Schedule 3: a result for each allegation (service
acceptable, not acceptable, or unable to determine), what was done about it, and why.

The results are stored on each allegation so the outcomes can be reported on (the IOPC's
measures, freedom-of-information answers), not buried in a letter. Once the outcome letter has
gone to the complainant the outcome is what they were told, and it no longer changes here.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from complaints import clocks
from complaints.models import (
    Allegation,
    Case,
    CaseKind,
    CaseStatus,
    ComplaintResult,
    LetterKind,
)
from complaints.selectors.letters import OUTCOME_FROM, SCHEDULE_3
from complaints.services.common import locked_case

DECIDED_RESULTS = frozenset(
    {ComplaintResult.ACCEPTABLE, ComplaintResult.NOT_ACCEPTABLE, ComplaintResult.UNABLE}
)


@transaction.atomic
def complaint_outcome_record(
    *,
    case: Case,
    results: dict[Allegation, str],
    actions_taken: dict[Allegation, str],
    outcome_on: dt.date,
    rationale: str,
    acting_user,
) -> Case:
    """Record the outcome of a Schedule 3 complaint: every allegation's result and the actions
    taken, the outcome date and the rationale; the case moves to "Outcome given"."""
    case = locked_case(case, acting_user)
    if case.kind != CaseKind.COMPLAINT:
        raise ValidationError("Only a complaint has an outcome of this kind")
    if case.handling not in SCHEDULE_3:
        raise ValidationError(
            "Record the handling decision under Schedule 3 before recording the outcome"
        )
    if case.status not in OUTCOME_FROM:
        raise ValidationError(
            f"The outcome cannot be recorded while the case is {case.get_status_display().lower()}"
        )
    if case.letters.filter(kind=LetterKind.OUTCOME).exists():
        raise ValidationError(
            "The outcome letter has been issued: the outcome is what the complainant was told "
            "and can no longer change"
        )
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if outcome_on is None:
        errors["outcome_on"] = ["Enter the date of the outcome"]
    elif outcome_on > today:
        errors["outcome_on"] = ["The date of the outcome must be today or in the past"]
    elif outcome_on < case.received_on:
        errors["outcome_on"] = [
            "The date of the outcome must be on or after the day the complaint was received"
        ]
    if not (rationale or "").strip():
        errors["rationale"] = ["Explain why this is the outcome"]
    allegations = list(case.allegations.all())
    if not allegations:
        errors["__all__"] = ["The case has no allegations to give an outcome for"]
    by_pk = {allegation.pk: allegation for allegation in allegations}
    given = {allegation.pk: result for allegation, result in results.items()}
    actions = {allegation.pk: text for allegation, text in actions_taken.items()}
    if set(given) - set(by_pk) or set(actions) - set(by_pk):
        raise ValidationError("An allegation given is not one of this case's")
    for pk in by_pk:
        if given.get(pk) not in DECIDED_RESULTS:
            errors[f"result_{pk}"] = [f"Select the result of allegation {_number(case, pk)}"]
        if not (actions.get(pk) or "").strip():
            errors[f"actions_{pk}"] = [
                f"Say what was done about allegation {_number(case, pk)}, or 'No further action'"
            ]
    if errors:
        raise ValidationError(errors)

    for pk, allegation in by_pk.items():
        allegation.result = given[pk]
        allegation.actions_taken = actions[pk].strip()
        allegation._change_reason = f"Outcome: {allegation.get_result_display()}"
        allegation._history_user = acting_user
        allegation.save(update_fields=["result", "actions_taken"])

    case.outcome_on = outcome_on
    case.outcome_rationale = rationale.strip()
    case.status = CaseStatus.OUTCOME
    case._change_reason = "Outcome recorded"
    case._history_user = acting_user
    case.save(update_fields=["outcome_on", "outcome_rationale", "status"])
    clocks.refresh(case)
    return case


def _number(case: Case, pk: int) -> int:
    """The allegation's number on the case (1, 2, ...), as the pages and letters count them."""
    pks = list(case.allegations.values_list("pk", flat=True))
    return pks.index(pk) + 1
