"""The declarant's own annual declarations."""

from __future__ import annotations

from django.utils import timezone

from registers.models import AnnualDeclaration


def annual_declaration_this_year(*, user) -> AnnualDeclaration | None:
    if not user.person_id:
        return None
    return AnnualDeclaration.objects.filter(
        person_id=user.person_id, year=timezone.localdate().year
    ).first()
