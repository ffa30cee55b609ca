"""Reads of transfer disclosures: the head of the CCU's only (``ccu.rules``), never one about the
viewer. What goes in an outgoing pack is gathered here from every area's disclosure provider
(``standards.core.extensions.disclosure_sections``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from ccu.models import TransferDisclosure
from ccu.selectors.threat import require_head
from standards.access import policy
from standards.core import extensions
from standards.people.models import Person

__all__ = [
    "PackContents",
    "pack_contents",
    "person_for_transfer",
    "require_head",
    "transfer_get_for_user",
    "transfer_list_for_user",
    "transfer_pack_get_for_user",
]

HANDLING_MARKING = "OFFICIAL-SENSITIVE"
HANDLING_CONDITIONS = (
    "For the professional standards department of the receiving force only. Do not disclose it "
    "further, or to the person it is about, without the agreement of the sending force's "
    "Counter Corruption Unit."
)


def transfer_list_for_user(*, user) -> QuerySet[TransferDisclosure]:
    """Every transfer disclosure the head may see, newest first; a 404 for anyone else."""
    require_head(user=user)
    return policy.visible(
        user, TransferDisclosure.objects.select_related("person", "recorded_by__person")
    ).order_by("-recorded_on", "-pk")


def transfer_get_for_user(*, user, pk: int) -> TransferDisclosure:
    disclosure = (
        policy.visible(
            user,
            TransferDisclosure.objects.select_related("person__org_unit", "recorded_by__person"),
        )
        .filter(pk=pk)
        .first()
    )
    if disclosure is None:
        raise Http404
    return disclosure


def transfer_pack_get_for_user(*, user, pk: int) -> TransferDisclosure:
    """The disclosure whose pack is to be downloaded: a 404 when there is no pack file."""
    disclosure = transfer_get_for_user(user=user, pk=pk)
    if not disclosure.pack:
        raise Http404
    return disclosure


def person_for_transfer(*, user, staff_number: str) -> Person | None:
    """The member of the workforce with ``staff_number``, as the directory shows them to the
    user (the CCU sees everyone), or None."""
    return (
        policy.visible(user, Person.objects.select_related("org_unit"))
        .filter(staff_number=staff_number.strip())
        .first()
    )


@dataclass(frozen=True)
class PackContents:
    """What an outgoing pack says, for the preview and the PDF alike."""

    person: Person
    other_force: str
    recipient: str
    intelligence_summary: str
    sections: list[extensions.DisclosureSection]
    produced_on: dt.date
    produced_by: str
    marking: str = HANDLING_MARKING
    conditions: str = HANDLING_CONDITIONS


# The order HMICFRS lists them in; a section another area adds comes after these.
SECTION_ORDER = ("Complaints and conduct history", "Business interests", "Notifiable associations")


def _in_order(sections: list[extensions.DisclosureSection]) -> list[extensions.DisclosureSection]:
    def place(section: extensions.DisclosureSection) -> int:
        return SECTION_ORDER.index(section.title) if section.title in SECTION_ORDER else 99

    return sorted(sections, key=place)


def pack_contents(
    *,
    person: Person,
    other_force: str,
    recipient: str,
    intelligence_summary: str,
    produced_on: dt.date,
    produced_by: str,
) -> PackContents:
    return PackContents(
        person=person,
        other_force=other_force,
        recipient=recipient,
        intelligence_summary=intelligence_summary,
        sections=_in_order(extensions.disclosure_sections(person=person)),
        produced_on=produced_on,
        produced_by=produced_by,
    )
