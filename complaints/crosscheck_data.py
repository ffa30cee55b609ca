"""What complaints and conduct lend the cross-checks: the events early intervention counts.

Registered from ``complaints.apps`` as the "person_events" provider
(``standards.core.extensions.register_crosscheck_data``), so the cross-checks count a member's
complaints without importing this area. For every case received between ``since`` and
``until`` (both included; a case is dated by when it was received, the date the IOPC measures
from):

- a public complaint a member is a subject of: one "complaint" event;
- a conduct matter a member is a subject of: one "conduct" event;
- an allegation naming a member among its subjects: one "allegation" event whose ``category``
  is the allegation's IOPC category (the top level of the IOPC's 2020 categories, "Use of
  police powers..."; the subcategory is too fine to show a pattern).

Two queries, read as plain values and streamed: nothing here loads a model instance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from complaints.models import Allegation, CaseKind, Subject
from complaints.models.case import REFERENCE_PREFIX
from standards.core.extensions import PersonEvent

_CASE_EVENT = {CaseKind.COMPLAINT: "complaint", CaseKind.CONDUCT: "conduct"}


def _reference(kind: str, case_id: int) -> str:
    # Case.reference without loading the case.
    return f"{REFERENCE_PREFIX[CaseKind(kind)]}-{case_id:06d}"


def person_events(*, since: dt.date, until: dt.date) -> Iterator[PersonEvent]:
    subjects = (
        Subject.objects.order_by()
        .filter(
            person__isnull=False,
            case__kind__in=list(_CASE_EVENT),
            case__received_on__gte=since,
            case__received_on__lte=until,
        )
        .values_list("person_id", "case__kind", "case_id", "case__received_on")
    )
    for person_id, kind, case_id, received_on in subjects.iterator(chunk_size=2000):
        yield PersonEvent(
            person_id=person_id,
            kind=_CASE_EVENT[CaseKind(kind)],
            category="",
            occurred_on=received_on,
            reference=_reference(kind, case_id),
        )

    allegations = (
        Allegation.subjects.through.objects.order_by()
        .filter(
            subject__person__isnull=False,
            allegation__case__received_on__gte=since,
            allegation__case__received_on__lte=until,
        )
        .values_list(
            "subject__person_id",
            "allegation__category__group",
            "allegation__case__kind",
            "allegation__case_id",
            "allegation__case__received_on",
        )
    )
    for person_id, group, kind, case_id, received_on in allegations.iterator(chunk_size=2000):
        yield PersonEvent(
            person_id=person_id,
            kind="allegation",
            category=group,
            occurred_on=received_on,
            reference=_reference(kind, case_id),
        )
