"""Business interest with a supplier: the interest's organisation matched by normalised name or
company number against suppliers and bidders at any date; only interests held or pending."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from registers.crosschecks import checks
from registers.crosschecks.models import Finding, FindingStatus
from registers.crosschecks.services.runs import crosschecks_run_by_hand
from registers.interests.models import InterestStatus, InterestType
from tests.crosschecks.factories import BidFactory, ContractFactory, SupplierFactory
from tests.registers.interests.factories import BusinessInterestFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)
NAME = "interest-supplier"


def _run() -> dict[str, Finding]:
    crosschecks_run_by_hand(today=TODAY, names=[NAME])
    return {
        finding.key: finding
        for finding in Finding.objects.filter(check_name=NAME, status=FindingStatus.OPEN)
    }


@pytest.mark.parametrize(
    ("organisation", "found"),
    [
        ("ACME Limited", True),
        ("acme ltd", True),
        ("Acme Holdings", False),
        ("Acne Ltd", False),
    ],
)
def test_an_interests_organisation_matches_a_supplier_by_name(organisation, found):
    contract = ContractFactory(
        supplier=SupplierFactory(name="Acme Ltd"), awarded_on=dt.date(2015, 3, 1)
    )
    interest = BusinessInterestFactory(organisation=organisation, role="Driver")

    findings = _run()

    key = f"{NAME}:interest-{interest.pk}:supplier-{contract.supplier.pk}"
    assert list(findings) == ([key] if found else [])
    if found:
        finding = findings[key]
        assert list(finding.people.values_list("pk", flat=True)) == [interest.declarant_id]
        # Any date: a contract awarded eleven years ago still counts.
        assert finding.details["records"][0]["reference"] == contract.reference
        assert finding.details["interest"]["organisation"] == organisation
        assert contract.reference in finding.summary


def test_a_bidder_and_a_supplier_with_no_dealings_recorded_count():
    bidder = BidFactory(supplier=SupplierFactory(name="Acme Ltd")).supplier
    listed = SupplierFactory(name="Northmoor Cleaning Ltd")
    bidding = BusinessInterestFactory(organisation="Acme Ltd")
    cleaning = BusinessInterestFactory(organisation="Northmoor Cleaning")

    findings = _run()

    assert set(findings) == {
        f"{NAME}:interest-{bidding.pk}:supplier-{bidder.pk}",
        f"{NAME}:interest-{cleaning.pk}:supplier-{listed.pk}",
    }
    assert (
        findings[f"{NAME}:interest-{bidding.pk}:supplier-{bidder.pk}"].details["records"][0]["kind"]
        == "bid"
    )
    assert "is in the procurement register" in (
        findings[f"{NAME}:interest-{cleaning.pk}:supplier-{listed.pk}"].summary
    )


def test_a_company_number_joins_a_supplier_under_another_name():
    SupplierFactory(name="Acme Ltd", company_number="01234567")
    renamed = SupplierFactory(name="Wile Trading Ltd", company_number="01234567")
    ContractFactory(supplier=renamed)
    interest = BusinessInterestFactory(organisation="Acme Limited (01234567)")

    findings = _run()

    key = f"{NAME}:interest-{interest.pk}:supplier-{renamed.pk}"
    assert key in findings
    assert findings[key].details["supplier"]["matched_on"] == "company number"


@pytest.mark.parametrize(
    ("status", "found"),
    [
        (InterestStatus.AWAITING_LINE_MANAGER, True),
        (InterestStatus.AWAITING_PSD, True),
        (InterestStatus.APPROVED, True),
        (InterestStatus.APPROVED_WITH_CONDITIONS, True),
        (InterestStatus.APPEALED, True),
        (InterestStatus.REFUSED, False),
        (InterestStatus.WITHDRAWN, False),
        (InterestStatus.ENDED, False),
    ],
)
def test_only_interests_held_or_pending_count(status, found):
    ContractFactory(supplier=SupplierFactory(name="Acme Ltd"))
    BusinessInterestFactory(
        organisation="Acme Ltd", status=status, interest_type=InterestType.DIRECTORSHIP
    )

    assert bool(_run()) is found


def _plant(count: int) -> set[str]:
    keys = set()
    for n in range(count):
        word = hashlib.sha256(str(n).encode()).hexdigest()[:8]
        supplier = SupplierFactory(name=f"{word} Fleet Ltd")
        ContractFactory(supplier=supplier)
        interest = BusinessInterestFactory(organisation=f"{word.upper()} FLEET LIMITED")
        BusinessInterestFactory(organisation=f"{word[::-1]} Leisure Centre")
        keys.add(f"{NAME}:interest-{interest.pk}:supplier-{supplier.pk}")
    return keys


def test_many_chunks_find_what_one_chunk_finds_and_a_rerun_updates(settings):
    keys = _plant(5)
    [one] = crosschecks_run_by_hand(today=TODAY, names=[NAME])
    first = dict(Finding.objects.values_list("key", "pk"))
    assert set(first) == keys

    settings.CROSSCHECK_CHUNK_ROWS = 3
    [split] = crosschecks_run_by_hand(today=TODAY, names=[NAME])

    assert split.chunks_total > one.chunks_total == 1
    assert dict(Finding.objects.values_list("key", "pk")) == first
    assert (split.findings_new, split.findings_still_open) == (0, 5)
    assert split.rows_compared == one.rows_compared == 10


def test_a_chunk_costs_the_same_few_queries_however_many_interests(
    django_assert_max_num_queries,
):
    _plant(25)
    check = checks.check_named(NAME)
    [params] = check.plan(today=TODAY)

    with django_assert_max_num_queries(4):
        result = check.run_chunk(params, today=TODAY)

    assert (len(result.hits), result.rows_compared) == (25, 50)
