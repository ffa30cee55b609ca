"""Access rules for the staff directory (see standards.access.policy).

A person's page is visible to PSD and CCU roles, to the person's own line manager (limited
fields) and to the person themself; nobody else. Vetting is shown only to the roles that act on it,
and ethnicity and sex only to the person themself (the board sees them as aggregates only).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from standards.access import policy
from standards.access.models import Area
from standards.access.roles import Role
from standards.people.models import Person

VETTING_ROLES = (Role.PSD_DECISION_MAKER, Role.CCU_ANALYST, Role.CCU_HEAD)


def _visible(user) -> Q:
    if policy.in_psd(user) or policy.in_ccu(user):
        return policy.EVERYTHING
    if not user.person_id:
        return policy.NOTHING
    return Q(pk=user.person_id) | Q(line_manager_id=user.person_id)


policy.register(
    policy.Rule(
        model=Person,
        area=Area.PEOPLE,
        visible=_visible,
        # The HR extract (manage.py import_people) is the only writer of the directory.
        changeable=lambda user: policy.NOTHING,
    )
)


@dataclass(frozen=True)
class PersonFields:
    """Which groups of fields of a person's page this user may see."""

    employment: bool  # dates, collar number, line manager
    vetting: bool
    equality: bool  # ethnicity and sex


def person_fields_for(user, person: Person) -> PersonFields:
    own = person.pk == user.person_id
    directory = policy.in_psd(user) or policy.in_ccu(user)
    return PersonFields(
        employment=own or directory,
        vetting=own or policy.holds(user, *VETTING_ROLES),
        equality=own,
    )
