"""Demo transfer disclosures: one pack produced for a member leaving for another force, and one
received for a member who joined from another."""

from __future__ import annotations

import datetime as dt
import random

from django.core.files.uploadedfile import SimpleUploadedFile

from ccu.models import TransferDirection, TransferDisclosure
from ccu.services import transfers as services
from standards.accounts.models import User
from standards.people.models import Person

OUTGOING_FORCE = "Durham Constabulary"
INCOMING_FORCE = "Cleveland Police"
RECEIVED_PACK = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Transfer information pack</title></head><body>
<p><strong>OFFICIAL-SENSITIVE</strong></p>
<h1>Transfer information pack</h1>
<p>From the Counter Corruption Unit, Cleveland Police.</p>
<h2>Complaints and conduct history</h2><p>None recorded.</p>
<h2>Business interests</h2><p>Secondary employment as a football referee (approved).</p>
<h2>Notifiable associations</h2><p>None recorded.</p>
<h2>Sanitised intelligence summary</h2><p>No intelligence to share.</p>
</body></html>"""


def _no_fetching(url: str, *args, **kwargs):
    raise ValueError("The demo pack loads nothing from outside")


def _received_pack() -> bytes:
    from weasyprint import HTML

    return HTML(string=RECEIVED_PACK, url_fetcher=_no_fetching).write_pdf()


def seed_transfers(*, today: dt.date, rng: random.Random) -> int:
    """Produce one outgoing pack and record one incoming pack, once."""
    head = User.objects.filter(username="ccu.head").first()
    if head is None:
        return 0
    excluded = [
        pk
        for pk in User.objects.filter(username__startswith="ccu.").values_list(
            "person_id", flat=True
        )
        if pk
    ]
    pool = list(
        Person.objects.serving(today).exclude(pk__in=excluded).order_by("staff_number")[:200]
    )
    if len(pool) < 2:
        return 0
    leaver, joiner = rng.sample(pool, k=2)
    created = 0
    if not TransferDisclosure.objects.filter(
        direction=TransferDirection.OUTGOING, other_force=OUTGOING_FORCE
    ).exists():
        services.transfer_pack_produce(
            staff_number=leaver.staff_number,
            other_force=OUTGOING_FORCE,
            recipient="Head of Professional Standards, Durham Constabulary",
            intelligence_summary=(
                "Advice was given after a management intervention about the use of force "
                "systems. No further intelligence since."
            ),
            acting_user=head,
        )
        created += 1
    if not TransferDisclosure.objects.filter(
        direction=TransferDirection.INCOMING, other_force=INCOMING_FORCE
    ).exists():
        services.transfer_incoming_record(
            staff_number=joiner.staff_number,
            other_force=INCOMING_FORCE,
            sender="Head of the Counter Corruption Unit, Cleveland Police",
            upload=SimpleUploadedFile("pack.pdf", _received_pack(), "application/pdf"),
            acting_user=head,
        )
        created += 1
    return created
