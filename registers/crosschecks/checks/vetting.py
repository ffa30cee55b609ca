"""vetting: a serving member whose vetting has expired, or is below the level their post needs.

HMICFRS (2019, recommendation 1) asked forces to know the vetting level each post requires and
that its holder has it; the HR extract gives both (``Person.vetting_level`` and
``post_vetting_level``). Which level satisfies which is ``standards.people.models.VETTING_RANKS``
(the College of Policing's Vetting APP: NPPV1 < RV = NPPV2 < MV = NPPV3 < SC < DV).

Expired means ``vetting_expires`` is before the check's day: vetting expiring today still
holds today. A member with no expiry date recorded is not treated as expired (the extract did
not say). Each member can have two findings, one for each problem, so that renewing the vetting
resolves one and leaves the other.

Driven by people (chunks by primary key); only serving members; one streamed query a chunk.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from registers.crosschecks import checks
from registers.crosschecks.models import Audience
from standards.people.models import Person, VettingLevel, vetting_satisfies

NAME = "vetting"


def _label(level: str) -> str:
    return VettingLevel(level or "").label


def plan(*, today: dt.date) -> list[dict]:
    return checks.pk_ranges(Person.objects.all(), rows=settings.CROSSCHECK_CHUNK_ROWS)


def run_chunk(params: dict, *, today: dt.date) -> checks.ChunkResult:
    rows = (
        checks.in_range(Person.objects.serving(on=today).order_by(), params)
        .values_list("pk", "staff_number", "vetting_level", "vetting_expires", "post_vetting_level")
        .iterator(chunk_size=2000)
    )
    hits: list[checks.Hit] = []
    compared = 0
    for pk, staff_number, held, expires, required in rows:
        compared += 1
        if expires is not None and expires < today:
            hits.append(
                checks.Hit(
                    key=f"{NAME}:person-{pk}:expired",
                    person_ids=(pk,),
                    summary=(
                        f"Staff number {staff_number}: {_label(held).lower()} expired on "
                        f"{expires:%-d %B %Y}"
                    ),
                    details={
                        "staff_number": staff_number,
                        "vetting_level": held,
                        "vetting_expires": expires.isoformat(),
                    },
                )
            )
        if required and not vetting_satisfies(held, required):
            hits.append(
                checks.Hit(
                    key=f"{NAME}:person-{pk}:below-post",
                    person_ids=(pk,),
                    summary=(
                        f"Staff number {staff_number}: the post requires "
                        f"{_label(required).lower()}, and the member holds "
                        f"{_label(held).lower() if held else 'no vetting'}"
                    ),
                    details={
                        "staff_number": staff_number,
                        "vetting_level": held,
                        "post_vetting_level": required,
                    },
                )
            )
    return checks.ChunkResult(rows_compared=compared, hits=hits)


checks.register(
    checks.Check(
        name=NAME,
        title="Vetting expired or below the post's level",
        audience=Audience.PSD,
        description=(
            "A serving member whose vetting has expired, or whose vetting level is below the "
            "level their post requires (from the HR extract)."
        ),
        plan=plan,
        run_chunk=run_chunk,
    )
)
