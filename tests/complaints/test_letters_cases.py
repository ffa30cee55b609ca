"""Cases for the outcome, letters and reviews tests (helpers only: no tests here).

``ready_case`` is a complaint with two allegations against one officer, recorded under
Schedule 3 for investigation, allocated to ``team``; ``with_outcome`` records its outcome and
``with_outcome_letter`` issues the outcome letter on a given day.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from complaints.models import (
    AllegationCategory,
    CaseStatus,
    Handling,
    HandlingDecision,
    LetterKind,
    LetterTemplate,
    RecordingReason,
    Referral,
)
from complaints.services.letters import letter_issue
from complaints.services.outcomes import complaint_outcome_record
from tests.complaints.factories import (
    AllegationFactory,
    CaseFactory,
    ComplainantFactory,
    SubjectFactory,
)

TODAY = timezone.localdate


def ready_case(team, *, referred=False, rank="Constable", complainant_name="Alex Morgan"):
    lead = team[0]
    case = CaseFactory(
        team=team,
        handling=Handling.INVESTIGATION,
        status=CaseStatus.INVESTIGATION,
        received_on=TODAY() - dt.timedelta(days=90),
        summary="Mr Morgan says officers were rude and searched his car without a reason.",
    )
    ComplainantFactory(
        case=case, name=complainant_name, address="1 Quay Street\nSaltcote", postcode="TS1 2AB"
    )
    subject = SubjectFactory(case=case, person__rank_or_grade=rank)
    AllegationFactory(case=case, subjects=[subject], description="The officer swore at him.")
    AllegationFactory(
        case=case,
        subjects=[subject],
        category=AllegationCategory.objects.get(code="B4"),
        description="His car was searched without a reason being given.",
    )
    HandlingDecision.objects.create(
        case=case,
        handling=Handling.INVESTIGATION,
        recording_reason=RecordingReason.COMPLAINANT_WISHES,
        rationale="The complainant wants it recorded; the search needs looking into.",
        decided_by=lead,
        decided_at=timezone.now() - dt.timedelta(days=80),
    )
    if referred:
        Referral.objects.create(
            case=case,
            referred=True,
            referred_on=TODAY() - dt.timedelta(days=80),
            rationale="Serious allegation: referred.",
            assessed_by=lead,
            assessed_at=timezone.now() - dt.timedelta(days=80),
        )
    return case


def with_outcome(case, user, *, outcome_on=None):
    allegations = list(case.allegations.all())
    return complaint_outcome_record(
        case=case,
        results={allegations[0]: "not_acceptable", allegations[1]: "acceptable"},
        actions_taken={
            allegations[0]: "The officer will reflect on it with his sergeant.",
            allegations[1]: "No further action: the search was lawful and recorded.",
        },
        outcome_on=outcome_on or TODAY() - dt.timedelta(days=40),
        rationale="Body-worn video shows the swearing; the search record gives the grounds.",
        acting_user=user,
    )


def template(kind: str) -> LetterTemplate:
    return LetterTemplate.objects.get(kind=kind, active=True)


def with_outcome_letter(case, user, *, issued_on=None):
    if case.outcome_on is None:
        case = with_outcome(case, user)
    return letter_issue(
        case=case,
        template=template(LetterKind.OUTCOME),
        complainant=case.complainants.get(),
        method="letter",
        acting_user=user,
        issued_on=issued_on,
    )
