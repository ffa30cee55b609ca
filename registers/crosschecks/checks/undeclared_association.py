"""Undeclared-association (CCU): a person the CCU links to a member is not among the member's
declared associations.

A CCU nominal (a person outside the force) is linked to a member when it is linked to an
intelligence report whose subject the member is. If none of the member's notifiable associations
names that person, the member may have an association they should have declared.

The comparison is between a nominal and the member's own declarations only (a handful), so a
name can be compared without blocking. A declaration counts as this person when the names agree
(``same_person`` at ``CROSSCHECK_PERSON_THRESHOLD``) and the dates of birth do not disagree:

- same name, same date of birth: declared;
- same name, different dates of birth: a different person of the same name, so not declared;
- same name where the declaration (or the nominal) has no date of birth: counted as declared.
  The member has told the force about someone of that name, and the CCU assesses every
  association and can ask for the date of birth there; a finding would accuse the member of
  hiding an association they declared. (The association-nominal check cannot match such a
  declaration either: the CCU sees it when it assesses the association.)

Every declaration counts, ended ones included: the member did declare the person, and whether
the association really ended is a question for the association's own review.

The work splits on members' primary keys: a chunk asks the CCU's provider for the nominals
linked to members in its range (``members_between``) and loads those members' declarations in
one query. A finding's key names the nominal and the member, so only the member's chunk makes
it. The finding is the CCU's alone (audience CCU).
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings

from registers.associations.models import NotifiableAssociation
from registers.crosschecks import checks, matching
from registers.crosschecks.models import Audience
from standards.core.extensions import crosscheck_data
from standards.people.models import Person

NAME = "undeclared-association"


def plan(*, today) -> list[dict]:
    return checks.pk_ranges(Person.objects.all(), rows=settings.CROSSCHECK_CHUNK_ROWS)


def _declared(name: str, date_of_birth, declarations: list[tuple], threshold: float) -> bool:
    for declared_name, declared_dob in declarations:
        if matching.same_person(name, declared_name) < threshold:
            continue
        if date_of_birth is None or declared_dob is None or date_of_birth == declared_dob:
            return True
    return False


def run_chunk(params: dict, *, today) -> checks.ChunkResult:
    threshold = matching.person_threshold()
    low, high = params["pk_from"], params["pk_to"]
    nominals = crosscheck_data("member_nominals", members_between=(low, high))
    declarations: dict[int, list[tuple]] | None = None
    compared = 0
    hits: list[checks.Hit] = []
    for nominal in nominals:
        if declarations is None:
            # Only once some nominal is linked to a member in range: most chunks have none.
            declarations = defaultdict(list)
            rows = (
                NotifiableAssociation.objects.filter(declarant_id__gte=low, declarant_id__lte=high)
                .values_list("declarant_id", "associate_name", "associate_date_of_birth")
                .iterator(chunk_size=2000)
            )
            for declarant_id, name, date_of_birth in rows:
                declarations[declarant_id].append((matching.normalise_person(name), date_of_birth))
        name = matching.normalise_person(nominal.name)
        for member_id in nominal.member_ids:
            if not low <= member_id <= high:
                continue
            compared += 1
            if _declared(name, nominal.date_of_birth, declarations.get(member_id, []), threshold):
                continue
            reference = f"NM-{nominal.nominal_id:06d}"
            hits.append(
                checks.Hit(
                    key=f"{NAME}:nominal-{nominal.nominal_id}:person-{member_id}",
                    person_ids=(member_id,),
                    summary=(
                        f"CCU nominal {reference}, linked to this member through intelligence, "
                        "is not among their declared associations"
                    ),
                    details={
                        "nominal_id": nominal.nominal_id,
                        "nominal_reference": reference,
                        "nominal_name": nominal.name,
                        "nominal_date_of_birth": (
                            nominal.date_of_birth.isoformat() if nominal.date_of_birth else None
                        ),
                        "declared_associations": len(declarations.get(member_id, [])),
                    },
                )
            )
    return checks.ChunkResult(rows_compared=compared, hits=hits)


checks.register(
    checks.Check(
        name=NAME,
        title="Undeclared associations",
        audience=Audience.CCU,
        description=(
            "Each person the CCU links to a member through intelligence is compared with the "
            "member's declared notifiable associations, on name and date of birth: a person "
            "none of them names may be an association the member has not declared."
        ),
        plan=plan,
        run_chunk=run_chunk,
    )
)
