"""Intake: a complaint as it arrives, and what a caseworker does with it.

- ``intake_submit``: a member of the public sends the online form; they get a reference and, if
  they gave an e-mail address, an acknowledgement after the row is committed.
- ``intake_record``: a caseworker records a complaint that came by phone, letter, e-mail, in
  person or through the local policing body.
- ``case_open_from_intake``: the intake becomes a new complaint case.
- ``intake_add_to_case``: the intake is more from a complainant on an open case (a duplicate or
  a follow-up): it is added to that case as an update and never counted as a new complaint.

Both decisions store the caseworker's note and are refused for an intake already dealt with.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from complaints import clocks
from complaints.models import (
    PUBLIC_CHANNELS,
    Case,
    CaseKind,
    CaseUpdate,
    Channel,
    Complainant,
    ContactPreference,
    Intake,
    IntakeStatus,
    Subject,
)
from complaints.selectors.cases import case_get_for_user
from complaints.selectors.intake import intake_get_for_user
from complaints.services.common import save_with_history
from standards.access import policy
from standards.core.validators import no_markup
from standards.notifications.services import notify

logger = logging.getLogger(__name__)

# The complainant's reference: "PC-" and 8 characters from an alphabet with no look-alikes
# (no 0/O, 1/I/L), 32 ** 8 = about a trillion, drawn with ``secrets`` so a reference cannot be
# guessed from another one (the complainant quotes it when they call).
REFERENCE_PREFIX = "PC-"
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 8

STAFF_CHANNELS = tuple(c for c in PUBLIC_CHANNELS if c != Channel.ONLINE)


@dataclass(frozen=True)
class ComplaintDetails:
    """What the complainant tells us, on the online form or to a caseworker."""

    name: str
    what_happened: str
    email: str = ""
    phone: str = ""
    address: str = ""
    postcode: str = ""
    contact_preference: str = ContactPreference.EMAIL
    adjustments: str = ""
    incident_date: dt.date | None = None
    incident_place: str = ""
    officers_named: str = ""
    outcome_wanted: str = ""


def new_reference() -> str:
    while True:
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        reference = f"{REFERENCE_PREFIX}{code}"
        # A clash is a one-in-a-trillion event; the unique constraint is the backstop.
        if not Intake.objects.filter(reference=reference).exists():
            return reference


def _plain(value: str, field: str) -> str:
    value = (value or "").strip()
    try:
        no_markup(value)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    return value


def _validated(details: ComplaintDetails) -> dict:
    """The details as Intake fields, or a ValidationError naming each field that is wrong."""
    fields = {
        name: _plain(getattr(details, name), name)
        for name in (
            "name",
            "what_happened",
            "email",
            "phone",
            "address",
            "postcode",
            "adjustments",
            "incident_place",
            "officers_named",
            "outcome_wanted",
        )
    }
    errors = {}
    if not fields["name"]:
        errors["name"] = "Enter the complainant's name"
    if not fields["what_happened"]:
        errors["what_happened"] = "Say what happened"
    if details.contact_preference not in ContactPreference.values:
        errors["contact_preference"] = "Select how to contact the complainant"
    elif details.contact_preference == ContactPreference.EMAIL and not fields["email"]:
        errors["email"] = "Enter an e-mail address, or choose another way to be contacted"
    elif details.contact_preference == ContactPreference.PHONE and not fields["phone"]:
        errors["phone"] = "Enter a phone number, or choose another way to be contacted"
    elif details.contact_preference == ContactPreference.LETTER and not fields["address"]:
        errors["address"] = "Enter a postal address, or choose another way to be contacted"
    if details.incident_date and details.incident_date > timezone.localdate():
        errors["incident_date"] = "The date it happened must be today or in the past"
    if errors:
        raise ValidationError(errors)
    fields["postcode"] = fields["postcode"].upper()
    fields["contact_preference"] = details.contact_preference
    fields["incident_date"] = details.incident_date
    return fields


def _acknowledge(intake: Intake) -> None:
    """The acknowledgement e-mail: the reference and what happens next, no case details (the
    address may be shared or mistyped)."""
    if not intake.email:
        return
    force = settings.FORCE_NAME
    body = (
        f"Thank you for your complaint to {force}.\n\n"
        f"Your reference is {intake.reference}. Please quote it if you contact us about your "
        "complaint.\n\n"
        "What happens next\n\n"
        "Our Professional Standards Department will read your complaint and contact you within "
        "10 working days, in the way you asked us to. They will tell you how your complaint "
        "will be handled and who is dealing with it.\n\n"
        "If you did not make a complaint, please ignore this e-mail.\n\n"
        f"Professional Standards Department, {force}\n"
    )

    def send() -> None:
        try:
            send_mail(
                f"Your complaint to {force}: reference {intake.reference}",
                body,
                settings.DEFAULT_FROM_EMAIL,
                [intake.email],
            )
        except Exception:  # the complaint is stored; a failed e-mail must not lose the page
            logger.exception("Acknowledgement e-mail for %s not sent", intake.reference)

    transaction.on_commit(send)


@transaction.atomic
def intake_submit(*, details: ComplaintDetails, acting_user=None) -> Intake:
    """A complaint sent through the public form: stored with a new reference, acknowledged by
    e-mail once stored (when an address was given). ``acting_user`` is None for the public."""
    intake = Intake(
        reference=new_reference(),
        channel=Channel.ONLINE,
        received_at=timezone.now(),
        **_validated(details),
    )
    save_with_history(intake, "Complaint sent online", acting_user)
    _acknowledge(intake)
    return intake


@transaction.atomic
def intake_record(
    *, details: ComplaintDetails, channel: str, received_at: dt.datetime, acting_user
) -> Intake:
    """A complaint received by phone, letter, e-mail, in person or through the local policing
    body, recorded by a caseworker. It joins the same intake queue as the online ones."""
    if not policy.in_psd(acting_user):
        raise ValidationError("Only the Professional Standards Department records complaints.")
    errors = {}
    if channel not in STAFF_CHANNELS:
        errors["channel"] = "Select how the complaint was received"
    if received_at > timezone.now():
        errors["received_at"] = "The date it was received must be today or in the past"
    try:
        fields = _validated(details)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    intake = Intake(
        reference=new_reference(),
        channel=channel,
        received_at=received_at,
        recorded_by=acting_user,
        **fields,
    )
    save_with_history(intake, f"Complaint recorded ({intake.get_channel_display()})", acting_user)
    return intake


def _open_intake(intake: Intake, note: str, acting_user) -> tuple[Intake, str]:
    """The intake, locked, still new, and the caseworker's note (required)."""
    intake_get_for_user(user=acting_user, pk=intake.pk)  # 404 outside PSD
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    if intake.status != IntakeStatus.NEW:
        raise ValidationError(
            f"{intake.reference} has already been dealt with: "
            f"{intake.get_status_display().lower()}."
        )
    note = _plain(note, "note")
    if not note:
        raise ValidationError({"note": "Add a note saying why"})
    return intake, note


def _decided(intake: Intake, *, status: str, case: Case, note: str, acting_user) -> None:
    intake.status = status
    intake.case = case
    intake.decided_by = acting_user
    intake.decided_at = timezone.now()
    intake.decision_note = note


@transaction.atomic
def case_open_from_intake(*, intake: Intake, note: str, acting_user) -> Case:
    """Open a complaint case from an intake: the complainant's details, one unidentified subject
    for each officer or member of staff named, and the account as the summary. The case waits
    to be allocated; its clocks start from the day the complaint was received."""
    intake, note = _open_intake(intake, note, acting_user)
    case = Case(
        kind=CaseKind.COMPLAINT,
        channel=intake.channel,
        summary=intake.what_happened,
        received_on=timezone.localdate(intake.received_at),
        logged_on=timezone.localdate(),
        incident_date=intake.incident_date,
        incident_place=intake.incident_place,
        created_by=acting_user,
    )
    save_with_history(case, f"Opened from {intake.reference}: {note}", acting_user)
    complainant = Complainant(
        case=case,
        name=intake.name,
        email=intake.email,
        phone=intake.phone,
        address=intake.address,
        postcode=intake.postcode,
        contact_preference=intake.contact_preference,
        adjustments=intake.adjustments,
    )
    save_with_history(complainant, f"From {intake.reference}", acting_user)
    for line in intake.officers_named.splitlines():
        if line.strip():
            subject = Subject(case=case, description=line.strip()[:200])
            save_with_history(subject, f"Named in {intake.reference}", acting_user)
    _decided(intake, status=IntakeStatus.OPENED, case=case, note=note, acting_user=acting_user)
    save_with_history(intake, f"Opened as {case.reference}: {note}", acting_user)
    clocks.refresh(case)
    return case


@transaction.atomic
def intake_add_to_case(*, intake: Intake, case: Case, note: str, acting_user) -> CaseUpdate:
    """Add an intake to an open case as an update (a duplicate or more from the complainant):
    no new case, so it is never counted as a new complaint. The case's lead is told."""
    intake, note = _open_intake(intake, note, acting_user)
    case = case_get_for_user(user=acting_user, pk=case.pk)
    if not case.is_open:
        raise ValidationError(
            {"case": f"{case.reference} is closed. Open the complaint as a new case instead."}
        )
    update = CaseUpdate(case=case, intake=intake, added_by=acting_user)
    save_with_history(update, f"{intake.reference} added: {note}", acting_user)
    _decided(intake, status=IntakeStatus.ADDED, case=case, note=note, acting_user=acting_user)
    save_with_history(intake, f"Added to {case.reference} as an update: {note}", acting_user)
    if case.lead_id and case.lead_id != acting_user.pk:
        notify(
            recipients=[case.lead],
            key=f"complaints-update-{intake.pk}",
            subject="more from the complainant",
            url=reverse("complaints:intake_detail", kwargs={"pk": intake.pk}),
            record=case,
        )
    return update
