"""The nominal index: recording nominals, linking them to reports with a reason, and merging a
duplicate into the nominal it repeats.

A nominal sits in an operation or in the general index, like a report; a link joins a nominal to
a report only where both are the acting user's to change and the nominal's compartment is the
report's or the general index (so a nominal of one operation never shows against another's
report). Searching and the link chart read these rows through ``ccu.selectors.nominals``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from ccu.matching import normalise
from ccu.models import IntelligenceReport, Nominal, NominalKind, NominalLink, Operation
from ccu.services.common import clean_text, locked_report, not_in_future, save_with_history
from standards.access import policy


def _locked_nominal(nominal: Nominal, acting_user, *, field: str = "nominal") -> Nominal:
    locked = (
        policy.changeable(acting_user, Nominal.objects.select_for_update(of=("self",)))
        .filter(pk=nominal.pk)
        .first()
    )
    if locked is None:
        raise Http404("No such nominal")
    if locked.merged_into_id:
        raise ValidationError({field: "Choose the nominal it was merged into: this one is merged"})
    return locked


@transaction.atomic
def nominal_add(
    *,
    kind: str,
    name: str,
    date_of_birth: dt.date | None,
    details: str,
    operation: Operation | None,
    acting_user,
) -> Nominal:
    """Record a nominal in an operation the user works on, or in the general index."""
    if not policy.in_ccu(acting_user):
        raise Http404
    if kind not in NominalKind.values:
        raise ValidationError({"kind": "Select what kind of nominal it is"})
    name = clean_text(name, "name", required="Enter the name, number, registration or address")
    if len(name) > 200:
        raise ValidationError({"name": "Name must be 200 characters or fewer"})
    normalised = normalise(kind, name)
    if not normalised:
        raise ValidationError({"name": "Enter the name, number, registration or address"})
    if date_of_birth is not None and kind != NominalKind.PERSON:
        raise ValidationError({"date_of_birth": "Only a person has a date of birth"})
    not_in_future(date_of_birth, "date_of_birth", "Date of birth")
    details = clean_text(details, "details")
    if operation is not None and not policy.can_change(acting_user, operation):
        raise ValidationError({"operation": "Select an operation you work on"})
    nominal = Nominal(
        kind=kind,
        name=name,
        normalised=normalised,
        date_of_birth=date_of_birth,
        details=details,
        operation=operation,
        created_by=acting_user,
    )
    save_with_history(nominal, "Nominal recorded", acting_user)
    return nominal


def _check_compartment(nominal: Nominal, report: IntelligenceReport) -> None:
    if nominal.operation_id is not None and nominal.operation_id != report.operation_id:
        raise ValidationError(
            {
                "nominal": "Choose a nominal in this report's operation or in the general index: "
                "this one belongs to another operation"
            }
        )


@transaction.atomic
def nominal_link(
    *, report: IntelligenceReport, nominal: Nominal, reason: str, acting_user
) -> NominalLink:
    """Link a nominal to a report, saying why."""
    report = locked_report(report, acting_user)
    nominal = _locked_nominal(nominal, acting_user)
    reason = clean_text(reason, "reason", required="Enter why the nominal is linked to the report")
    if len(reason) > 300:
        raise ValidationError({"reason": "Reason must be 300 characters or fewer"})
    _check_compartment(nominal, report)
    if NominalLink.objects.filter(report=report, nominal=nominal).exists():
        raise ValidationError({"nominal": f"{nominal.name} is already linked to this report"})
    link = NominalLink(report=report, nominal=nominal, reason=reason, linked_by=acting_user)
    save_with_history(link, f"Linked to {report.reference}", acting_user)
    return link


@transaction.atomic
def nominal_unlink(*, link: NominalLink, reason: str, acting_user) -> None:
    """Remove a link made in error; its history keeps who made it and who removed it."""
    locked_report(link.report, acting_user)
    link = policy.changeable(acting_user, NominalLink.objects.filter(pk=link.pk)).first()
    if link is None:
        raise Http404("No such link")
    reason = clean_text(reason, "reason", required="Enter why the link is removed")
    link._change_reason = reason[:100]
    link._history_user = acting_user
    link.delete()


@transaction.atomic
def nominal_merge(*, duplicate: Nominal, into: Nominal, reason: str, acting_user) -> Nominal:
    """Merge ``duplicate`` into ``into``: its links move over (a report linked to both keeps the
    one link), and it stays, marked as merged, with its history."""
    if duplicate.pk == into.pk:
        raise ValidationError({"into": "Choose a different nominal to merge into"})
    duplicate = _locked_nominal(duplicate, acting_user, field="duplicate")
    into = _locked_nominal(into, acting_user, field="into")
    reason = clean_text(reason, "reason", required="Enter why they are the same")
    if duplicate.kind != into.kind:
        raise ValidationError({"into": "Choose a nominal of the same kind"})
    links = list(
        NominalLink.objects.select_for_update(of=("self",))
        .filter(nominal=duplicate)
        .select_related("report")
    )
    for link in links:
        if into.operation_id is not None and into.operation_id != link.report.operation_id:
            raise ValidationError(
                {
                    "into": "Choose a nominal in the general index or in the same operation: "
                    f"{duplicate.name} is linked to reports this one cannot be"
                }
            )
    already = set(NominalLink.objects.filter(nominal=into).values_list("report_id", flat=True))
    for link in links:
        if link.report_id in already:
            link._change_reason = f"Merged into {into.reference}"
            link._history_user = acting_user
            link.delete()
        else:
            link.nominal = into
            save_with_history(link, f"Moved from {duplicate.reference} (merged)", acting_user)
    duplicate.merged_into = into
    save_with_history(duplicate, f"Merged into {into.reference}: {reason}", acting_user)
    save_with_history(into, f"{duplicate.reference} merged into it: {reason}", acting_user)
    return into


@transaction.atomic
def nominal_add_and_link(
    *,
    report: IntelligenceReport,
    kind: str,
    name: str,
    date_of_birth: dt.date | None,
    details: str,
    operation: Operation | None,
    reason: str,
    acting_user,
) -> NominalLink:
    """Record a new nominal from a report's page and link it to the report, in one step."""
    locked_report(report, acting_user)
    reason = clean_text(reason, "reason", required="Enter why the nominal is linked to the report")
    nominal = nominal_add(
        kind=kind,
        name=name,
        date_of_birth=date_of_birth,
        details=details,
        operation=operation,
        acting_user=acting_user,
    )
    return nominal_link(report=report, nominal=nominal, reason=reason, acting_user=acting_user)
