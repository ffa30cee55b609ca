"""The case file in the corridor matrix: the queue, the case page's eight tabs, the case team's
pages that change it, and the document download.

The record: a complaint allocated to the ``psd_caseworker`` persona, whose review is open with
the local policing body (so the ``review_body`` persona may read it), about the ``subject``
persona (a CCU analyst: the CCU reads PSD cases, but never one about themselves). The CCU opens
it after giving a reason (break glass: the reason page, and no log row until it opens); only the
case team changes it; the complainant's details and documents are the case team's and the review
body's alone.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from complaints.models import (
    CaseAction,
    CaseStatus,
    Referral,
    Review,
    ReviewBody,
)
from complaints.services.cases import document_add
from tests.complaints.factories import (
    AllegationFactory,
    CaseFactory,
    ComplainantFactory,
    SubjectFactory,
)
from tests.security.registry import CCU, PSD, Page, _pk
from tests.security.world import ALL_SIGNED_IN, World

CASE = _pk("case_in_review")
TEAM = PSD  # the caseworker persona is allocated; the head of PSD is in every case team
HEAD = frozenset({"psd_head"})
# Reads the case: the team, the CCU (after a reason: the reason page answers 200), the review
# body (its review is open); the subject persona is a CCU analyst the case is about: 404.
READERS = PSD | (CCU - {"subject"}) | {"review_body"}


def _work(allowed=TEAM, kwargs=CASE) -> Page:
    return Page(allowed=allowed, kwargs=kwargs, acts=allowed)


def _tab() -> Page:
    # A tab's only POST is the reason on the break-glass page: readers may send it.
    return Page(allowed=READERS, kwargs=CASE, acts=READERS)


PAGES: dict[str, Page] = {
    # The queue: PSD works it, the CCU reads it, the review body sees its own cases in it.
    "complaints:queue": Page(allowed=PSD | CCU | {"review_body"}, logs=1),
    # A DSI matter is recorded by PSD: no record yet.
    "complaints:dsi_record": Page(allowed=PSD, acts=PSD),
    # The eight tabs.
    "complaints:case": _tab(),
    "complaints:case_people": _tab(),
    "complaints:case_allegations": _tab(),
    "complaints:case_decisions": _tab(),
    "complaints:case_actions": _tab(),
    "complaints:case_documents": _tab(),
    "complaints:case_letters": _tab(),
    "complaints:case_timeline": _tab(),
    # The case team's pages; allocation is the head's.
    "complaints:case_allocate": _work(HEAD),
    "complaints:case_dates": _work(),
    "complaints:complainant_add": _work(),
    "complaints:complainant_change": _work(
        kwargs=lambda world: {
            "pk": world.records["case_in_review"].pk,
            "complainant_pk": world.records["case_complainant"].pk,
        }
    ),
    "complaints:subject_add": _work(),
    "complaints:allegation_add": _work(),
    "complaints:allegation_change": _work(
        kwargs=lambda world: {
            "pk": world.records["case_in_review"].pk,
            "allegation_pk": world.records["case_allegation"].pk,
        }
    ),
    "complaints:action_add": _work(),
    # POST only: a GET is refused before the case is looked up.
    "complaints:action_complete": Page(
        allowed=frozenset(),
        kwargs=lambda world: {
            "pk": world.records["case_in_review"].pk,
            "action_pk": world.records["case_action"].pk,
        },
        overrides=dict.fromkeys(ALL_SIGNED_IN, 405),
        acts=TEAM,
    ),
    # PSD asks the CCU for an intelligence check on a subject: POST only, the case team.
    "complaints:case_check": Page(
        allowed=frozenset(),
        kwargs=CASE,
        overrides=dict.fromkeys(ALL_SIGNED_IN, 405),
        acts=TEAM,
    ),
    "complaints:note_add": _work(),
    "complaints:document_add": _work(),
    "complaints:handling_decide": _work(),
    "complaints:referral_mode": _work(),
    # The document: the case team and the review body; each download is a disclosure row.
    "complaints:document_download": Page(
        allowed=PSD | {"review_body"}, kwargs=_pk("case_document")
    ),
}


def build(world: World) -> None:
    caseworker = world.users["psd_caseworker"]
    head = world.users["psd_head"]
    case = CaseFactory(status=CaseStatus.REVIEW, team=[caseworker])
    SubjectFactory(case=case, person=world.users["subject"].person)
    world.records["case_allegation"] = AllegationFactory(case=case)
    world.records["case_complainant"] = ComplainantFactory(case=case)
    referral = Referral(
        case=case,
        referred=True,
        referred_on=case.received_on + dt.timedelta(days=2),
        rationale="A serious assault is alleged.",
        assessed_by=head,
        assessed_at=timezone.now(),
    )
    referral.save()
    Review(
        case=case,
        body=ReviewBody.LOCAL_POLICING_BODY,
        applied_on=timezone.localdate(),
        recorded_by=caseworker,
    ).save()
    action = CaseAction(
        case=case,
        description="Ask for the body-worn video.",
        owner=caseworker,
        due_on=timezone.localdate() + dt.timedelta(days=7),
        created_by=caseworker,
    )
    action.save()
    world.records["case_action"] = action
    world.records["case_document"] = document_add(
        case=case,
        upload=SimpleUploadedFile("statement.txt", b"The complainant's statement.\n"),
        description="Statement",
        acting_user=caseworker,
    )
    world.records["case_in_review"] = case
