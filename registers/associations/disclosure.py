"""What notifiable associations contribute to a transfer disclosure pack: the relationship, the
category of concern and where it stands. Never the associate's address or date of birth."""

from __future__ import annotations

from registers.associations.models import NotifiableAssociation
from standards.core.extensions import DisclosureSection


def association_history(*, person) -> list[DisclosureSection]:
    associations = NotifiableAssociation.objects.filter(declarant=person).order_by(
        "known_since", "pk"
    )
    rows = tuple(
        (
            association.get_relationship_display(),
            association.get_category_of_concern_display(),
            association.known_since.strftime("%B %Y"),
            association.get_status_display(),
            f"{association.ended_on.day} {association.ended_on:%B %Y}"
            if association.ended_on
            else "",
        )
        for association in associations
    )
    return [
        DisclosureSection(
            title="Notifiable associations",
            headings=("Relationship", "Category of concern", "Known since", "Status", "Ended"),
            rows=rows,
            empty="No notifiable association is recorded.",
        )
    ]
