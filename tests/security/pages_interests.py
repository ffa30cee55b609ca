"""Corridor entries for business interests (/registers/interests/, /my/interests/) and the CCU's
intelligence checks (/ccu/checks/).

The records: the ``staff`` persona (who reports to ``manager``) has an application in each state
a page needs; the intelligence check is about the ``subject`` persona (a CCU analyst), so the
self-conflict rule must hide it from them inside the CCU.
"""

from __future__ import annotations

from registers.interests.models import DecisionOutcome, DecisionStage, InterestStatus
from standards.exchange.models import CheckAnswer
from tests.exchange.factories import IntelligenceCheckFactory
from tests.registers.interests.factories import BusinessInterestFactory, InterestDecisionFactory
from tests.security.registry import CCU, PSD, Page, _pk
from tests.security.world import ALL_SIGNED_IN, World

PAGES: dict[str, Page] = {
    # Reviewers. The register is PSD's, read-only for the CCU.
    "interests:list": Page(allowed=PSD | CCU, logs=1),
    "interests:refused": Page(allowed=PSD | CCU, logs=1),
    "interests:export": Page(allowed=PSD, acts=PSD),
    "interests:recommendations": Page(allowed=frozenset({"manager"}), logs=1),
    "interests:appeals": Page(allowed=frozenset({"dcc"}), logs=1),
    # The staff persona's appeal: PSD and the CCU (read-only), the staff persona's line manager,
    # and the chief officer hearing it. Not the staff persona: it is their own.
    "interests:detail": Page(
        allowed=PSD | CCU | {"manager", "dcc"}, kwargs=_pk("interest_appealed")
    ),
    "interests:recommend": Page(
        allowed=frozenset({"manager"}),
        kwargs=_pk("interest_with_manager"),
        acts=frozenset({"manager"}),
    ),
    # POST only: a GET is refused before any record is looked up.
    "interests:request_check": Page(
        allowed=frozenset(),
        kwargs=_pk("interest_with_psd"),
        overrides=dict.fromkeys(ALL_SIGNED_IN, 405),
        acts=PSD,
    ),
    "interests:decide": Page(
        allowed=frozenset({"psd_head"}),
        kwargs=_pk("interest_with_psd"),
        acts=frozenset({"psd_head"}),
    ),
    "interests:review": Page(
        allowed=frozenset({"psd_head"}),
        kwargs=_pk("interest_approved"),
        acts=frozenset({"psd_head"}),
    ),
    "interests:decide_appeal": Page(
        allowed=frozenset({"dcc"}), kwargs=_pk("interest_appealed"), acts=frozenset({"dcc"})
    ),
    # The member's own pages: the staff persona only; everyone has somewhere to apply.
    "my_interests:new": Page(allowed=ALL_SIGNED_IN, acts=ALL_SIGNED_IN),
    "my_interests:detail": Page(allowed=frozenset({"staff"}), kwargs=_pk("interest_with_manager")),
    "my_interests:withdraw": Page(
        allowed=frozenset({"staff"}), kwargs=_pk("interest_with_manager"), acts=frozenset({"staff"})
    ),
    "my_interests:end": Page(
        allowed=frozenset({"staff"}), kwargs=_pk("interest_approved"), acts=frozenset({"staff"})
    ),
    "my_interests:appeal": Page(
        allowed=frozenset({"staff"}), kwargs=_pk("interest_refused"), acts=frozenset({"staff"})
    ),
    # The CCU's checks: invisible outside the CCU; the check on the subject persona is invisible
    # to them too.
    "ccu_checks:queue": Page(allowed=CCU, logs=1),
    "ccu_checks:detail": Page(
        allowed=frozenset({"ccu_analyst", "ccu_head"}),
        kwargs=_pk("intelligence_check"),
        acts=frozenset({"ccu_analyst", "ccu_head"}),
    ),
}


def build(world: World) -> None:
    staff = world.users["staff"].person
    head = world.users["psd_head"]

    def interest(status: str, **fields):
        return BusinessInterestFactory(
            declarant=staff, submitted_by=world.users["staff"], status=status, **fields
        )

    def decided(record, outcome: str) -> None:
        InterestDecisionFactory(
            interest=record,
            stage=DecisionStage.PSD_DECISION,
            outcome=outcome,
            decided_by=head,
        )

    world.records["interest_with_manager"] = interest(InterestStatus.AWAITING_LINE_MANAGER)

    with_psd = interest(InterestStatus.AWAITING_PSD, organisation="Kirkwell Tutors")
    IntelligenceCheckFactory(
        asked_for=with_psd,
        requested_by=world.users["psd_caseworker"],
        answer=CheckAnswer.NO_TRACE,
        answered_by=world.users["ccu_analyst"],
    )
    world.records["interest_with_psd"] = with_psd

    approved = interest(InterestStatus.APPROVED, organisation="Saltcote Sailing Club")
    decided(approved, DecisionOutcome.COMPATIBLE)
    world.records["interest_approved"] = approved

    refused = interest(InterestStatus.REFUSED, organisation="The Crown, Stainby")
    decided(refused, DecisionOutcome.INCOMPATIBLE)
    world.records["interest_refused"] = refused

    appealed = interest(
        InterestStatus.APPEALED,
        organisation="Harbour Security Ltd",
        appeal_grounds="The work is outside the force area.",
    )
    decided(appealed, DecisionOutcome.INCOMPATIBLE)
    world.records["interest_appealed"] = appealed

    world.records["intelligence_check"] = IntelligenceCheckFactory(
        asked_for=BusinessInterestFactory(
            declarant=world.users["subject"].person, status=InterestStatus.AWAITING_PSD
        ),
        requested_by=world.users["psd_caseworker"],
    )
