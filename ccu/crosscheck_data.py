"""What the CCU lends the cross-checks: its nominals (people) and the members each is linked to.

The registers may not import the CCU (the corridor, and the import-linter contract), so the two
CCU-only checks (registers/crosschecks/checks/association_nominal.py and
undeclared_association.py) read nominals through ``standards.core.extensions.crosscheck_data(
"member_nominals", ...)``; this module is the provider, registered from ``ccu.apps``.

A nominal is "linked to a member" when it is linked to an intelligence report whose subject the
member is. Merged nominals are left out: their links moved to the nominal they were merged into,
which stands for the person. Everything is streamed in nominal order from two queries (the
nominals and their links), so a large index never sits in memory at once.
"""

from __future__ import annotations

from collections.abc import Iterator

from ccu.models import Nominal, NominalKind, NominalLink
from standards.core.extensions import MemberNominal

_BATCH = 2000


def member_nominals(*, members_between: tuple[int, int] | None = None) -> Iterator[MemberNominal]:
    """Every person nominal (merged ones excluded), with the members it is linked to (possibly
    none). ``members_between=(low, high)``: only nominals linked to a member whose pk is in that
    range, and only those members (a check splitting its work by member asks for its share)."""
    nominals = Nominal.objects.filter(kind=NominalKind.PERSON, merged_into__isnull=True)
    links = NominalLink.objects.filter(
        nominal__kind=NominalKind.PERSON,
        nominal__merged_into__isnull=True,
        report__report_subjects__isnull=False,
    )
    if members_between is not None:
        low, high = members_between
        in_range = {
            "report__report_subjects__person_id__gte": low,
            "report__report_subjects__person_id__lte": high,
        }
        links = links.filter(**in_range)
        nominals = nominals.filter(**{f"links__{key}": value for key, value in in_range.items()})
        nominals = nominals.distinct()
    pairs = (
        links.values_list("nominal_id", "report__report_subjects__person_id")
        .order_by("nominal_id", "report__report_subjects__person_id")
        .distinct()
        .iterator(chunk_size=_BATCH)
    )
    # A merge join of two streams in nominal order: the links of each nominal are read as the
    # nominal is, never all at once.
    pending = next(pairs, None)
    for nominal_id, name, date_of_birth in (
        nominals.values_list("pk", "name", "date_of_birth").order_by("pk").iterator(_BATCH)
    ):
        while pending is not None and pending[0] < nominal_id:
            pending = next(pairs, None)
        member_ids: list[int] = []
        while pending is not None and pending[0] == nominal_id:
            member_ids.append(pending[1])
            pending = next(pairs, None)
        yield MemberNominal(
            nominal_id=nominal_id,
            name=name,
            date_of_birth=date_of_birth,
            member_ids=tuple(member_ids),
        )
