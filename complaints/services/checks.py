"""PSD asks the Counter Corruption Unit (CCU) for an intelligence check on a subject of a
complaint or conduct case: the case's one crossing of the corridor (``standards.exchange``).

The subject is never told a check was asked; PSD sees only the answer and its date.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse

from complaints.models import Case, Subject
from complaints.services.common import locked_case
from standards.access import policy
from standards.exchange import services as exchange
from standards.exchange.registry import CheckDetail
from standards.exchange.selectors import CheckOutcome
from standards.notifications.services import notify


@transaction.atomic
def case_request_check(*, case: Case, subject_id, acting_user):
    """Ask the CCU for a check on one identified subject of the case (the case team only)."""
    if not policy.in_psd(acting_user):
        raise Http404("No such case")
    case = locked_case(case, acting_user)
    if not str(subject_id or "").isdigit():
        raise ValidationError({"subject": "Select a subject of the case named in the directory"})
    subject = (
        Subject.objects.filter(case=case, pk=int(subject_id), person__isnull=False)
        .select_related("person")
        .first()
    )
    if subject is None:
        raise ValidationError({"subject": "Select a subject of the case named in the directory"})
    return exchange.intelligence_check_request(
        subject=subject.person,
        purpose=check_purpose(case),
        asked_for=case,
        acting_user=acting_user,
    )


def check_purpose(case: Case) -> str:
    """Written by the service, never typed: it says only why PSD asks, nothing of the case."""
    return f"{case.get_kind_display()}: a subject of the case"


def case_check_answered(*, asked_for: Case, outcome: CheckOutcome) -> None:
    """The exchange calls this when the CCU answers (registered in ``ComplaintsConfig.ready``):
    the caseworker who asked is told, unless the case is about them. The notice names neither
    the answer nor the CCU's analyst."""
    requester = get_user_model().objects.filter(pk=outcome.requested_by_id).first()
    about = set(asked_for.subjects.exclude(person=None).values_list("person_id", flat=True))
    if requester is None or requester.person_id in about:
        return
    notify(
        recipients=[requester],
        key=f"case-{asked_for.pk}-check-{outcome.pk}-answered",
        subject="intelligence check answered",
        url=reverse("complaints:case_people", kwargs={"pk": asked_for.pk}),
        record=asked_for,
    )


def case_details_for_ccu(case: Case) -> list[CheckDetail]:
    """What the CCU is shown of the case (registered with the exchange): its kind and stage,
    never the complainant."""
    return [CheckDetail("Case", (f"{case.get_kind_display()}, {case.get_status_display()}",))]
