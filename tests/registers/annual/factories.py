"""Factories for the annual declaration."""

from __future__ import annotations

from django.utils import timezone

from registers.annual.models import AnnualDeclaration, PolicyVersion, year_of
from standards.accounts.models import User
from tests.accounts.factories import UserFactory


def declaration_made(person, *, year: int | None = None, made_by=None) -> AnnualDeclaration:
    """A declaration confirming today's current policies, as the service would have made it."""
    declaration = AnnualDeclaration(
        person=person,
        year=year if year is not None else year_of(timezone.localdate()),
        declarations_complete=True,
        # The member's own login (a new login would bring a new member, who owes one too).
        made_by=made_by or User.objects.filter(person=person).first() or UserFactory(person=person),
    )
    declaration._change_reason = "Annual declaration made"
    declaration.save()
    declaration.policies.set(PolicyVersion.objects.current())
    return declaration
