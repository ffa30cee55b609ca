"""declaration-missing: a member in an open PSD finding who has not made the annual declaration.

Runs after every other check (order 900), so it reads tonight's findings. It drives on the
people of open findings, split by person primary key, so each member's finding is produced by
one chunk only; the key names the member and the declaration year, so one finding per member per
year however many findings they are in (the summary names them all).

The declaration that counts is the latest one to have fallen due (``latest_due_year``): before
this year's due date nobody is behind with this year's, so it is last year's that is checked.

It reads PSD findings only, never CCU ones: a PSD finding saying "this member is in a finding"
about a CCU finding would tell PSD that the CCU finding exists (the corridor). Its own findings
are left out, or a member would keep themselves in.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from registers.annual.models import (
    AnnualDeclaration,
    due_on,
    is_running,
    latest_due_year,
    year_label,
)
from registers.crosschecks import checks
from registers.crosschecks.models import Audience, Finding, FindingStatus
from standards.people.models import Person

NAME = "declaration-missing"


def _links():
    """(person, finding) rows of the open PSD findings of every other check."""
    return Finding.people.through.objects.filter(
        finding__audience=Audience.PSD, finding__status=FindingStatus.OPEN
    ).exclude(finding__check_name=NAME)


def _plan(*, today: dt.date) -> list[dict]:
    return checks.pk_ranges(Person.objects.all(), rows=settings.CROSSCHECK_CHUNK_ROWS)


def _run_chunk(params: dict, *, today: dt.date) -> checks.ChunkResult:
    year = latest_due_year(today)
    due = due_on(year)
    if not is_running(year):  # the force did not ask for that year's: nobody is behind with it
        return checks.ChunkResult(rows_compared=0, hits=[])
    findings_of: dict[int, list[int]] = {}
    rows = (
        _links()
        .filter(person_id__gte=params["pk_from"], person_id__lte=params["pk_to"])
        .values_list("person_id", "finding_id")
        .order_by("person_id", "finding_id")
    )
    for person_id, finding_id in rows.iterator(chunk_size=2000):
        findings_of.setdefault(person_id, []).append(finding_id)
    if not findings_of:
        return checks.ChunkResult(rows_compared=0, hits=[])
    declared = set(
        AnnualDeclaration.objects.filter(year=year, person_id__in=findings_of).values_list(
            "person_id", flat=True
        )
    )
    # Only members serving today (a leaver owes no declaration), who were serving when it fell due.
    people = {
        person.pk: person
        for person in Person.objects.serving(today)
        .filter(pk__in=set(findings_of) - declared)
        .exclude(start_date__gt=due)
        .only("pk", "staff_number", "first_name", "last_name", "rank_or_grade", "role_type")
    }
    hits = []
    for person_id, finding_ids in findings_of.items():
        person = people.get(person_id)
        if person is None:
            continue
        references = [f"XC-{pk:06d}" for pk in finding_ids]
        subject = (
            f"{references[0]} is"
            if len(references) == 1
            else f"{', '.join(references[:-1])} and {references[-1]} are"
        )
        hits.append(
            checks.Hit(
                key=f"{NAME}:person-{person_id}:year-{year}",
                person_ids=(person_id,),
                summary=f"{subject} about a member who has not made the {year_label(year)} "
                f"annual declaration (due {due:%-d %B %Y})"[:500],
                details={
                    "person": {"staff_number": person.staff_number, "name": person.display_name},
                    "year": year_label(year),
                    "due": due.isoformat(),
                    "findings": references,
                },
            )
        )
    return checks.ChunkResult(rows_compared=sum(map(len, findings_of.values())), hits=hits)


checks.register(
    checks.Check(
        name=NAME,
        title="Annual declaration not made",
        audience=Audience.PSD,
        description="Members in an open PSD finding who have not made the latest annual "
        "declaration to fall due.",
        plan=_plan,
        run_chunk=_run_chunk,
        order=900,
    )
)
