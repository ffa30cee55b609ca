"""The annual declaration."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from registers.models import AnnualDeclaration


@transaction.atomic
def annual_declaration_make(*, acting_user, comments: str = "") -> AnnualDeclaration:
    """Record this year's declaration for the acting user's own person. Once a year."""
    if not acting_user.person_id:
        raise ValidationError("Your login is not linked to the staff directory")
    year = timezone.localdate().year
    declaration = AnnualDeclaration(
        person_id=acting_user.person_id,
        year=year,
        comments=comments.strip(),
        declared_by=acting_user,
    )
    declaration._change_reason = "Annual declaration made"
    try:
        with transaction.atomic():
            declaration.save()
    except IntegrityError:
        raise ValidationError(f"You have already made your declaration for {year}") from None
    return declaration
