"""The HR import: ``people_import`` and ``manage.py import_people``.

Every malformed file below also holds good rows and an update to someone already in the
directory, so "nothing was written" proves the all-or-nothing rule rather than a file with
nothing good in it.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from standards.people.importing import COLUMNS
from standards.people.models import Person, RoleType, Sex, VettingLevel
from standards.people.services import IMPORT_LOCK_KEY, people_import
from tests.accounts.factories import UserFactory
from tests.people.factories import OrgUnitFactory, PersonFactory

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = ",".join(COLUMNS)
TODAY = dt.date(2025, 6, 2)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def org_units():
    return {code: OrgUnitFactory(code=code, name=code) for code in ("PSD", "NPT1", "HQ")}


def row(staff_number: str, **cells: str) -> str:
    """One CSV line: a serving constable in PSD unless ``cells`` say otherwise."""
    values = {
        "staff_number": staff_number,
        "first_name": "Alex",
        "last_name": f"Person{staff_number}",
        "role_type": "officer",
        "rank_or_grade": "Constable",
        "org_unit_code": "PSD",
        "vetting_level": "RV",
        "start_date": "2015-04-01",
        **cells,
    }
    return ",".join(values.get(column, "") for column in COLUMNS)


def extract(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def run(text: str, **kwargs):
    kwargs.setdefault("filename", "extract.csv")
    kwargs.setdefault("today", TODAY)
    return people_import(source=io.StringIO(text), **kwargs)


def messages(report) -> list[str]:
    return [str(error) for error in report.errors]


def directory_snapshot():
    """Everything an import could change: every person's fields and the history table."""
    return (
        list(Person.objects.order_by("staff_number").values()),
        Person.history.count(),
    )


def history_count() -> int:
    return Person.history.count()


# --- a good file ------------------------------------------------------------------------------


def test_good_file_creates_people_and_links_their_managers(org_units):
    existing = PersonFactory(staff_number="100001")
    source = (FIXTURES / "good_extract.csv").read_text(encoding="utf-8")

    report = run(source)

    assert report.ok, messages(report)
    assert (report.rows, report.created, report.updated, report.unchanged) == (6, 6, 0, 0)
    people = {p.staff_number: p for p in Person.objects.select_related("line_manager")}
    assert set(people) == {"100001", "200001", "200002", "200003", "200004", "200005", "200006"}
    # 200003's manager comes later in the file than 200003: still linked.
    assert people["200003"].line_manager == people["200002"]
    assert people["200002"].line_manager == people["200001"]
    assert people["200005"].line_manager == people["200001"]
    assert people["200001"].line_manager is None
    shah = people["200003"]
    assert (shah.first_name, shah.last_name, shah.collar_number) == ("Priya", "Shah", "4711")
    assert shah.role_type == RoleType.OFFICER
    assert shah.org_unit == org_units["NPT1"]
    assert shah.email == "priya.shah@example.police.uk"
    assert shah.vetting_level == VettingLevel.RV
    assert shah.vetting_expires == dt.date(2027, 3, 31)
    assert (shah.ethnicity, shah.sex) == ("A1", Sex.FEMALE)
    carter = people["200001"]
    assert carter.vetting_level == VettingLevel.MV  # from "Management vetting (MV)"
    assert carter.vetting_expires == dt.date(2027, 12, 31)  # from 31/12/2027
    assert carter.start_date == dt.date(2005, 4, 1)  # from 01/04/2005
    assert people["200004"].role_type == RoleType.PCSO
    assert people["200004"].sex == Sex.NOT_HELD
    assert people["200005"].role_type == RoleType.STAFF
    assert people["200006"].leave_date == dt.date(2024, 8, 31)
    assert people["100001"] == existing  # untouched: not a full extract

    # One history row per new person, made with the manager already set and the reason.
    for staff_number in ("200001", "200002", "200003", "200004", "200005", "200006"):
        (record,) = people[staff_number].history.all()
        assert record.history_type == "+"
        assert record.history_change_reason == "HR import extract.csv"
        assert record.line_manager_id == people[staff_number].line_manager_id


def test_a_manager_already_in_the_directory_is_linked():
    manager = PersonFactory(staff_number="100001")

    report = run(extract(row("200001", line_manager_staff_number="100001")))

    assert report.ok, messages(report)
    assert Person.objects.get(staff_number="200001").line_manager == manager


def test_reimporting_the_same_file_changes_nothing():
    source = (FIXTURES / "good_extract.csv").read_text(encoding="utf-8")
    assert run(source).ok
    before = directory_snapshot()

    with CaptureQueriesContext(connection) as queries:
        report = run(source)

    assert report.ok, messages(report)
    assert (report.created, report.updated, report.unchanged, report.marked_as_leavers) == (
        0,
        0,
        6,
        0,
    )
    assert directory_snapshot() == before
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    assert writes == []


def test_reimporting_a_full_extract_changes_nothing_the_second_time():
    PersonFactory(staff_number="100001")
    source = (FIXTURES / "good_extract.csv").read_text(encoding="utf-8")
    first = run(source, full_extract=True)
    assert first.marked_as_leavers == 1
    before = directory_snapshot()

    second = run(source, full_extract=True, today=TODAY + dt.timedelta(days=7))

    assert (second.unchanged, second.marked_as_leavers) == (6, 0)
    assert directory_snapshot() == before
    assert Person.objects.get(staff_number="100001").leave_date == TODAY


# --- updates ----------------------------------------------------------------------------------


def test_an_update_changes_only_that_person_and_records_why_and_who(org_units):
    importer = UserFactory(username="hr.importer")
    alice = PersonFactory(staff_number="100001", last_name="Old", org_unit=org_units["PSD"])
    bob = PersonFactory(staff_number="100002", last_name="Same", org_unit=org_units["PSD"])
    # A file without the optional columns email, vetting_expires, ...: those are left alone.
    text = _keep_columns(
        extract(
            row("100001", first_name=alice.first_name, last_name="New"),
            row("100002", first_name=bob.first_name, last_name="Same"),
        ),
        [
            *("staff_number", "first_name", "last_name", "role_type", "org_unit_code"),
            *("rank_or_grade", "vetting_level", "start_date"),
        ],
    )
    bob_history = list(bob.history.values_list("history_id", flat=True))

    report = run(text, acting_user=importer, filename="june.csv")

    assert report.ok, messages(report)
    assert (report.updated, report.unchanged, report.created) == (1, 1, 0)
    alice.refresh_from_db()
    assert alice.last_name == "New"
    assert alice.vetting_expires is not None
    latest = alice.history.first()
    assert latest.history_type == "~"
    assert latest.history_change_reason == "HR import june.csv"
    assert latest.history_user == importer
    assert latest.last_name == "New"
    assert alice.history.count() == 2
    assert list(bob.history.values_list("history_id", flat=True)) == bob_history
    bob.refresh_from_db()
    assert bob.last_name == "Same"


def _keep_columns(text: str, columns: list[str]) -> str:
    """The extract cut down to ``columns`` (cells must not hold commas)."""
    indexes = [COLUMNS.index(column) for column in columns]
    lines = [line.split(",") for line in text.strip("\n").split("\n")]
    return "\n".join(",".join(cells[i] for i in indexes) for cells in lines) + "\n"


def test_a_blank_cell_in_a_present_column_clears_the_field():
    person = PersonFactory(staff_number="100001", email="old@example.police.uk")

    report = run(extract(row("100001", first_name=person.first_name, email="")))

    assert report.ok, messages(report)
    person.refresh_from_db()
    assert person.email == ""


def test_a_manager_created_by_the_same_import_is_linked_to_an_existing_person():
    person = PersonFactory(staff_number="100001")

    report = run(
        extract(
            row("100001", first_name=person.first_name, line_manager_staff_number="200001"),
            row("200001"),
        )
    )

    assert report.ok, messages(report)
    person.refresh_from_db()
    assert person.line_manager.staff_number == "200001"
    assert person.history.first().line_manager_id == person.line_manager_id


# --- leavers ----------------------------------------------------------------------------------


def test_a_leave_date_marks_the_person_as_a_leaver():
    person = PersonFactory(staff_number="100001", first_name="Alex")

    report = run(extract(row("100001", last_name=person.last_name, leave_date="30/04/2025")))

    assert report.ok, messages(report)
    assert (report.updated, report.marked_as_leavers) == (1, 1)
    person.refresh_from_db()
    assert person.leave_date == dt.date(2025, 4, 30)
    assert person.has_left
    assert person.history.first().history_change_reason == "HR import extract.csv"


def test_a_full_extract_marks_absent_people_as_leavers_and_deletes_nobody(org_units):
    staying = PersonFactory(
        staff_number="100001", first_name="Alex", vetting_expires=None, org_unit=org_units["PSD"]
    )
    absent = PersonFactory(staff_number="100002")
    left_already = PersonFactory(staff_number="100003", leave_date=dt.date(2020, 1, 31))
    text = extract(row("100001", last_name=staying.last_name), row("200001"))

    report = run(text, full_extract=True, filename="full.csv")

    assert report.ok, messages(report)
    assert (report.created, report.unchanged, report.marked_as_leavers) == (1, 1, 1)
    assert report.absent_from_full_extract == ["100002"]
    assert Person.objects.count() == 4
    absent.refresh_from_db()
    assert absent.leave_date == TODAY
    record = absent.history.first()
    assert record.history_change_reason == (
        "HR import full.csv: not in the full extract, marked as a leaver"
    )
    assert record.leave_date == TODAY
    left_already.refresh_from_db()
    assert left_already.leave_date == dt.date(2020, 1, 31)  # not moved to the import date
    assert left_already.history.count() == 1
    staying.refresh_from_db()
    assert staying.leave_date is None


def test_without_full_extract_people_absent_from_the_file_are_left_alone():
    absent = PersonFactory(staff_number="100002")

    report = run(extract(row("200001")))

    assert report.ok
    absent.refresh_from_db()
    assert absent.leave_date is None
    assert absent.history.count() == 1


# --- malformed files change nothing and report every bad row ---------------------------------


@pytest.fixture
def existing():
    """Someone already in the directory, whom each malformed file also tries to update."""
    return PersonFactory(staff_number="100001", first_name="Original")


def _assert_nothing_written(before, report):
    assert not report.ok
    assert directory_snapshot() == before
    assert (report.created, report.updated, report.marked_as_leavers) == (0, 0, 0)


def test_a_missing_required_column_is_reported_once_by_name(existing):
    header = HEADER.replace(",org_unit_code", "")
    rows = [row("200001"), row("100001", first_name="Changed"), row("200002")]
    rows = [",".join(c for i, c in enumerate(r.split(",")) if i != 7) for r in rows]
    before = directory_snapshot()

    report = run(extract(*rows, header=header))

    _assert_nothing_written(before, report)
    assert messages(report) == [
        'line 1: the header has no "org_unit_code" column, which is required',
        "the columns are: " + ", ".join(COLUMNS),
    ]


def test_unknown_and_repeated_columns_are_reported(existing):
    header = HEADER.replace("leave_date", "leaving_date").replace("sex", "email")
    before = directory_snapshot()

    report = run(extract(row("100001", first_name="Changed"), header=header))

    _assert_nothing_written(before, report)
    assert 'line 1: the header has a column "leaving_date" this import does not know' in (
        messages(report)
    )
    assert 'line 1: the header has the column "email" more than once' in messages(report)


def test_headings_are_matched_ignoring_case_spaces_and_a_byte_order_mark():
    header = "\ufeff" + HEADER.replace("staff_number", "Staff Number").replace(
        "first_name", "FIRST-NAME"
    )
    header += ",,"  # trailing empty headings, as spreadsheets write

    report = run(extract(row("200001"), header=header))

    assert report.ok, messages(report)
    assert Person.objects.get(staff_number="200001").first_name == "Alex"


def test_a_duplicate_staff_number_is_reported_on_each_repeat(existing):
    before = directory_snapshot()

    report = run(
        extract(
            row("200001"),
            row("100001", first_name="Changed"),
            row("200001"),
            row("200002"),
            row("200001"),
        )
    )

    _assert_nothing_written(before, report)
    assert messages(report) == [
        "line 4: staff number 200001 appears more than once (also line 2)",
        "line 6: staff number 200001 appears more than once (also line 2)",
    ]


def test_an_unknown_org_unit_is_reported(existing):
    before = directory_snapshot()

    report = run(extract(row("200001"), row("100001", first_name="Changed", org_unit_code="XYZ")))

    _assert_nothing_written(before, report)
    assert messages(report) == ['line 3: org unit "XYZ" does not exist']


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("31/02/2020", 'start_date "31/02/2020" is not a real date'),
        ("2020-13-01", 'start_date "2020-13-01" is not a real date'),
        ("2020/01/31", 'start_date "2020/01/31" is not a date (use YYYY-MM-DD or DD/MM/YYYY)'),
        ("1st May 2020", 'start_date "1st May 2020" is not a date (use YYYY-MM-DD or DD/MM/YYYY)'),
    ],
)
def test_a_bad_date_is_reported(existing, cell, message):
    before = directory_snapshot()

    report = run(extract(row("100001", first_name="Changed"), row("200001", start_date=cell)))

    _assert_nothing_written(before, report)
    assert messages(report) == [f"line 3: {message}"]


def test_a_leave_date_before_the_start_date_is_reported(existing):
    before = directory_snapshot()

    report = run(extract(row("100001", start_date="2015-04-01", leave_date="2014-01-01")))

    _assert_nothing_written(before, report)
    assert messages(report) == ["line 2: leave_date 2014-01-01 is before start_date 2015-04-01"]


def test_a_line_manager_who_is_nowhere_is_reported(existing):
    before = directory_snapshot()

    report = run(
        extract(
            row("100001", first_name="Changed"), row("200001", line_manager_staff_number="100999")
        )
    )

    _assert_nothing_written(before, report)
    assert messages(report) == ["line 3: line manager 100999 is not in the file or the directory"]


def test_line_manager_loops_are_reported_for_everyone_in_them(existing):
    before = directory_snapshot()

    report = run(
        extract(
            row("100001", first_name="Changed"),
            row("200001", line_manager_staff_number="200002"),
            row("200002", line_manager_staff_number="200001"),
            row("200003", line_manager_staff_number="200003"),
            row("200004", line_manager_staff_number="200005"),
            row("200005", line_manager_staff_number="200006"),
            row("200006", line_manager_staff_number="200004"),
            row("200007", line_manager_staff_number="200004"),  # reports into a loop: not in it
        )
    )

    _assert_nothing_written(before, report)
    assert messages(report) == [
        "line 3: line manager chain loops: 200001 -> 200002 -> 200001",
        "line 4: line manager chain loops: 200002 -> 200001 -> 200002",
        "line 5: line manager chain loops: 200003 -> 200003 (they are their own line manager)",
        "line 6: line manager chain loops: 200004 -> 200005 -> 200006 -> 200004",
        "line 7: line manager chain loops: 200005 -> 200006 -> 200004 -> 200005",
        "line 8: line manager chain loops: 200006 -> 200004 -> 200005 -> 200006",
    ]


def test_a_loop_through_someone_only_in_the_directory_is_found(existing):
    PersonFactory(staff_number="100002", line_manager=existing)
    before = directory_snapshot()

    # The file makes 100001 report to 100002, who (in the directory) reports to 100001.
    report = run(extract(row("100001", line_manager_staff_number="100002")))

    _assert_nothing_written(before, report)
    assert messages(report) == ["line 2: line manager chain loops: 100001 -> 100002 -> 100001"]


def test_the_file_overrides_the_directory_when_looking_for_loops(existing):
    deputy = PersonFactory(staff_number="100002", line_manager=existing)

    # 100001 now reports to 100002, who in the same file no longer reports to anyone.
    report = run(
        extract(
            row("100001", first_name=existing.first_name, line_manager_staff_number="100002"),
            row("100002", first_name=deputy.first_name, line_manager_staff_number=""),
        )
    )

    assert report.ok, messages(report)
    existing.refresh_from_db()
    deputy.refresh_from_db()
    assert (existing.line_manager, deputy.line_manager) == (deputy, None)


def test_several_errors_in_one_file_are_all_reported_in_line_order():
    PersonFactory(staff_number="300100", first_name="Original")
    before = directory_snapshot()
    source = (FIXTURES / "malformed_extract.csv").read_text(encoding="utf-8")

    report = run(source)

    _assert_nothing_written(before, report)
    assert messages(report) == [
        'line 4: org unit "XYZ" does not exist',
        "line 5: staff number 300002 appears more than once (also line 3)",
        'line 6: start_date "31/02/2020" is not a real date',
        "line 7: line manager 399999 is not in the file or the directory",
        "line 8: line manager chain loops: 300006 -> 300007 -> 300006",
        "line 9: line manager chain loops: 300007 -> 300006 -> 300007",
        "line 10: line manager chain loops: 300008 -> 300008 (they are their own line manager)",
        'line 11: role_type "sergeant" is not a role type '
        "(officer, staff, pcso, special, partnership or volunteer)",
        'line 11: email "not-an-email" is not an e-mail address',
        'line 11: sex "X" is not F, M or blank',
    ]
    assert Person.objects.get(staff_number="300100").first_name == "Original"


def test_blank_required_cells_and_a_short_row_are_reported(existing):
    before = directory_snapshot()

    report = run(
        extract(
            row("100001", first_name="Changed"),
            row("", first_name=""),
            row("200001", last_name="", role_type=""),
            "200002,Short,Row",
            row("200003") + ",,,",  # trailing empty cells are harmless
        )
    )

    _assert_nothing_written(before, report)
    assert messages(report) == [
        "line 3: staff_number is blank",
        "line 3: first_name is blank",
        "line 4: last_name is blank",
        "line 4: role_type is blank",
        f"line 5: has 3 values but the header has {len(COLUMNS)} columns",
    ]


def test_an_oversize_cell_is_reported_without_echoing_it(existing):
    before = directory_snapshot()

    report = run(extract(row("100001", first_name="Changed"), row("200001", last_name="x" * 101)))

    _assert_nothing_written(before, report)
    assert messages(report) == ["line 3: last_name is 101 characters long; at most 100 are allowed"]


def test_a_cell_too_big_for_the_csv_reader_stops_the_import(existing):
    before = directory_snapshot()

    report = run(
        extract(row("100001", first_name="Changed"), row("200001", job_title="x" * 200_000))
    )

    _assert_nothing_written(before, report)
    (error,) = report.errors
    assert error.line == 3
    assert "cannot be read as CSV" in error.message
    assert "field limit" in error.message


def test_a_file_that_is_not_utf8_is_rejected(existing):
    before = directory_snapshot()
    data = extract(row("100001", first_name="Siobhán")).encode("cp1252")

    report = people_import(
        source=io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""),
        filename="latin.csv",
    )

    _assert_nothing_written(before, report)
    assert messages(report) == [
        'the file is not UTF-8 text; save it as "CSV UTF-8" (in Excel: File, Save As, CSV UTF-8) '
        "and import it again"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("\n\n", "the file is empty"),
        (HEADER + "\n", "the file has a header but no rows of people"),
    ],
)
def test_an_empty_file_is_rejected(existing, text, message):
    before = directory_snapshot()

    report = run(text, full_extract=True)  # would otherwise mark everyone as a leaver

    _assert_nothing_written(before, report)
    assert messages(report) == [message]


def test_a_second_import_at_the_same_time_is_turned_away(existing):
    settings = connection.settings_dict
    other = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    )
    try:
        other.execute("SELECT pg_advisory_lock(%s)", [IMPORT_LOCK_KEY])
        before = directory_snapshot()

        report = run(extract(row("100001", first_name="Changed")))

        _assert_nothing_written(before, report)
        assert messages(report) == ["another HR import is running; try again when it has finished"]
    finally:
        other.close()


# --- the values each column accepts -----------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "field", "expected"),
    [
        ({"role_type": "officer"}, "role_type", RoleType.OFFICER),
        ({"role_type": "Police officer"}, "role_type", RoleType.OFFICER),
        ({"role_type": "PCSO"}, "role_type", RoleType.PCSO),
        ({"role_type": "police community support officer"}, "role_type", RoleType.PCSO),
        ({"role_type": "Special Constable"}, "role_type", RoleType.SPECIAL),
        ({"role_type": "partnership or contractor staff"}, "role_type", RoleType.PARTNERSHIP),
        ({"role_type": "Volunteer"}, "role_type", RoleType.VOLUNTEER),
        ({"vetting_level": "nppv3"}, "vetting_level", VettingLevel.NPPV3),
        ({"vetting_level": "Developed vetting"}, "vetting_level", VettingLevel.DV),
        ({"vetting_level": ""}, "vetting_level", VettingLevel.NONE),
        ({"vetting_level": "not vetted"}, "vetting_level", VettingLevel.NONE),
        ({"sex": "f"}, "sex", Sex.FEMALE),
        ({"sex": "M"}, "sex", Sex.MALE),
        ({"sex": ""}, "sex", Sex.NOT_HELD),
        ({"start_date": "2019-09-02"}, "start_date", dt.date(2019, 9, 2)),
        ({"start_date": "2/9/2019"}, "start_date", dt.date(2019, 9, 2)),
        ({"vetting_expires": ""}, "vetting_expires", None),
        ({"first_name": "  Siân  "}, "first_name", "Siân"),
    ],
)
def test_column_values_are_understood(cells, field, expected):
    report = run(extract(row("200001", **cells)))

    assert report.ok, messages(report)
    assert getattr(Person.objects.get(staff_number="200001"), field) == expected


def test_quoted_cells_may_hold_commas_and_line_breaks():
    text = extract(
        row("200001", job_title='"Head of Standards, Ethics\nand Integrity"'), row("200002")
    )

    report = run(text)

    assert report.ok, messages(report)
    assert Person.objects.get(staff_number="200001").job_title == (
        "Head of Standards, Ethics\nand Integrity"
    )


def test_line_numbers_count_the_lines_a_quoted_cell_spans():
    text = extract(row("200001", job_title='"two\nlines"'), row("200002", org_unit_code="XYZ"))

    report = run(text)

    assert messages(report) == ['line 4: org unit "XYZ" does not exist']


# --- performance ------------------------------------------------------------------------------


def _force_extract(size: int, *, surname: str = "Officer") -> str:
    """A chief, ten inspectors and constables under them, constables first so that every
    manager is created by the same import after the people who report to them."""
    constables = [
        row(
            f"{400100 + i}",
            last_name=f"{surname}{i}",
            line_manager_staff_number=f"{400010 + i % 10}",
        )
        for i in range(size - 11)
    ]
    inspectors = [
        row(f"{400010 + i}", rank_or_grade="Inspector", line_manager_staff_number="400001")
        for i in range(10)
    ]
    return extract(*constables, *inspectors, row("400001", rank_or_grade="Chief Superintendent"))


def test_a_300_row_import_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    PersonFactory.create_batch(20)  # a directory to load as well

    # savepoint, lock, org units, directory, then insert + history insert for each of the three
    # levels of the hierarchy, release: not a query per row.
    with django_assert_max_num_queries(11):
        report = run(_force_extract(300))

    assert report.ok, messages(report)
    assert report.created == 300
    assert history_count() == 320
    constable = Person.objects.select_related("line_manager__line_manager").get(
        staff_number="400100"
    )
    assert constable.line_manager.line_manager.staff_number == "400001"


def test_a_300_row_update_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    assert run(_force_extract(300)).ok

    # savepoint, lock, org units, directory, one bulk update and its history insert, release.
    with django_assert_max_num_queries(7):
        report = run(_force_extract(300, surname="Renamed"), full_extract=True)

    assert report.ok, messages(report)
    assert (report.updated, report.unchanged) == (289, 11)
    assert history_count() == 300 + 289


# --- the management command -------------------------------------------------------------------


def test_the_command_imports_a_file_and_prints_the_counts(tmp_path):
    importer = UserFactory(username="hr.importer")
    stdout = io.StringIO()

    call_command(
        "import_people", str(FIXTURES / "good_extract.csv"), "--user", "hr.importer", stdout=stdout
    )

    assert stdout.getvalue().strip() == (
        "good_extract.csv: 6 rows; 6 created, 0 updated, 0 unchanged, 0 marked as leavers"
    )
    record = Person.objects.get(staff_number="200001").history.get()
    assert (record.history_user, record.history_change_reason) == (
        importer,
        "HR import good_extract.csv",
    )


def test_the_command_full_extract_lists_who_it_marked_as_leavers(tmp_path):
    PersonFactory(staff_number="100001")
    stdout = io.StringIO()

    call_command(
        "import_people", str(FIXTURES / "good_extract.csv"), "--full-extract", stdout=stdout
    )

    assert stdout.getvalue().splitlines() == [
        "good_extract.csv: 6 rows; 6 created, 0 updated, 0 unchanged, 1 marked as leavers",
        "Not in the full extract, marked as leavers: 100001",
    ]
    assert Person.objects.get(staff_number="100001").leave_date is not None


def test_the_command_reports_every_problem_and_fails():
    PersonFactory(staff_number="300100", first_name="Original")
    before = directory_snapshot()
    stderr = io.StringIO()

    with pytest.raises(CommandError, match=r"^malformed_extract.csv: 10 problems; nothing was"):
        call_command("import_people", str(FIXTURES / "malformed_extract.csv"), stderr=stderr)

    assert directory_snapshot() == before
    lines = stderr.getvalue().splitlines()
    assert len(lines) == 10
    assert lines[0] == 'line 4: org unit "XYZ" does not exist'
    assert "line 10: line manager chain loops: 300008 -> 300008" in lines[6]


def test_the_command_accepts_excel_csv_utf8_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(extract(row("200001", first_name="Siân")).encode("utf-8-sig"))

    call_command("import_people", str(path), stdout=io.StringIO())

    assert Person.objects.get(staff_number="200001").first_name == "Siân"


def test_the_command_rejects_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(extract(row("200001", first_name="Siân")).encode("cp1252"))
    stderr = io.StringIO()

    with pytest.raises(CommandError, match="1 problem; nothing was imported"):
        call_command("import_people", str(path), stderr=stderr)

    assert "not UTF-8" in stderr.getvalue()
    assert not Person.objects.filter(staff_number="200001").exists()


def test_the_command_rejects_an_unknown_user_and_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match='there is no user "nobody"'):
        call_command("import_people", str(FIXTURES / "good_extract.csv"), "--user", "nobody")
    with pytest.raises(CommandError, match=r"cannot read .*missing\.csv"):
        call_command("import_people", str(tmp_path / "missing.csv"))
    assert not Person.objects.exists()


def test_the_command_help_documents_the_columns():
    from standards.people.management.commands.import_people import Command

    for column in COLUMNS:
        assert column in Command.help
