"""Changes to the staff directory. The directory is HR's: it changes only through an import of
an HR extract (see :mod:`standards.people.importing` for the file's format)."""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field
from typing import TextIO

from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from standards.core.extensions import people_changed_role_or_unit
from standards.people.importing import (
    Extract,
    PersonRow,
    RowError,
    check_against_directory,
    read_extract,
)
from standards.people.models import OrgUnit, Person

__all__ = ["ImportReport", "RowError", "people_import"]

# One HR import at a time: two running together would each check the file against a directory
# the other is changing. A transaction-level advisory lock is released on commit or rollback.
IMPORT_LOCK_KEY = zlib.crc32(b"standards.people.people_import")
BATCH_SIZE = 500
# A change to any of these is a change of role or unit: the member's approved business interests
# were approved for the old job and are due for review now (Police Regulations 2003, reg 9).
ROLE_OR_UNIT_FIELDS = frozenset({"org_unit_id", "rank_or_grade", "role_type"})


@dataclass
class ImportReport:
    """What an import did, or, when ``errors`` is not empty, why it did nothing at all."""

    filename: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # People who had no leave date and now have one: from a leave_date in their row, or for
    # being absent from a full extract (those are also in ``absent_from_full_extract``).
    marked_as_leavers: int = 0
    absent_from_full_extract: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return (
            f"{self.filename}: {self.rows} rows; {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.marked_as_leavers} marked as leavers"
        )


def people_import(
    *,
    source: TextIO,
    filename: str,
    acting_user=None,
    full_extract: bool = False,
    today: dt.date | None = None,
) -> ImportReport:
    """Bring the directory into line with an HR extract, keyed on staff number.

    All or nothing: every row is checked first and, if any has a problem, nothing is written and
    the report lists every problem with its line. Only people whose fields change are saved, so
    importing the same file again writes nothing, not even history. Nobody is ever deleted: a
    leaver gets a leave date, and with ``full_extract`` so does everyone in the directory who is
    not in the file (dated ``today``).
    """
    today = today or timezone.localdate()
    report = ImportReport(filename=filename)
    extract = read_extract(source)
    report.rows = len(extract.rows)
    if extract.unreadable:
        report.errors = sorted(extract.errors, key=_line_order)
        return report

    with transaction.atomic():
        if not _take_import_lock():
            report.errors = [
                RowError(None, "another HR import is running; try again when it has finished")
            ]
            return report
        org_unit_ids = dict(
            OrgUnit.objects.filter(
                code__in={r.org_unit_code for r in extract.rows if r.org_unit_code}
            ).values_list("code", "pk")
        )
        # The whole directory in one query: the loop check follows managers beyond the file,
        # and a full extract needs everyone. A force is thousands of people, not millions.
        directory = {p.staff_number: p for p in Person.objects.order_by()}
        by_pk = {p.pk: p.staff_number for p in directory.values()}
        errors = extract.errors + check_against_directory(
            extract,
            org_unit_codes=set(org_unit_ids),
            directory_managers={
                p.staff_number: by_pk.get(p.line_manager_id) for p in directory.values()
            },
        )
        if errors:
            report.errors = sorted(errors, key=_line_order)
            return report
        _write(
            extract,
            report=report,
            directory=directory,
            org_unit_ids=org_unit_ids,
            acting_user=acting_user,
            full_extract=full_extract,
            today=today,
        )
    return report


def _line_order(error: RowError) -> tuple[int, int]:
    return (1, 0) if error.line is None else (0, error.line)


def _take_import_lock() -> bool:
    if connection.vendor != "postgresql":
        return True  # the SQLite demo has one user
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
        return cursor.fetchone()[0]


def _write(
    extract: Extract,
    *,
    report: ImportReport,
    directory: dict[str, Person],
    org_unit_ids: dict[str, int],
    acting_user,
    full_extract: bool,
    today: dt.date,
) -> None:
    reason = f"HR import {report.filename}"
    new_people: list[tuple[Person, str | None]] = []  # with a manager who is also new
    changed: list[tuple[Person, str | None]] = []
    changed_fields: set[str] = set()
    moved: list[int] = []  # people whose role or unit changed

    for row in extract.rows:
        wanted = _wanted_fields(row, extract, directory, org_unit_ids)
        new_manager = (
            row.line_manager if row.line_manager and row.line_manager not in directory else None
        )
        person = directory.get(row.staff_number)
        if person is None:
            new_people.append((Person(**wanted), new_manager))
            continue
        fields = {name for name, value in wanted.items() if getattr(person, name) != value}
        if new_manager:
            fields.add("line_manager_id")
        if not fields:
            report.unchanged += 1
            continue
        if "leave_date" in fields and person.leave_date is None:
            report.marked_as_leavers += 1
        for name in fields:
            setattr(person, name, wanted.get(name))
        changed.append((person, new_manager))
        changed_fields |= fields
        if fields & ROLE_OR_UNIT_FIELDS:
            moved.append(person.pk)
        report.updated += 1

    created = _create_managers_first(new_people, acting_user=acting_user, reason=reason)
    report.created = len(created)

    if changed:
        for person, new_manager in changed:
            if new_manager:
                person.line_manager_id = created[new_manager].pk
        bulk_update_with_history(
            [person for person, _ in changed],
            Person,
            # bulk_update wants field names, not the "_id" attribute names
            fields=sorted(name.removesuffix("_id") for name in changed_fields),
            batch_size=BATCH_SIZE,
            default_user=acting_user,
            default_change_reason=reason,
        )

    if moved:
        # Inside the import's transaction: an import that fails leaves nothing behind in any area
        # (the business-interests register, for one, marks the people's interests for review).
        people_changed_role_or_unit(
            person_ids=moved,
            reason=f"change of role or unit (HR import {report.filename})",
            acting_user=acting_user,
        )

    if full_extract:
        in_file = {row.staff_number for row in extract.rows}
        absent = [
            p for p in directory.values() if p.staff_number not in in_file and p.leave_date is None
        ]
        for person in absent:
            person.leave_date = today
        if absent:
            bulk_update_with_history(
                absent,
                Person,
                fields=["leave_date"],
                batch_size=BATCH_SIZE,
                default_user=acting_user,
                default_change_reason=(
                    f"HR import {report.filename}: not in the full extract, marked as a leaver"
                ),
            )
        report.absent_from_full_extract = sorted(p.staff_number for p in absent)
        report.marked_as_leavers += len(absent)


def _wanted_fields(
    row: PersonRow,
    extract: Extract,
    directory: dict[str, Person],
    org_unit_ids: dict[str, int],
) -> dict[str, object]:
    """The Person attributes the row sets. A manager created by this same import has no id yet:
    that link is made once they exist."""
    wanted: dict[str, object] = dict(row.values)
    wanted["org_unit_id"] = org_unit_ids[row.org_unit_code]
    if extract.has_manager_column:
        manager = directory.get(row.line_manager) if row.line_manager else None
        wanted["line_manager_id"] = manager.pk if manager else None
    return wanted


def _create_managers_first(
    new_people: list[tuple[Person, str | None]], *, acting_user, reason: str
) -> dict[str, Person]:
    """Create new people a level of the hierarchy at a time, so that each is created already
    linked to a manager who is new too: one history row per person, with the right manager,
    and two queries per level rather than per person. The rows were checked for loops."""
    created: dict[str, Person] = {}
    pending = new_people
    while pending:
        ready = [(p, m) for p, m in pending if m is None or m in created]
        if not ready:
            raise RuntimeError("line manager loop among new people was not caught by the checks")
        for person, manager in ready:
            if manager:
                person.line_manager_id = created[manager].pk
        for person in bulk_create_with_history(
            [person for person, _ in ready],
            Person,
            batch_size=BATCH_SIZE,
            default_user=acting_user,
            default_change_reason=reason,
        ):
            created[person.staff_number] = person
        pending = [(p, m) for p, m in pending if p.staff_number not in created]
    return created
