"""Transfer disclosures: the head of the CCU produces the information pack for a member leaving for
another force, and records the pack an incoming transferee's old force sent.

An outgoing pack is a PDF made from ``templates/ccu/transfers/pack.html`` with WeasyPrint (no
external resources loaded), stored outside the web root under a name of the service's choosing
with its SHA-256, and recorded as a disclosure with its recipient. An incoming pack is checked by
its content, not its name: only a PDF is accepted.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone

from ccu.models import TransferDirection, TransferDisclosure
from ccu.selectors import transfers as selectors
from ccu.services.common import clean_text, save_with_history
from standards.access import policy
from standards.access.roles import Role
from standards.people.models import Person

MAX_PACK_BYTES = 20 * 1024 * 1024
MAX_PACK_WORDS = "20 MB"


@dataclass(frozen=True)
class OutgoingAnswers:
    person: Person
    other_force: str
    recipient: str
    intelligence_summary: str


def _require_head(acting_user) -> None:
    if not policy.holds(acting_user, Role.CCU_HEAD):
        raise Http404


def _person(*, staff_number: str, acting_user) -> Person:
    if not staff_number.strip():
        raise ValidationError({"staff_number": "Enter the staff number"})
    person = selectors.person_for_transfer(user=acting_user, staff_number=staff_number)
    if person is None:
        raise ValidationError({"staff_number": "There is nobody with that staff number"})
    if person.pk == acting_user.person_id:
        # A pack about oneself would be hidden from its own author (the self-conflict rule).
        raise ValidationError(
            {"staff_number": "Enter the staff number of someone else: not your own"}
        )
    return person


def _required(value: str, field: str, message: str) -> str:
    return clean_text(value, field, required=message)


def clean_outgoing(
    *, staff_number: str, other_force: str, recipient: str, intelligence_summary: str, acting_user
) -> OutgoingAnswers:
    """The answers for an outgoing pack, checked: what the preview shows and the pack holds."""
    _require_head(acting_user)
    return OutgoingAnswers(
        person=_person(staff_number=staff_number, acting_user=acting_user),
        other_force=_required(other_force, "other_force", "Enter the force they are moving to"),
        recipient=_required(recipient, "recipient", "Enter who the pack is for"),
        intelligence_summary=clean_text(intelligence_summary, "intelligence_summary"),
    )


def _no_fetching(url: str, *args, **kwargs):
    # The pack needs nothing from outside: refuse every URL (no file:// reads, no network).
    raise ValueError(f"Transfer packs load no external resources ({url[:40]})")


def pack_html(contents: selectors.PackContents) -> str:
    """The pack as the HTML the PDF is made from (autoescaped: every value is text)."""
    return render_to_string(
        "ccu/transfers/pack.html", {"pack": contents, "force_name": settings.FORCE_NAME}
    )


def pack_pdf(contents: selectors.PackContents) -> bytes:
    from weasyprint import HTML

    return HTML(string=pack_html(contents), url_fetcher=_no_fetching).write_pdf()


@transaction.atomic
def transfer_pack_produce(
    *, staff_number: str, other_force: str, recipient: str, intelligence_summary: str, acting_user
) -> TransferDisclosure:
    """Produce an outgoing pack as a PDF and record it as a disclosure to ``recipient``."""
    answers = clean_outgoing(
        staff_number=staff_number,
        other_force=other_force,
        recipient=recipient,
        intelligence_summary=intelligence_summary,
        acting_user=acting_user,
    )
    today = timezone.localdate()
    contents = selectors.pack_contents(
        person=answers.person,
        other_force=answers.other_force,
        recipient=answers.recipient,
        intelligence_summary=answers.intelligence_summary,
        produced_on=today,
        produced_by=acting_user.display_name,
    )
    pdf = pack_pdf(contents)
    disclosure = TransferDisclosure(
        person=answers.person,
        direction=TransferDirection.OUTGOING,
        other_force=answers.other_force,
        recipient=answers.recipient,
        intelligence_summary=answers.intelligence_summary,
        pack_sha256=hashlib.sha256(pdf).hexdigest(),
        recorded_by=acting_user,
        recorded_on=today,
    )
    return _save_with_pack(disclosure, ContentFile(pdf), "Transfer pack produced", acting_user)


def _checked_pdf(upload: UploadedFile | None) -> str:
    """The upload's SHA-256 if it is a PDF by its content and not too big."""
    if upload is None:
        raise ValidationError({"pack": "Select the pack to upload"})
    if upload.size == 0:
        raise ValidationError({"pack": "The selected file is empty"})
    if upload.size > MAX_PACK_BYTES:
        raise ValidationError({"pack": f"The selected file must be smaller than {MAX_PACK_WORDS}"})
    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    if kind is None or kind.mime != "application/pdf":
        raise ValidationError({"pack": "The selected file must be a PDF"})
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def transfer_incoming_record(
    *, staff_number: str, other_force: str, sender: str, upload: UploadedFile | None, acting_user
) -> TransferDisclosure:
    """Record the pack an incoming transferee's old force sent, against them."""
    _require_head(acting_user)
    person = _person(staff_number=staff_number, acting_user=acting_user)
    other_force = _required(other_force, "other_force", "Enter the force they are joining from")
    sender = _required(sender, "sender", "Enter who sent the pack")
    disclosure = TransferDisclosure(
        person=person,
        direction=TransferDirection.INCOMING,
        other_force=other_force,
        recipient=sender,
        pack_sha256=_checked_pdf(upload),
        recorded_by=acting_user,
        recorded_on=timezone.localdate(),
    )
    return _save_with_pack(disclosure, upload, "Incoming transfer pack recorded", acting_user)


def _save_with_pack(
    disclosure: TransferDisclosure, content, reason: str, acting_user
) -> TransferDisclosure:
    # Saved under a random name: nothing anyone typed reaches the file system.
    disclosure.pack.save(f"{uuid.uuid4().hex}.pdf", content, save=False)
    try:
        save_with_history(disclosure, reason, acting_user)
    except Exception:
        disclosure.pack.storage.delete(disclosure.pack.name)
        raise
    return disclosure
