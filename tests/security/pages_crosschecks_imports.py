"""Corridor entries for the cross-checks' imports: PSD's pages (caseworkers and decision makers);
to everyone else, the CCU included, they do not exist. The built import is a small CSV, uploaded
and checked through the services, waiting to be imported."""

from __future__ import annotations

from registers.crosschecks.services.imports import import_map, import_upload
from tests.security.registry import PSD, Page
from tests.security.world import World

CSV = (
    b"Record type,Reference,Title,Supplier,Company number,Date,End date,Value\n"
    b"contract,C-MATRIX-1,Matrix fleet servicing,Matrix Motors Ltd,01234567,01/04/2025,,1200\n"
)


def _pk(world: World) -> dict:
    return {"pk": world.records["import"].pk}


PAGES: dict[str, Page] = {
    "crosschecks:imports": Page(allowed=PSD, logs=1),
    "crosschecks:import_new": Page(allowed=PSD, acts=PSD, logs=0),
    "crosschecks:import_detail": Page(allowed=PSD, kwargs=_pk),
    "crosschecks:import_mapping": Page(allowed=PSD, kwargs=_pk, acts=PSD),
    "crosschecks:import_preview": Page(allowed=PSD, kwargs=_pk, acts=PSD),
    # Polled by the progress bar: counts only, so no access-log row for each poll.
    "crosschecks:import_progress": Page(allowed=PSD, kwargs=_pk, logs=0),
}


def build(world: World) -> None:
    user = world.users["psd_caseworker"]
    batch = import_upload(kind="procurement", data=CSV, file_name="matrix.csv", acting_user=user)
    world.records["import"] = import_map(batch=batch, mapping=batch.mapping, acting_user=user)
