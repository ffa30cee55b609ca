"""Fixtures for the business-interest tests: a team (the staff member reports to the line
manager) and helpers that take an application through its steps by the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from registers.interests import services
from registers.interests.models import DecisionOutcome, InterestType
from standards.exchange import services as exchange
from standards.exchange.models import CheckAnswer

APPLICATION = {
    "interest_type": InterestType.SECONDARY_EMPLOYMENT,
    "organisation": "The Crown and Anchor, Saltcote",
    "role": "Bar work",
    "hours_per_week": Decimal("8"),
    "paid": True,
    "pay_details": "£11.50 an hour",
    "start_date": dt.date.today() + dt.timedelta(days=14),
    "end_date": None,
    "possible_conflicts": "The pub is outside my neighbourhood area.",
}


@pytest.fixture
def team(staff_member, line_manager):
    """The staff member reports to the line manager."""
    staff_member.person.line_manager = line_manager.person
    staff_member.person.save()
    return staff_member, line_manager


@pytest.fixture
def flow(team, caseworker, psd_head, ccu_analyst):
    """Steps of an application, each by the right person through the services."""

    class Flow:
        member, manager = team

        def apply(self, **overrides):
            return services.interest_apply(acting_user=self.member, **{**APPLICATION, **overrides})

        def recommended(self, **overrides):
            interest = self.apply(**overrides)
            services.interest_recommend(
                interest=interest,
                outcome=DecisionOutcome.SUPPORT,
                rationale="Good attendance; the hours fit round shifts.",
                acting_user=self.manager,
            )
            interest.refresh_from_db()
            return interest

        def checked(self, answer=CheckAnswer.NO_TRACE, **overrides):
            interest = self.recommended(**overrides)
            check = services.interest_request_check(interest=interest, acting_user=caseworker)
            exchange.intelligence_check_answer(
                check=check,
                answer=answer,
                ccu_note="Known associate of the licensee." if answer == CheckAnswer.TRACE else "",
                acting_user=ccu_analyst,
            )
            interest.refresh_from_db()
            return interest

        def decided(self, outcome=DecisionOutcome.INCOMPATIBLE, conditions="", **overrides):
            interest = self.checked(**overrides)
            services.interest_decide(
                interest=interest,
                outcome=outcome,
                rationale="Bar work in the force area conflicts with licensing duties.",
                conditions=conditions,
                acting_user=psd_head,
            )
            interest.refresh_from_db()
            return interest

        def appealed(self, **overrides):
            interest = self.decided(**overrides)
            services.interest_appeal(
                interest=interest,
                grounds="I am not involved in licensing and the pub is 20 miles away.",
                acting_user=self.member,
            )
            interest.refresh_from_db()
            return interest

    return Flow()
