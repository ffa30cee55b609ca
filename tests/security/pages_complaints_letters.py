"""Corridor entries for the outcome, letters and reviews of a complaint (/complaints/).

The record: a complaint allocated to the ``psd_caseworker`` persona, its outcome recorded, the
outcome letter issued three days ago and a review application with the local policing body (so
the ``review_body`` persona sees the review, the case's letters and nothing it may change).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.security.registry import CCU, PSD, Page, _pk
from tests.security.world import World

TEAM = frozenset({"psd_caseworker", "psd_head"})
REVIEW_BODY = frozenset({"review_body"})


def _case(world: World) -> dict:
    return {"pk": world.records["letters_case"].pk}


PAGES: dict[str, Page] = {
    # Pages that change the case: its team only (the head of PSD, the allocated caseworker).
    "complaints:outcome": Page(allowed=TEAM, kwargs=_case, acts=TEAM),
    "complaints:letter_new": Page(allowed=TEAM, kwargs=_case, acts=TEAM),
    "complaints:review_apply": Page(allowed=TEAM, kwargs=_case, acts=TEAM),
    # An issued letter holds the complainant's name and address: the case team and the review
    # body whose review it is; each download is one access-log row.
    "complaints:letter": Page(allowed=TEAM | REVIEW_BODY, kwargs=_pk("letters_outcome_letter")),
    "complaints:letter_pdf": Page(allowed=TEAM | REVIEW_BODY, kwargs=_pk("letters_outcome_letter")),
    "complaints:letter_docx": Page(
        allowed=TEAM | REVIEW_BODY, kwargs=_pk("letters_outcome_letter")
    ),
    # Reviews: PSD all, the CCU read-only (as for every PSD case), the review body its own.
    "complaints:reviews": Page(allowed=PSD | CCU | REVIEW_BODY, logs=1),
    # Outside the case team, a reason first (break glass): the page's only POST is that reason.
    "complaints:review": Page(
        allowed=PSD | CCU | REVIEW_BODY,
        kwargs=_pk("letters_review"),
        acts=PSD | CCU | REVIEW_BODY,
    ),
    "complaints:review_decide": Page(
        allowed=frozenset({"psd_head", "review_body"}),
        kwargs=_pk("letters_review"),
        acts=frozenset({"psd_head", "review_body"}),
    ),
}


def build(world: World) -> None:
    from complaints.services.reviews import review_record_application
    from tests.complaints.test_letters_cases import ready_case, with_outcome_letter

    caseworker = world.users["psd_caseworker"]
    case = ready_case([caseworker])
    letter = with_outcome_letter(
        case, caseworker, issued_on=timezone.localdate() - dt.timedelta(days=3)
    )
    world.records["letters_case"] = case
    world.records["letters_outcome_letter"] = letter
    world.records["letters_review"] = review_record_application(
        case=case,
        applied_on=timezone.localdate(),
        grounds="The complainant says the search was never explained.",
        acting_user=caseworker,
    )
