"""Corridor entries for the nominal index, search and the link chart.

A nominal in the world's operation is linked to its report (``intel_report``, about the subject
persona). Every page is a 404 outside the CCU. The subject persona is a CCU analyst granted the
operation: they see the index, the nominal and search, but never the report about them (its
Nominals tab) nor their own link chart. The head opens the operation's report and chart after
giving a reason (break glass), as on the operation's own page.
"""

from __future__ import annotations

from tests.ccu.factories import NominalLinkFactory
from tests.ccu.factories_nominals import IndexedNominalFactory
from tests.security.registry import CCU, Page
from tests.security.world import World

WORKERS = frozenset({"ccu_analyst", "ccu_head"})


def _nominal(world: World) -> dict:
    return {"pk": world.records["nominal"].pk}


def _report(world: World) -> dict:
    return {"pk": world.records["intel_report"].pk}


def _subject_person(world: World) -> dict:
    return {"pk": world.users["subject"].person.pk}


def _operation(world: World) -> dict:
    return {"pk": world.records["operation"].pk}


PAGES: dict[str, Page] = {
    "ccu:nominal_list": Page(allowed=CCU, logs=1),
    "ccu:nominal_add": Page(allowed=CCU, acts=CCU, logs=0),
    "ccu:nominal_detail": Page(allowed=CCU, kwargs=_nominal),
    "ccu:nominal_duplicates": Page(allowed=CCU, logs=1),
    "ccu:nominal_merge": Page(allowed=CCU, kwargs=_nominal, acts=CCU),
    "ccu:report_nominals": Page(allowed=WORKERS, kwargs=_report, acts=WORKERS),
    "ccu:search": Page(allowed=CCU, logs=1),
    "ccu:person_chart": Page(allowed=WORKERS, kwargs=_subject_person),
    "ccu:operation_chart": Page(allowed=WORKERS, kwargs=_operation, acts=WORKERS),
}


def build(world: World) -> None:
    nominal = IndexedNominalFactory(name="Matrix Nominal", operation=world.records["operation"])
    NominalLinkFactory(report=world.records["intel_report"], nominal=nominal)
    world.records["nominal"] = nominal
