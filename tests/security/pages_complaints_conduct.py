"""Corridor entries for investigation and conduct (/complaints/...), the force-wide lessons page
and the public hearing pages (/public/complaints/hearings/).

The record: a conduct matter allocated to the ``psd_caseworker`` persona, with three subjects
(none of them a persona): A, assessed gross misconduct, suspended, with a hearing arranged but
not yet held in public; B, with a hearing whose notice and outcome are published and a listing
not yet sent; C, at reflective practice. The investigation is paused. The pages that change it
are the case team's (the caseworker and the head of PSD); the CCU, which reads PSD cases, gets
the 404 of a missing page on them, and reads the conduct overview only after giving a reason.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from complaints.models import (
    BarredListNotification,
    CaseKind,
    Channel,
    Finding,
    ListedStatus,
    ListingReason,
    ProceedingsForm,
    ProceedingsOutcome,
    RestrictionKind,
    Severity,
)
from complaints.services import conduct as conduct_services
from complaints.services import proceedings as proceedings_services
from tests.complaints.factories import CaseFactory, SubjectFactory
from tests.security.registry import PSD, Page
from tests.security.world import ALL_SIGNED_IN, ANONYMOUS, World

STAFF = ALL_SIGNED_IN - {"admin", "auditor", "review_body"}
CCU_READERS = frozenset({"ccu_analyst", "ccu_head", "subject"})
HEAD = frozenset({"psd_head"})


def _on(*records: tuple[str, str]):
    """URL kwargs: the case's pk, and the pk of each named record under its URL name."""

    def kwargs(world: World) -> dict:
        values = {"pk": world.records["conduct_case"].pk}
        for name, record in records:
            values[name] = world.records[record].pk
        return values

    return kwargs


def _work(*records: tuple[str, str]) -> Page:
    return Page(allowed=PSD, kwargs=_on(*records), acts=PSD)


def _decide(*records: tuple[str, str]) -> Page:
    """The appropriate authority's decisions: the head of PSD, not the caseworker."""
    return Page(allowed=HEAD, kwargs=_on(*records), acts=HEAD)


PAGES: dict[str, Page] = {
    "complaints:conduct_open": Page(allowed=PSD, acts=PSD),
    "complaints:lessons": Page(allowed=STAFF),
    "complaints:conduct": Page(allowed=PSD | CCU_READERS, kwargs=_on()),
    "complaints:investigation_start": _work(),
    "complaints:severity": _decide(("subject", "conduct_subject_a")),
    "complaints:notice": _work(("subject", "conduct_subject_a")),
    "complaints:restriction_start": _decide(("subject", "conduct_subject_b")),
    "complaints:restriction_review": _decide(("restriction", "conduct_restriction")),
    "complaints:restriction_end": _decide(("restriction", "conduct_restriction")),
    "complaints:pause_start": _work(),
    "complaints:pause_end": _work(("pause", "conduct_pause")),
    "complaints:timeliness_report": _work(),
    "complaints:reflection_refer": _work(("subject", "conduct_subject_c")),
    "complaints:reflection_account": _work(("reflection", "conduct_reflection")),
    "complaints:reflection_report": _work(("reflection", "conduct_reflection")),
    "complaints:proceedings_arrange": _work(("subject", "conduct_subject_a")),
    "complaints:hearing_notice": _work(("proceedings", "conduct_hearing_arranged")),
    "complaints:proceedings_outcome": _work(("proceedings", "conduct_hearing_arranged")),
    "complaints:tribunal_appeal": _work(("proceedings", "conduct_hearing_held")),
    "complaints:tribunal_result": _work(("appeal", "conduct_appeal")),
    "complaints:barred_list": _work(("subject", "conduct_subject_b")),
    "complaints:listing_sent": _work(("listing", "conduct_listing")),
    "complaints:lesson": _work(),
    # Public: no sign-in; a hearing's page shows what PSD published, no protected record.
    "public_complaints:hearings": Page(
        allowed=ALL_SIGNED_IN | {ANONYMOUS}, post_overrides={ANONYMOUS: 405}
    ),
    "public_complaints:hearing": Page(
        allowed=ALL_SIGNED_IN | {ANONYMOUS},
        kwargs=lambda world: {"pk": world.records["conduct_hearing_held"].pk},
        post_overrides={ANONYMOUS: 405},
        logs=0,
    ),
}


def build(world: World) -> None:
    head = world.users["psd_head"]
    today = timezone.localdate()
    case = CaseFactory(
        kind=CaseKind.CONDUCT,
        channel=Channel.INTERNAL,
        summary="Internal report: an officer is said to have pushed a detainee.",
        team=[world.users["psd_caseworker"]],
    )
    a, b, c = (SubjectFactory(case=case) for _ in range(3))

    def assess(subject, severity):
        conduct_services.severity_assess(
            subject=subject, severity=severity, rationale="Matrix.", acting_user=head
        )

    assess(a, Severity.GROSS)
    assess(b, Severity.GROSS)
    assess(c, Severity.PRI)
    restriction = conduct_services.restriction_start(
        subject=a,
        kind=RestrictionKind.SUSPENDED,
        started_on=today - dt.timedelta(days=7),
        rationale="Risk to detainees.",
        acting_user=head,
    )
    pause = conduct_services.pause_start(
        case=case, started_on=today, reason="Criminal trial.", acting_user=head
    )
    reflection = conduct_services.reflective_practice_refer(
        subject=c, referred_on=today, acting_user=head
    )

    def hearing(subject):
        return proceedings_services.proceedings_arrange(
            subject=subject,
            form=ProceedingsForm.HEARING,
            panel="Chair and two members.",
            held_on=today,
            venue="Force headquarters",
            public_notice="PC Matrix: alleged use of excessive force.",
            acting_user=head,
        )

    arranged = hearing(a)
    held = hearing(b)
    proceedings_services.hearing_notice_publish(proceedings=held, acting_user=head)
    proceedings_services.proceedings_record_outcome(
        proceedings=held,
        finding=Finding.GROSS,
        outcome=ProceedingsOutcome.FINAL_WRITTEN_WARNING,
        rationale="Proven.",
        outcome_on=today,
        public_outcome="Gross misconduct proven; final written warning.",
        acting_user=head,
    )
    appeal = proceedings_services.tribunal_appeal_record(
        proceedings=held, lodged_on=today, grounds="The sanction was too severe.", acting_user=head
    )
    listing = BarredListNotification.objects.create(
        subject=b,
        barred_list="advisory",
        reason=ListingReason.RESIGNED,
        trigger_on=today,
        full_name="Matrix Officer",
        force="Northmoor Police",
        status=ListedStatus.FORMER_OFFICER,
        warrant_or_staff_number="M1",
        conduct="Force.",
        allegation_summary="Force.",
        recorded_by=head,
    )
    world.records.update(
        {
            "conduct_case": case,
            "conduct_subject_a": a,
            "conduct_subject_b": b,
            "conduct_subject_c": c,
            "conduct_restriction": restriction,
            "conduct_pause": pause,
            "conduct_reflection": reflection,
            "conduct_hearing_arranged": arranged,
            "conduct_hearing_held": held,
            "conduct_listing": listing,
            "conduct_appeal": appeal,
        }
    )
