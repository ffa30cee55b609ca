"""Corridor entries for the cross-checks' findings and runs.

PSD's findings are Professional Standards' alone (the caseworker and the head of PSD); the CCU's
are the CCU's alone, and the CCU finding here is about the "subject" persona (a CCU analyst): they
reach the CCU's list like any analyst, but their own finding is a 404 to them. The runs pages
serve each side its own checks' runs: the run here is PSD's, a 404 to the CCU. "Run now" takes
a POST only: a GET is a 405 to PSD and a 404 to everyone else (the check is not theirs).
"""

from __future__ import annotations

from registers.crosschecks import checks
from registers.crosschecks.models import Audience
from tests.crosschecks.factories import CrossCheckRunFactory, FindingFactory
from tests.security.registry import CCU, PSD, Page
from tests.security.world import World

HEAD_AND_ANALYST = frozenset({"ccu_analyst", "ccu_head"})
PSD_CHECK = "gift-donor-supplier"


def _record(name: str):
    return lambda world: {"pk": world.records[name].pk}


def _check(world: World) -> dict:
    return {"name": PSD_CHECK}


PAGES: dict[str, Page] = {
    "crosschecks:findings": Page(allowed=PSD, logs=1),
    "crosschecks:finding_detail": Page(allowed=PSD, kwargs=_record("psd_finding")),
    "crosschecks:finding_dispose": Page(allowed=PSD, kwargs=_record("psd_finding"), acts=PSD),
    "crosschecks:ccu_findings": Page(allowed=CCU, logs=1),
    "crosschecks:ccu_finding_detail": Page(allowed=HEAD_AND_ANALYST, kwargs=_record("ccu_finding")),
    "crosschecks:ccu_finding_dispose": Page(
        allowed=HEAD_AND_ANALYST, kwargs=_record("ccu_finding"), acts=HEAD_AND_ANALYST
    ),
    # A run names no one: its pages write no access-log row.
    "crosschecks:runs": Page(allowed=PSD | CCU, logs=0),
    "crosschecks:run_detail": Page(allowed=PSD, kwargs=_record("psd_run"), logs=0),
    "crosschecks:run_start": Page(
        allowed=frozenset(), overrides=dict.fromkeys(PSD, 405), kwargs=_check, acts=PSD, logs=0
    ),
}


def build(world: World) -> None:
    _ensure_psd_check()
    psd_run = CrossCheckRunFactory(check_name=PSD_CHECK, audience=Audience.PSD)
    world.records["psd_run"] = psd_run
    world.records["psd_finding"] = FindingFactory(
        first_run=psd_run, people=[world.records["report"]]
    )
    ccu_run = CrossCheckRunFactory(check_name="association-nominal", audience=Audience.CCU)
    world.records["ccu_finding"] = FindingFactory(
        first_run=ccu_run,
        summary="A member is linked to a CCU nominal",
        people=[world.users["subject"].person],
    )


def _ensure_psd_check() -> None:
    """The PSD check "Run now" points at. Once the checks are written it is the real one; until
    then a stand-in that finds nothing, under the same name."""
    try:
        checks.check_named(PSD_CHECK)
    except LookupError:
        checks.register(
            checks.Check(
                name=PSD_CHECK,
                title="Donors who are suppliers",
                audience=Audience.PSD,
                description="",
                plan=lambda *, today: [{}],
                run_chunk=lambda params, *, today: checks.ChunkResult(rows_compared=0, hits=[]),
            )
        )
