"""Imports for the cross-checks: files read by content, columns mapped by similarity, every
kind of bad value reported row by row, all or nothing, and a second import of the same file (or
a re-saved copy) writes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import tablib
from django.core.exceptions import ValidationError

from registers.crosschecks.imports.fields import suggest_mapping
from registers.crosschecks.models import (
    Bid,
    Contract,
    DiaryEntry,
    ExpenseClaim,
    ImportBatch,
    ImportStatus,
    Supplier,
)
from registers.crosschecks.services import imports
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

PROCUREMENT_HEADINGS = [
    "Record type", "Reference", "Title", "Supplier", "Company number", "Date", "End date", "Value",
]  # fmt: skip
PROCUREMENT_ROWS = [
    ["contract", "C-001", "Fleet servicing", "Northline Fleet Services Ltd", "01234567",
     "01/04/2025", "31/03/2027", "£120,000"],
    ["tender", "T-007", "Body armour", "", "", "2025-05-30", "", ""],
    ["bid", "T-007", "", "Tayside Body Armour Ltd", "SC123456", "2025-05-20", "", "98000.5"],
    ["bid", "T-007", "", "Kestrel IT Solutions", "", "2025-05-21", "", "99000"],
]  # fmt: skip


@pytest.fixture(autouse=True)
def _import_root(settings, tmp_path):
    settings.CROSSCHECK_IMPORT_ROOT = tmp_path / "imports"


@pytest.fixture
def psd_user(db):
    return UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])


def csv_bytes(headings, rows) -> bytes:
    return tablib.Dataset(*rows, headers=headings).export("csv").encode()


def xlsx_bytes(headings, rows) -> bytes:
    return tablib.Dataset(*rows, headers=headings).export("xlsx")


def upload_and_check(kind, data, user, mapping=None) -> ImportBatch:
    batch = imports.import_upload(kind=kind, data=data, file_name="f.csv", acting_user=user)
    return imports.import_map(batch=batch, mapping=mapping or batch.mapping, acting_user=user)


def lines(batch) -> list[str]:
    return [imports.error_line(error) for error in batch.errors]


def written() -> tuple[int, ...]:
    return (
        Supplier.objects.count(),
        Contract.objects.count(),
        Bid.objects.count(),
        DiaryEntry.objects.count(),
        ExpenseClaim.objects.count(),
    )


# --- reading by content ---------------------------------------------------------------------------


@pytest.mark.parametrize("make", [csv_bytes, xlsx_bytes])
def test_procurement_file_imports_suppliers_contracts_tenders_and_bids(
    make, psd_user, django_capture_on_commit_callbacks
):
    batch = upload_and_check("procurement", make(PROCUREMENT_HEADINGS, PROCUREMENT_ROWS), psd_user)

    assert batch.status == ImportStatus.PREVIEWED
    assert (batch.rows_total, batch.rows_new, batch.rows_already_held) == (4, 4, 0)
    with django_capture_on_commit_callbacks(execute=True):
        imports.import_start(batch=batch, acting_user=psd_user)

    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED
    assert batch.rows_done == 4
    contract = Contract.objects.get(reference="C-001")
    assert contract.kind == "contract"
    assert contract.value == Decimal("120000.00")
    assert contract.awarded_on == dt.date(2025, 4, 1)
    assert contract.ends_on == dt.date(2027, 3, 31)
    assert contract.supplier.company_number == "01234567"
    assert contract.supplier.normalised == "northline fleet services"
    tender = Contract.objects.get(reference="T-007")
    assert tender.kind == "tender"
    assert tender.supplier is None
    bids = {bid.supplier.name: bid for bid in Bid.objects.filter(tender=tender)}
    assert set(bids) == {"Tayside Body Armour Ltd", "Kestrel IT Solutions"}
    assert bids["Tayside Body Armour Ltd"].value == Decimal("98000.50")
    assert bids["Tayside Body Armour Ltd"].supplier.company_number == "SC123456"
    # The stored file is discarded once imported.
    assert not list((imports.reading._root()).iterdir())


def test_a_bid_finds_a_tender_imported_from_an_earlier_file(psd_user):
    first = upload_and_check(
        "procurement", csv_bytes(PROCUREMENT_HEADINGS, PROCUREMENT_ROWS[1:2]), psd_user
    )
    imports.import_start(batch=first, acting_user=psd_user)
    later = upload_and_check(
        "procurement", csv_bytes(PROCUREMENT_HEADINGS, PROCUREMENT_ROWS[2:3]), psd_user
    )
    imports.import_start(batch=later, acting_user=psd_user)

    assert Bid.objects.get().tender.reference == "T-007"


def test_diary_and_expenses_match_people_by_staff_number(psd_user):
    officer = PersonFactory(staff_number="200123")
    diary = upload_and_check(
        "diary",
        xlsx_bytes(
            ["Staff no", "Event date", "Organisation", "Event type"],
            [[200123, dt.datetime(2025, 6, 3), "Kestrel IT Solutions", "Dinner"]],
        ),
        psd_user,
    )
    imports.import_start(batch=diary, acting_user=psd_user)
    expenses = upload_and_check(
        "expenses",
        csv_bytes(
            ["Staff number", "Claim date", "Amount", "Payee", "Purpose", "Category"],
            [
                [
                    "200123",
                    "04/06/2025",
                    "42.50",
                    "The Grand Hotel",
                    "Dinner with Kestrel",
                    "Hospitality",
                ]
            ],
        ),
        psd_user,
    )
    imports.import_start(batch=expenses, acting_user=psd_user)

    entry = DiaryEntry.objects.get()
    assert (entry.person, entry.date, entry.normalised) == (
        officer,
        dt.date(2025, 6, 3),
        "kestrel it solutions",
    )
    claim = ExpenseClaim.objects.get()
    assert (claim.person, claim.amount, claim.category) == (
        officer,
        Decimal("42.50"),
        "Hospitality",
    )
    assert claim.normalised == "the grand hotel"


def test_a_png_named_csv_is_refused_by_its_content(psd_user):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

    with pytest.raises(ValidationError) as refused:
        imports.import_upload(kind="diary", data=png, file_name="diary.csv", acting_user=psd_user)

    assert refused.value.message_dict["file"] == ["The selected file must be a CSV or XLSX file"]
    assert ImportBatch.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The selected file is empty"),
        (b"PK\x03\x04not really a zip", "The selected file must be a CSV or XLSX file"),
        (b"Staff number,Date\n", "The selected file has no rows under its headings"),
    ],
)
def test_files_that_cannot_be_read_are_refused(data, message, psd_user):
    with pytest.raises(ValidationError) as refused:
        imports.import_upload(kind="diary", data=data, file_name="x.csv", acting_user=psd_user)

    assert refused.value.message_dict["file"] == [message]


def test_a_file_over_the_size_limit_is_refused(psd_user, monkeypatch):
    monkeypatch.setattr(imports.reading, "MAX_BYTES", 100)

    with pytest.raises(ValidationError) as refused:
        imports.import_upload(
            kind="diary", data=b"a,b\n" * 50, file_name="x.csv", acting_user=psd_user
        )

    assert refused.value.message_dict["file"] == ["The selected file must be smaller than 20 MB"]


def test_the_upload_is_kept_outside_the_web_root_under_a_random_name(psd_user, settings):
    batch = imports.import_upload(
        kind="procurement", data=csv_bytes(PROCUREMENT_HEADINGS, PROCUREMENT_ROWS),
        file_name="../../etc/passwd.csv", acting_user=psd_user,
    )  # fmt: skip

    assert (settings.CROSSCHECK_IMPORT_ROOT / batch.stored_name).exists()
    assert "passwd" not in batch.stored_name
    assert not str(settings.CROSSCHECK_IMPORT_ROOT).startswith(str(settings.STATIC_ROOT))
    assert batch.file_format == "csv"


# --- mapping --------------------------------------------------------------------------------------


def test_headings_are_mapped_to_fields_by_similarity():
    mapping = suggest_mapping(
        "expenses",
        ["Claimant", "Date incurred", "Amount (GBP)", "Merchant", "Business purpose", "Notes"],
    )

    assert mapping == {
        "staff_number": 0, "date": 1, "amount": 2, "payee": 3, "purpose": 4, "category": None,
    }  # fmt: skip


def test_procurement_headings_with_other_names_are_suggested():
    mapping = suggest_mapping(
        "procurement",
        [
            "Type",
            "Contract Ref",
            "Description",
            "Vendor Name",
            "Company Reg No",
            "Award date",
            "Value",
        ],
    )

    assert mapping["record_type"] == 0
    assert mapping["reference"] == 1
    assert mapping["title"] == 2
    assert mapping["supplier_name"] == 3
    assert mapping["company_number"] == 4
    assert mapping["date"] == 5
    assert mapping["end_date"] is None
    assert mapping["value"] == 6


def test_a_required_field_left_unmapped_or_a_column_chosen_twice_is_refused(psd_user):
    batch = imports.import_upload(
        kind="procurement", data=csv_bytes(PROCUREMENT_HEADINGS, PROCUREMENT_ROWS),
        file_name="p.csv", acting_user=psd_user,
    )  # fmt: skip
    mapping = dict(batch.mapping, reference=None, title=batch.mapping["supplier_name"])

    with pytest.raises(ValidationError) as refused:
        imports.import_map(batch=batch, mapping=mapping, acting_user=psd_user)

    assert refused.value.message_dict == {
        "reference": ["Select the column that holds the reference"],
        "supplier_name": ["The column 'Supplier' is already chosen for the title"],
    }


def test_the_corrected_mapping_is_what_is_imported(psd_user):
    PersonFactory(staff_number="300001")
    batch = imports.import_upload(
        kind="diary",
        data=csv_bytes(
            ["Officer", "When", "Org", "Kind"], [["300001", "2025-01-02", "Acme Ltd", "Lunch"]]
        ),
        file_name="d.csv",
        acting_user=psd_user,
    )
    assert batch.mapping["date"] is None  # "When" is too unlike any name for the date

    batch = imports.import_map(
        batch=batch,
        mapping={"staff_number": 0, "date": 1, "organisation": 2, "event_type": 3},
        acting_user=psd_user,
    )
    imports.import_start(batch=batch, acting_user=psd_user)

    assert DiaryEntry.objects.get().organisation == "Acme Ltd"


# --- errors, row by row ---------------------------------------------------------------------


def test_every_kind_of_bad_value_is_reported_by_row_and_field(psd_user):
    PersonFactory(staff_number="400001")
    batch = upload_and_check(
        "expenses",
        csv_bytes(
            ["Staff number", "Date", "Amount", "Payee", "Purpose"],
            [
                ["400001", "2025-01-02", "12.00", "Taxi firm", "Taxi"],
                ["400001", "2025-01-02", "twelve", "Taxi firm", "Taxi"],
                ["400001", "31/02/2025", "12", "Taxi firm", "Taxi"],
                ["400001", "2025-01-02", "-5", "Taxi firm", "Taxi"],
                ["999999", "2025-01-02", "5", "Taxi firm", "Taxi"],
                ["400001", "2025-01-02", "5", "", "Taxi"],
                ["400001", "2025-01-02", "5", "x" * 301, "Taxi"],
            ],
        ),
        psd_user,
    )

    assert batch.status == ImportStatus.FAILED
    assert lines(batch) == [
        "Row 3, amount: 'twelve' is not a number",
        "Row 4, date: '31/02/2025' is not a date (write it as 27/03/2025 or 2025-03-27)",
        "Row 5, amount: '-5' must not be negative",
        "Row 6, staff number: '999999' is not a staff number in the directory",
        "Row 7, payee: is missing",
        "Row 8, payee: is longer than 300 characters",
    ]
    assert (batch.rows_new, batch.rows_total) == (1, 7)


def test_procurement_errors_name_the_record_type_company_number_and_unknown_tender(psd_user):
    batch = upload_and_check(
        "procurement",
        csv_bytes(
            PROCUREMENT_HEADINGS,
            [
                ["lease", "L-1", "Van lease", "Vans Ltd", "", "2025-01-01", "", ""],
                ["contract", "C-2", "Vans", "Vans Ltd", "ABC", "2025-01-01", "", ""],
                ["bid", "T-404", "", "Vans Ltd", "", "2025-01-01", "", ""],
                ["contract", "C-3", "Vans", "", "", "2025-01-01", "", ""],
            ],
        ),
        psd_user,
    )

    assert lines(batch) == [
        "Row 2, record type: 'lease' must be contract, tender or bid",
        "Row 3, company number: 'ABC' is not a Companies House number (8 characters, as "
        "01234567 or SC123456)",
        "Row 4, reference: no tender 'T-404' in this file or already held",
        "Row 5, supplier name: is missing",
    ]


def test_the_error_report_downloads_as_csv(psd_user):
    batch = upload_and_check(
        "expenses",
        csv_bytes(
            ["Staff number", "Date", "Amount", "Payee", "Purpose"], [["1", "x", "1", "p", "q"]]
        ),
        psd_user,
    )

    report = imports.errors_csv(batch).splitlines()

    assert report[0] == "Row,Field,Problem"
    assert "2,staff number,'1' is not a staff number in the directory" in report
    assert any(line.startswith("2,date,") for line in report)


# --- all or nothing; nothing twice ---------------------------------------------------------------


def test_one_bad_row_and_nothing_is_written(psd_user):
    rows = [
        *PROCUREMENT_ROWS,
        ["contract", "C-009", "Catering", "Canteen Co Ltd", "", "soon", "", ""],
    ]
    batch = upload_and_check("procurement", csv_bytes(PROCUREMENT_HEADINGS, rows), psd_user)

    with pytest.raises(ValidationError):
        imports.import_start(batch=batch, acting_user=psd_user)

    assert written() == (0, 0, 0, 0, 0)
    assert lines(batch) == [
        "Row 6, date: 'soon' is not a date (write it as 27/03/2025 or 2025-03-27)"
    ]


def test_a_row_that_becomes_bad_after_the_preview_stops_the_whole_import(psd_user):
    officer = PersonFactory(staff_number="500001")
    PersonFactory(staff_number="500002")
    batch = upload_and_check(
        "diary",
        csv_bytes(
            ["Staff number", "Date", "Organisation", "Event type"],
            [
                ["500002", "2025-01-01", "Acme Ltd", "Lunch"],
                ["500001", "2025-01-02", "Acme Ltd", "Lunch"],
            ],
        ),
        psd_user,
    )
    assert batch.status == ImportStatus.PREVIEWED
    officer.staff_number = "500009"  # the directory changed in between
    officer.save()

    imports.import_start(batch=batch, acting_user=psd_user)

    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert lines(batch) == ["Row 3, staff number: '500001' is not a staff number in the directory"]
    assert DiaryEntry.objects.count() == 0


def test_importing_the_same_file_again_writes_nothing(psd_user):
    data = csv_bytes(PROCUREMENT_HEADINGS, PROCUREMENT_ROWS)
    imports.import_start(
        batch=upload_and_check("procurement", data, psd_user), acting_user=psd_user
    )
    before = written()

    again = upload_and_check("procurement", data, psd_user)

    assert (again.rows_new, again.rows_already_held) == (0, 4)
    with pytest.raises(ValidationError, match="already held"):
        imports.import_start(batch=again, acting_user=psd_user)
    assert written() == before


def test_a_resaved_copy_with_reformatted_values_is_recognised(psd_user):
    imports.import_start(
        batch=upload_and_check(
            "procurement", csv_bytes(PROCUREMENT_HEADINGS, PROCUREMENT_ROWS), psd_user
        ),
        acting_user=psd_user,
    )
    before = written()
    # Excel's re-save: real dates, numbers without the pound sign, the company number without
    # its leading zero, another case and stray spaces, and a new row at the end.
    resaved = [
        ["Contract", "c-001", "FLEET SERVICING ", "Northline Fleet Services Limited", 1234567,
         dt.date(2025, 4, 1), dt.date(2027, 3, 31), 120000],
        ["TENDER", "T-007", "Body Armour", None, None, dt.date(2025, 5, 30), None, None],
        ["bid", "t-007", None, "Tayside Body Armour Ltd", "SC123456", dt.date(2025, 5, 20), None,
         98000.50],
        ["bid", "T-007", None, "Kestrel IT Solutions", None, dt.date(2025, 5, 21), None, 99000],
        ["contract", "C-010", "Radios", "Kestrel IT Solutions", None, dt.date(2025, 7, 1), None,
         5000],
    ]  # fmt: skip
    batch = upload_and_check("procurement", xlsx_bytes(PROCUREMENT_HEADINGS, resaved), psd_user)

    assert (batch.rows_new, batch.rows_already_held, batch.errors) == (1, 4, [])
    imports.import_start(batch=batch, acting_user=psd_user)
    # One new contract, for a supplier already held: no new supplier.
    assert written() == (before[0], before[1] + 1, before[2], 0, 0)


def test_an_imported_batch_cannot_be_imported_or_remapped_again(psd_user):
    batch = upload_and_check(
        "procurement", csv_bytes(PROCUREMENT_HEADINGS, PROCUREMENT_ROWS), psd_user
    )
    imports.import_start(batch=batch, acting_user=psd_user)

    with pytest.raises(ValidationError):
        imports.import_start(batch=batch, acting_user=psd_user)
    with pytest.raises(ValidationError):
        imports.import_map(batch=batch, mapping=batch.mapping, acting_user=psd_user)


def test_a_large_file_is_queued_for_the_background_importer(
    psd_user, settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.CROSSCHECK_IMPORT_INLINE_ROWS = 2
    queued = []
    from registers.crosschecks.imports import tasks

    monkeypatch.setattr(tasks.import_batch, "delay", lambda *args: queued.append(args))
    batch = upload_and_check(
        "procurement", csv_bytes(PROCUREMENT_HEADINGS, PROCUREMENT_ROWS), psd_user
    )

    with django_capture_on_commit_callbacks(execute=True):
        imports.import_start(batch=batch, acting_user=psd_user)

    assert batch.status == ImportStatus.QUEUED
    assert queued == [(batch.pk,)]
    assert written() == (0, 0, 0, 0, 0)
    # The importer's work, run twice: the second finds it done and writes nothing.
    assert imports.import_batch_run(batch_id=batch.pk) is True
    assert imports.import_batch_run(batch_id=batch.pk) is False
    batch.refresh_from_db()
    assert (batch.status, batch.rows_done, Contract.objects.count()) == (
        ImportStatus.IMPORTED,
        4,
        2,
    )


def test_a_new_bid_in_a_resaved_file_joins_the_tender_already_held(psd_user):
    data = csv_bytes(PROCUREMENT_HEADINGS, PROCUREMENT_ROWS)
    imports.import_start(
        batch=upload_and_check("procurement", data, psd_user), acting_user=psd_user
    )
    extra = ["bid", "T-007", "", "Brackley Office Supplies Ltd", "", "2025-05-22", "", "97000"]

    batch = upload_and_check(
        "procurement", csv_bytes(PROCUREMENT_HEADINGS, [*PROCUREMENT_ROWS, extra]), psd_user
    )
    imports.import_start(batch=batch, acting_user=psd_user)

    assert (batch.rows_new, batch.rows_already_held) == (1, 4)
    tender = Contract.objects.get(reference="T-007")
    assert Contract.objects.filter(reference="T-007").count() == 1
    assert tender.bids.count() == 3
