"""Association-nominal (CCU): an associate a member has declared is a person the CCU holds
intelligence on.

A notifiable association that is not ended (live, or still awaiting the CCU's assessment: the
CCU most needs to know before it assesses) is compared with every person nominal in the CCU's
index on name plus date of birth (``matching.person_blocks`` / ``same_person`` at
``CROSSCHECK_PERSON_THRESHOLD``). An associate or a nominal without a date of birth is never
matched: a name alone names too many people.

The work splits on the associations' primary keys. Each chunk indexes its own associations (at
most ``CROSSCHECK_CHUNK_ROWS``) by block and streams the nominals past them, so the CCU's index
is read once per chunk and never held in memory. The nominals come through the extension point
(``crosscheck_data("member_nominals")``, lent by ``ccu.crosscheck_data``): registers never import
the CCU. The finding is the CCU's alone (audience CCU): it names CCU material.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings

from registers.associations.models import AssociationStatus, NotifiableAssociation
from registers.crosschecks import checks, matching
from registers.crosschecks.models import Audience
from standards.core.extensions import crosscheck_data

NAME = "association-nominal"


def _associations():
    return NotifiableAssociation.objects.exclude(status=AssociationStatus.ENDED)


def plan(*, today) -> list[dict]:
    return checks.pk_ranges(_associations(), rows=settings.CROSSCHECK_CHUNK_ROWS)


def run_chunk(params: dict, *, today) -> checks.ChunkResult:
    threshold = matching.person_threshold()
    rows = (
        checks.in_range(_associations(), params)
        .values_list("pk", "declarant_id", "associate_name", "associate_date_of_birth")
        .order_by("pk")
        .iterator(chunk_size=2000)
    )
    blocks: dict[tuple, list[tuple]] = defaultdict(list)
    compared = 0
    for pk, declarant_id, name, date_of_birth in rows:
        compared += 1
        normalised = matching.normalise_person(name)
        for block in matching.person_blocks(normalised, date_of_birth):
            blocks[block].append((pk, declarant_id, name, normalised, date_of_birth))
    hits: list[checks.Hit] = []
    if not blocks:
        return checks.ChunkResult(rows_compared=compared, hits=hits)
    for nominal in crosscheck_data("member_nominals"):
        normalised = matching.normalise_person(nominal.name)
        candidates = {
            association
            for block in matching.person_blocks(normalised, nominal.date_of_birth)
            for association in blocks.get(block, ())
        }
        for pk, declarant_id, name, associate, date_of_birth in sorted(candidates):
            score = matching.same_person(normalised, associate)
            if score < threshold:
                continue
            hits.append(
                checks.Hit(
                    key=f"{NAME}:association-{pk}:nominal-{nominal.nominal_id}",
                    person_ids=(declarant_id,),
                    summary=(
                        f"The associate declared in notifiable association {pk} matches CCU "
                        f"nominal NM-{nominal.nominal_id:06d} on name and date of birth"
                    ),
                    details={
                        "association_id": pk,
                        "associate_name": name,
                        "associate_date_of_birth": date_of_birth.isoformat(),
                        "nominal_id": nominal.nominal_id,
                        "nominal_reference": f"NM-{nominal.nominal_id:06d}",
                        "nominal_name": nominal.name,
                        "nominal_date_of_birth": nominal.date_of_birth.isoformat(),
                        "nominal_linked_to_declarant": declarant_id in nominal.member_ids,
                        "score": round(score, 1),
                    },
                    score=round(score, 1),
                )
            )
    return checks.ChunkResult(rows_compared=compared, hits=hits)


checks.register(
    checks.Check(
        name=NAME,
        title="Declared associates known to the CCU",
        audience=Audience.CCU,
        description=(
            "Each notifiable association that has not ended is compared with the CCU's person "
            "nominals on name and date of birth: the member's associate is someone the CCU "
            "holds intelligence on."
        ),
        plan=plan,
        run_chunk=run_chunk,
    )
)
