"""Factories for the cross-checks' imported data and findings."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import factory

from registers.crosschecks.matching import normalise_org
from registers.crosschecks.models import (
    Audience,
    Bid,
    Contract,
    ContractKind,
    CrossCheckRun,
    DiaryEntry,
    ExpenseClaim,
    Finding,
    ImportBatch,
    ImportKind,
    ImportStatus,
    Supplier,
)
from tests.accounts.factories import UserFactory
from tests.people.factories import PersonFactory


def _key(n: int) -> str:
    return hashlib.sha256(f"factory-row-{n}".encode()).hexdigest()


class ImportBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportBatch

    kind = ImportKind.PROCUREMENT
    file_name = factory.Sequence(lambda n: f"procurement-{n}.csv")
    sha256 = factory.Sequence(lambda n: _key(n))
    file_format = "csv"
    status = ImportStatus.IMPORTED
    uploaded_by = factory.SubFactory(UserFactory)


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supplier

    name = factory.Sequence(lambda n: f"Supplier {n} Ltd")
    normalised = factory.LazyAttribute(lambda o: normalise_org(o.name))
    company_number = ""
    batch = factory.SubFactory(ImportBatchFactory)
    row_key = factory.Sequence(lambda n: _key(1_000_000 + n))


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    kind = ContractKind.CONTRACT
    reference = factory.Sequence(lambda n: f"C-{n:05d}")
    title = "Vehicle maintenance"
    supplier = factory.SubFactory(SupplierFactory)
    awarded_on = dt.date(2026, 6, 1)
    value = Decimal("25000.00")
    batch = factory.SelfAttribute("supplier.batch")
    row_key = factory.Sequence(lambda n: _key(2_000_000 + n))


class TenderFactory(ContractFactory):
    kind = ContractKind.TENDER
    supplier = None
    batch = factory.SubFactory(ImportBatchFactory)


class BidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bid

    tender = factory.SubFactory(TenderFactory)
    supplier = factory.SubFactory(SupplierFactory)
    submitted_on = factory.LazyAttribute(lambda o: o.tender.awarded_on - dt.timedelta(days=14))
    batch = factory.SelfAttribute("tender.batch")
    row_key = factory.Sequence(lambda n: _key(3_000_000 + n))


class DiaryEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiaryEntry

    person = factory.SubFactory(PersonFactory, rank_or_grade="Chief Superintendent")
    date = dt.date(2026, 6, 1)
    organisation = "Acme Ltd"
    normalised = factory.LazyAttribute(lambda o: normalise_org(o.organisation))
    event_type = "Dinner"
    batch = factory.SubFactory(ImportBatchFactory, kind=ImportKind.DIARY)
    row_key = factory.Sequence(lambda n: _key(4_000_000 + n))


class ExpenseClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpenseClaim

    person = factory.SubFactory(PersonFactory)
    date = dt.date(2026, 6, 1)
    amount = Decimal("45.00")
    payee = "The Crown Inn"
    normalised = factory.LazyAttribute(lambda o: normalise_org(o.payee))
    purpose = "Working lunch"
    category = "Hospitality"
    batch = factory.SubFactory(ImportBatchFactory, kind=ImportKind.EXPENSES)
    row_key = factory.Sequence(lambda n: _key(5_000_000 + n))


class CrossCheckRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrossCheckRun

    check_name = "gift-donor-supplier"
    audience = Audience.PSD
    checked_on = dt.date(2026, 11, 30)
    status = "finished"


class FindingFactory(factory.django.DjangoModelFactory):
    """A finding as a run leaves it; pass ``people=[...]`` to say whom it is about."""

    class Meta:
        model = Finding
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"test-finding:{n}")
    check_name = factory.SelfAttribute("first_run.check_name")
    audience = factory.SelfAttribute("first_run.audience")
    summary = "Donor 'Acme Ltd' is the supplier of contract C-00001"
    details = factory.LazyFunction(dict)
    first_run = factory.SubFactory(CrossCheckRunFactory)
    last_run = factory.SelfAttribute("first_run")

    @factory.post_generation
    def people(self, create, extracted, **kwargs):
        if create and extracted:
            self.people.set(extracted)
