"""Gift donor is a supplier: names and company numbers matched, the months either side of a
contract, tender or bid, declined and given offers counted, withdrawn ones not, the same findings
in one chunk or many, a chunk's queries fixed, a rerun updating."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from registers.crosschecks import checks
from registers.crosschecks.models import Finding, FindingStatus
from registers.crosschecks.services.runs import crosschecks_run_by_hand
from registers.gifts.models import Direction, GiftStatus, Response
from tests.crosschecks.factories import (
    BidFactory,
    ContractFactory,
    SupplierFactory,
    TenderFactory,
)
from tests.registers.gifts.factories import GiftFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)
NAME = "gift-donor-supplier"
AWARDED = dt.date(2026, 6, 1)


def _run() -> dict[str, Finding]:
    crosschecks_run_by_hand(today=TODAY, names=[NAME])
    return {
        finding.key: finding
        for finding in Finding.objects.filter(check_name=NAME, status=FindingStatus.OPEN)
    }


def _months(months: int) -> dt.date:
    """A day ``months`` calendar months after the award."""
    year, month = divmod(AWARDED.month - 1 + months, 12)
    return AWARDED.replace(year=AWARDED.year + year, month=month + 1)


@pytest.mark.parametrize(
    ("donor", "found"),
    [
        ("ACME Limited", True),
        ("acme ltd.", True),
        ("Acme Holdings", False),
        ("Acne Ltd", False),
        ("Northmoor Bakery", False),
    ],
)
def test_a_donor_matches_a_supplier_by_its_normalised_name(donor, found):
    contract = ContractFactory(supplier=SupplierFactory(name="Acme Ltd"), awarded_on=AWARDED)
    gift = GiftFactory(donor_name=donor, offered_on=_months(2))

    findings = _run()

    key = f"{NAME}:gift-{gift.pk}:supplier-{contract.supplier.pk}"
    assert (key in findings) is found
    assert len(findings) == int(found)
    if found:
        finding = findings[key]
        assert list(finding.people.values_list("pk", flat=True)) == [gift.declarant_id]
        assert finding.details["supplier"]["name"] == "Acme Ltd"
        assert finding.details["records"][0]["reference"] == contract.reference
        assert finding.details["records"][0]["months_apart"] == 2.0
        assert contract.reference in finding.summary


@pytest.mark.parametrize(("months", "found"), [(11, True), (-11, True), (13, False), (-13, False)])
def test_only_gifts_within_twelve_months_of_the_award_count(months, found):
    ContractFactory(supplier=SupplierFactory(name="Acme Ltd"), awarded_on=AWARDED)
    GiftFactory(donor_name="Acme Ltd", offered_on=_months(months))

    assert bool(_run()) is found


def test_the_months_are_a_setting(settings):
    settings.CROSSCHECK_PROCUREMENT_MONTHS = 24
    ContractFactory(supplier=SupplierFactory(name="Acme Ltd"), awarded_on=AWARDED)
    GiftFactory(donor_name="Acme Ltd", offered_on=_months(13))

    assert len(_run()) == 1


def test_a_bidder_counts_from_the_tender_date_or_its_bid():
    tender = TenderFactory(reference="T-00009", awarded_on=AWARDED)
    # The bid went in 13 months after the tender's date, and the gift 13 months before it:
    # 13 months from the bid is too far, but the tender's date is within.
    bid = BidFactory(
        tender=tender, supplier=SupplierFactory(name="Acme Ltd"), submitted_on=_months(13)
    )
    GiftFactory(donor_name="ACME LIMITED", offered_on=_months(-1))
    far = GiftFactory(donor_name="Acme Ltd", offered_on=_months(-14))

    findings = _run()

    assert len(findings) == 1
    [finding] = findings.values()
    assert str(far.pk) not in finding.key
    record = finding.details["records"][0]
    assert record == {
        "kind": "bid",
        "reference": "T-00009",
        "title": tender.title,
        "tender_date": AWARDED.isoformat(),
        "bid_on": bid.submitted_on.isoformat(),
        "months_apart": 1.0,
    }


def test_a_tender_without_the_suppliers_bid_is_not_a_match():
    TenderFactory(awarded_on=AWARDED)
    SupplierFactory(name="Acme Ltd")
    GiftFactory(donor_name="Acme Ltd", offered_on=AWARDED)

    assert _run() == {}


def test_a_company_number_joins_a_supplier_under_another_name():
    """The donor matches "Acme Ltd" by name; "Wile Trading Ltd" has Acme's company number (a
    renamed company, or another file's spelling), so its contract counts too."""
    acme = SupplierFactory(name="Acme Ltd", company_number="01234567")
    renamed = SupplierFactory(name="Wile Trading Ltd", company_number="01234567")
    ContractFactory(supplier=renamed, awarded_on=AWARDED)
    gift = GiftFactory(donor_name="Acme Limited", offered_on=AWARDED)

    findings = _run()

    assert set(findings) == {f"{NAME}:gift-{gift.pk}:supplier-{renamed.pk}"}
    details = findings[f"{NAME}:gift-{gift.pk}:supplier-{renamed.pk}"].details
    assert details["supplier"] == {
        "name": "Wile Trading Ltd",
        "company_number": "01234567",
        "matched_on": "company number",
    }
    assert acme.pk  # Acme itself has no contract: no finding about it


def test_a_company_number_in_the_donors_name_matches_whatever_the_name():
    supplier = SupplierFactory(name="Wile Trading Ltd", company_number="01234567")
    ContractFactory(supplier=supplier, awarded_on=AWARDED)
    gift = GiftFactory(donor_name="Roadrunner Catering (1234567)", offered_on=AWARDED)

    assert set(_run()) == {f"{NAME}:gift-{gift.pk}:supplier-{supplier.pk}"}


def test_declined_and_given_offers_count_and_say_so_withdrawn_ones_do_not():
    ContractFactory(supplier=SupplierFactory(name="Acme Ltd"), awarded_on=AWARDED)
    declined = GiftFactory(donor_name="Acme Ltd", offered_on=AWARDED, response=Response.DECLINED)
    given = GiftFactory(donor_name="Acme Ltd", offered_on=AWARDED, direction=Direction.GIVEN)
    GiftFactory(donor_name="Acme Ltd", offered_on=AWARDED, status=GiftStatus.WITHDRAWN)

    findings = {finding.details["gift"]["reference"]: finding for finding in _run().values()}

    assert set(findings) == {f"GH-{declined.pk:06d}", f"GH-{given.pk:06d}"}
    assert "(declined)" in findings[f"GH-{declined.pk:06d}"].summary
    assert "given or offered by the member to Acme Ltd" in findings[f"GH-{given.pk:06d}"].summary


def _plant(count: int) -> set[str]:
    """``count`` suppliers with a contract, each with a matching gift and a non-matching one."""
    keys = set()
    for n in range(count):
        word = hashlib.sha256(str(n).encode()).hexdigest()[:8]
        supplier = SupplierFactory(name=f"{word} Fleet Ltd")
        ContractFactory(supplier=supplier, awarded_on=AWARDED)
        gift = GiftFactory(donor_name=f"{word.upper()} FLEET LIMITED", offered_on=AWARDED)
        GiftFactory(donor_name=f"{word[::-1]} Stationers", offered_on=AWARDED)
        keys.add(f"{NAME}:gift-{gift.pk}:supplier-{supplier.pk}")
    return keys


def test_many_chunks_find_what_one_chunk_finds(settings):
    keys = _plant(6)
    [one] = crosschecks_run_by_hand(today=TODAY, names=[NAME])
    assert set(Finding.objects.values_list("key", flat=True)) == keys
    assert one.chunks_total == 1

    Finding.objects.all().delete()
    settings.CROSSCHECK_CHUNK_ROWS = 3
    [split] = crosschecks_run_by_hand(today=TODAY, names=[NAME])

    assert split.chunks_total > 3
    assert set(Finding.objects.values_list("key", flat=True)) == keys
    assert split.rows_compared == one.rows_compared == 12


def test_a_chunk_costs_the_same_few_queries_however_many_gifts(django_assert_max_num_queries):
    _plant(25)
    check = checks.check_named(NAME)
    [params] = check.plan(today=TODAY)

    # Suppliers, gifts, the matched suppliers' contracts and bids: four, not one a gift.
    with django_assert_max_num_queries(4):
        result = check.run_chunk(params, today=TODAY)

    assert len(result.hits) == 25
    assert result.rows_compared == 50


def test_a_rerun_updates_the_finding_instead_of_adding_one():
    supplier = SupplierFactory(name="Acme Ltd")
    ContractFactory(supplier=supplier, awarded_on=AWARDED)
    gift = GiftFactory(donor_name="Acme Ltd", offered_on=_months(3))
    [first] = _run().values()
    ContractFactory(supplier=supplier, reference="C-NEARER", awarded_on=_months(2))

    findings = _run()

    assert list(findings) == [f"{NAME}:gift-{gift.pk}:supplier-{supplier.pk}"]
    assert Finding.objects.filter(check_name=NAME).count() == 1
    [again] = findings.values()
    assert again.pk == first.pk
    assert again.details["records_total"] == 2
    assert again.details["records"][0]["reference"] == "C-NEARER"
