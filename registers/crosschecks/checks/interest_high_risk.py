"""High-risk business interest with no CCU check: a business interest in a line of work the
force treats as high risk (private investigation, security, debt collection, licensed premises)
for which PSD has recorded no intelligence check.

A check on an interest is recorded today as a ``standards.exchange`` ``IntelligenceCheck``
asked for that interest (``registers.interests.services.checks.interest_request_check``). This
check reads only whether one exists, through the exchange's own ``asked_for_model`` filter, and
never its answer: the finding is PSD's and says only "no CCU check recorded". A check asked
and not yet answered counts as recorded (PSD has done its part). A check on a list of people
(a promotion board, say) is not a check on the interest and does not count.

Interests count while PSD holds them or they are in force: with PSD for decision, approved
(with or without conditions) or under appeal, and not past their end date. One with the line
manager has not reached PSD yet, so no check is due; refused, withdrawn and ended interests are
not held.

High risk is a relative's interest in licensed premises (by type: the form asks only about
premises in the force area), or one of ``HIGH_RISK_WORDS`` in the organisation or role, matched
as whole words ("bar" matches "Bar staff", not "Barclays"). Whether other licensed premises are
in the force area is not recorded, so any count.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from registers.crosschecks import checks
from registers.crosschecks.models import Audience
from registers.interests.models import BusinessInterest

NAME = "interest-high-risk"

# Each high-risk line of work and the words (regular expressions, matched whole and ignoring
# case) that put an organisation or role in it.
HIGH_RISK_WORDS: dict[str, tuple[str, ...]] = {
    "private investigation": (
        r"private\s+investigat\w*",
        r"investigators?",
        r"private\s+detectives?",
        r"process\s+serv\w*",
        r"tracing\s+agents?",
    ),
    "security": (
        r"security",
        r"door\s*(?:supervisors?|staff|man|men|work)",
        r"doormen|doorman",
        r"bouncers?",
        r"close\s+protection",
        r"bodyguards?",
        r"cctv",
        r"sia\s+licen[cs]ed?",
        r"guard(?:s|ing)?",
    ),
    "debt collection": (
        r"debt\s+(?:collect\w*|recovery)",
        r"bailiffs?",
        r"enforcement\s+agen\w*",
        r"repossessions?",
        r"credit\s+control",
    ),
    "licensed premises": (
        r"pubs?",
        r"public\s+houses?",
        r"bars?",
        r"bar\s+staff",
        r"night\s*clubs?",
        r"licensees?",
        r"licensed\s+premises",
        r"off[\s-]licen[cs]e",
        r"inn",
        r"taverns?",
        r"casinos?",
        r"betting",
        r"bookmakers?",
    ),
}
PATTERNS = {
    line: re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)
    for line, words in HIGH_RISK_WORDS.items()
}


def high_risk_lines(interest_type: str, organisation: str, role: str) -> dict[str, list[str]]:
    """Each high-risk line of work the interest is in, with the words that put it there."""
    from registers.interests.models import InterestType

    found: dict[str, list[str]] = {}
    if interest_type == InterestType.RELATIVE_LICENSED_PREMISES:
        found["licensed premises"] = ["a relative's interest in licensed premises"]
    text = f"{organisation}\n{role}"
    for line, pattern in PATTERNS.items():
        words = sorted({match.group(0).lower() for match in pattern.finditer(text)})
        if words:
            found.setdefault(line, []).extend(words)
    return found


def _interests(today: dt.date):
    from registers.interests.models import APPROVED_STATUSES, BusinessInterest, InterestStatus
    from standards.exchange.models import IntelligenceCheck
    from standards.exchange.selectors import asked_for_model

    # Whether a check was asked for the interest: existence only, never the answer.
    checked = IntelligenceCheck.objects.filter(
        asked_for_model(BusinessInterest), asked_for_id=OuterRef("pk")
    )
    return (
        BusinessInterest.objects.filter(
            status__in=(InterestStatus.AWAITING_PSD, InterestStatus.APPEALED, *APPROVED_STATUSES)
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exclude(Exists(checked))
    )


def plan(*, today: dt.date) -> list[dict]:
    return checks.pk_ranges(_interests(today), rows=settings.CROSSCHECK_CHUNK_ROWS)


def run_chunk(params: dict, *, today: dt.date) -> checks.ChunkResult:
    from registers.interests.models import InterestStatus, InterestType

    rows = (
        checks.in_range(_interests(today), params)
        .order_by()
        .values_list("pk", "declarant_id", "interest_type", "organisation", "role", "status")
    )
    compared = 0
    hits = []
    for pk, declarant_id, interest_type, organisation, role, status in rows.iterator(
        chunk_size=2000
    ):
        compared += 1
        lines = high_risk_lines(interest_type, organisation, role)
        if not lines:
            continue
        reference = BusinessInterest.reference_for(pk)
        kind = InterestType(interest_type).label.lower()
        summary = (
            f"{reference}: the member's {kind} with {organisation} ({role}) is in a high-risk "
            f"line of work ({', '.join(lines)}); no CCU check recorded."
        )
        hits.append(
            checks.Hit(
                key=f"{NAME}:interest-{pk}",
                person_ids=checks.person_ids([declarant_id]),
                summary=summary,
                details={
                    "interest": {
                        "reference": reference,
                        "interest_type": interest_type,
                        "organisation": organisation,
                        "role": role,
                        "status": InterestStatus(status).label,
                    },
                    "high_risk": lines,
                    "ccu_check": "no CCU check recorded",
                },
            )
        )
    return checks.ChunkResult(rows_compared=compared, hits=hits)


checks.register(
    checks.Check(
        name=NAME,
        title="High-risk business interest with no CCU check",
        audience=Audience.PSD,
        description=(
            "A business interest in private investigation, security, debt collection or "
            "licensed premises, with PSD or in force, for which no CCU check is recorded."
        ),
        plan=plan,
        run_chunk=run_chunk,
    )
)
