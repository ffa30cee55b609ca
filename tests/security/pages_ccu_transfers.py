"""Corridor entries for transfer disclosures: the head of the CCU only. The disclosure is about
someone who is not a persona, so only the role decides; its pack is a small PDF. The list writes
its search row; the detail one consultation row; the pack one disclosure row."""

from __future__ import annotations

from django.core.files.base import ContentFile

from tests.ccu.factories import TransferDisclosureFactory
from tests.people.factories import PersonFactory
from tests.security.registry import Page
from tests.security.world import World

HEAD = frozenset({"ccu_head"})

# The smallest file that is a PDF by its content.
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pk(world: World) -> dict:
    return {"pk": world.records["transfer"].pk}


PAGES: dict[str, Page] = {
    "ccu:transfer_list": Page(allowed=HEAD, logs=1),
    "ccu:transfer_new": Page(allowed=HEAD, acts=HEAD),
    "ccu:transfer_incoming": Page(allowed=HEAD, acts=HEAD),
    "ccu:transfer_detail": Page(allowed=HEAD, kwargs=_pk),
    "ccu:transfer_pack": Page(allowed=HEAD, kwargs=_pk),
}


def build(world: World) -> None:
    disclosure = TransferDisclosureFactory.build(
        person=PersonFactory(), recorded_by=world.users["ccu_head"]
    )
    disclosure.pack.save("matrix-pack.pdf", ContentFile(TINY_PDF), save=False)
    disclosure.save()
    world.records["transfer"] = disclosure
