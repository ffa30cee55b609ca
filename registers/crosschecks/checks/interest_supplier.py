"""Business interest with a supplier: the employer, business or company of a member's business
interest is a supplier to the force or a bidder for one of its tenders, at any date.

Interests count while they are, or may become, held: approved (with or without conditions), or
waiting for the line manager, PSD or an appeal. A refused, withdrawn or ended interest is not
held, so it cannot conflict with a contract (the "monitor" list of refused interests is PSD's
own review, not this check's). An interest of a relative in licensed premises counts like any
other: the premises may supply the force too.

The chunks split the interests by primary key; each loads the suppliers into one index and the
matched suppliers' contracts and bids in a batch, as ``gift_supplier`` does.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from registers.crosschecks import checks
from registers.crosschecks.checks.gift_supplier import (
    MAX_RECORDS,
    SupplierSide,
    load_suppliers,
    procurement_records,
)
from registers.crosschecks.models import Audience
from registers.interests.models import BusinessInterest

NAME = "interest-supplier"


def _interests():
    from registers.interests.models import APPROVED_STATUSES, OPEN_STATUSES, BusinessInterest

    return BusinessInterest.objects.filter(status__in=(*APPROVED_STATUSES, *OPEN_STATUSES))


def plan(*, today: dt.date) -> list[dict]:
    return checks.pk_ranges(_interests(), rows=settings.CROSSCHECK_CHUNK_ROWS)


def run_chunk(params: dict, *, today: dt.date) -> checks.ChunkResult:
    suppliers = load_suppliers()
    rows = (
        checks.in_range(_interests(), params)
        .order_by()
        .values_list("pk", "declarant_id", "organisation", "interest_type", "role", "status")
    )
    compared = 0
    candidates = []
    for interest in rows.iterator(chunk_size=2000):
        compared += 1
        for supplier_id, (score, how) in suppliers.matches(interest[2]).items():
            candidates.append((interest, supplier_id, score, how))
    records = procurement_records({supplier_id for _i, supplier_id, _s, _h in candidates})
    hits = [
        _hit(interest, supplier_id, score, how, records.get(supplier_id, []), suppliers)
        for interest, supplier_id, score, how in candidates
    ]
    return checks.ChunkResult(rows_compared=compared, hits=hits)


def _hit(interest, supplier_id, score, how, records, suppliers: SupplierSide) -> checks.Hit:
    from registers.interests.models import InterestStatus, InterestType

    pk, declarant_id, organisation, interest_type, role, status = interest
    supplier_name, company_number = suppliers.names[supplier_id]
    # Latest first: the most recent dealings are the ones a reviewer reads first.
    records = sorted(
        records, key=lambda record: (max(record.dates), record.reference), reverse=True
    )
    if records:
        dealings = records[0].phrase()
        if len(records) > 1:
            dealings += f" (and {len(records) - 1} more contracts or bids)"
    else:
        dealings = "is in the procurement register"
    reference = BusinessInterest.reference_for(pk)
    summary = (
        f"{reference}: the member's {InterestType(interest_type).label.lower()} with "
        f"{organisation}, and supplier {supplier_name} {dealings}."
    )
    return checks.Hit(
        key=f"{NAME}:interest-{pk}:supplier-{supplier_id}",
        person_ids=checks.person_ids([declarant_id]),
        summary=summary,
        score=score,
        details={
            "interest": {
                "reference": reference,
                "interest_type": interest_type,
                "organisation": organisation,
                "role": role,
                "status": InterestStatus(status).label,
            },
            "supplier": {
                "name": supplier_name,
                "company_number": company_number,
                "matched_on": how,
            },
            "score": score,
            "records": [record.as_details() for record in records[:MAX_RECORDS]],
            "records_total": len(records),
        },
    )


checks.register(
    checks.Check(
        name=NAME,
        title="Business interest with a supplier",
        audience=Audience.PSD,
        description=(
            "A member's approved or pending business interest whose employer, business or "
            "company is a supplier or bidder in the procurement register, at any date."
        ),
        plan=plan,
        run_chunk=run_chunk,
    )
)
