"""Reading and checking an HR extract of the workforce before anything is written.

The extract is a CSV file in UTF-8 (a byte-order mark, as Excel's "CSV UTF-8" writes, is fine)
with a header row. Column names are matched ignoring case, spaces and hyphens
(``Staff Number`` is ``staff_number``); a column this import does not know is an error, so a
misspelt column cannot silently leave a field unchanged.

=========================== ======== =====================================================
column                      required value
=========================== ======== =====================================================
staff_number                yes      unique in the file; the key the import matches on
collar_number                        text
first_name                  yes      text
last_name                   yes      text
role_type                   yes      ``officer``, ``staff``, ``pcso``, ``special``,
                                     ``partnership``, ``volunteer`` or the label
                                     ("Police officer", "PCSO", ...), any case
rank_or_grade                        text
job_title                            text
org_unit_code               yes      the code of an existing organisation unit (units are
                                     reference data; the import never creates one)
line_manager_staff_number            blank, or a staff number in the file or the directory
email                                blank or an e-mail address
vetting_level                        blank, ``RV``, ``MV``, ``NPPV1``-``NPPV3``, ``SC``,
                                     ``DV`` or the label ("Management vetting"), any case
vetting_expires                      date
post_vetting_level                   the level the member's post requires: the same values
                                     as ``vetting_level``
start_date                           date
leave_date                           date; a date marks the person as a leaver
ethnicity                            the 2021 census code, where held
sex                                  ``F``, ``M`` or blank
=========================== ======== =====================================================

Dates are ``YYYY-MM-DD`` or ``DD/MM/YYYY`` (the form UK HR systems export). An optional column
left out of the file leaves that field as it is for people already in the directory; a column
that is present but blank clears it.

Nothing here touches the database: :func:`read_extract` checks each row on its own and
:func:`check_against_directory` checks the rows against each other and against what the
directory already holds, so that every problem in a file is reported in one go.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TextIO

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models

from standards.people.models import OrgUnit, Person, RoleType, Sex, VettingLevel

COLUMNS: tuple[str, ...] = (
    "staff_number",
    "collar_number",
    "first_name",
    "last_name",
    "role_type",
    "rank_or_grade",
    "job_title",
    "org_unit_code",
    "line_manager_staff_number",
    "email",
    "vetting_level",
    "vetting_expires",
    "post_vetting_level",
    "start_date",
    "leave_date",
    "ethnicity",
    "sex",
)
REQUIRED_COLUMNS: tuple[str, ...] = (
    "staff_number",
    "first_name",
    "last_name",
    "role_type",
    "org_unit_code",
)
# Columns that are copied onto a Person field of the same name; the other two are references
# (org_unit_code, line_manager_staff_number) resolved against the directory.
VALUE_COLUMNS: tuple[str, ...] = tuple(
    c for c in COLUMNS if c not in ("org_unit_code", "line_manager_staff_number")
)


@dataclass(frozen=True, order=True)
class RowError:
    """One problem with the file. ``line`` is the CSV line (the header is line 1), or None for a
    problem with the file as a whole."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return self.message if self.line is None else f"line {self.line}: {self.message}"


@dataclass
class PersonRow:
    """One row of the extract, with each cell checked and converted.

    ``values`` holds the Person fields the row sets (only columns present in the file, only cells
    that passed their check). A row with problems of its own still takes part in the checks
    across rows (duplicates, managers, loops) so that one file gives one complete list of
    problems.
    """

    line: int
    staff_number: str
    values: dict[str, object] = field(default_factory=dict)
    org_unit_code: str | None = None
    line_manager: str | None = None


@dataclass
class Extract:
    columns: tuple[str, ...] = ()
    rows: list[PersonRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # The file could not be read through (not CSV, not UTF-8, a bad header): checking what was
    # read against the directory would only add noise.
    unreadable: bool = False

    @property
    def has_manager_column(self) -> bool:
        return "line_manager_staff_number" in self.columns


class _BadCell(Exception):
    pass


def _quote(raw: str) -> str:
    """A cell quoted for a message, cut short so that a runaway cell cannot flood the report."""
    return f'"{raw}"' if len(raw) <= 40 else f'"{raw[:37]}..."'


def _text(model: type[models.Model], field_name: str, *, required: bool = False):
    max_length = model._meta.get_field(field_name).max_length

    def parse(column: str, raw: str) -> str:
        if required and not raw:
            raise _BadCell(f"{column} is blank")
        if len(raw) > max_length:
            raise _BadCell(
                f"{column} is {len(raw)} characters long; at most {max_length} are allowed"
            )
        return raw

    return parse


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def _choice(choices: type[models.TextChoices], *, required: bool = False, hint: str):
    """Accept a choice's stored value or its label, in any case; for a label with an acronym in
    brackets, "Recruitment vetting (RV)", also the label without it and the acronym alone."""
    aliases: dict[str, str] = {}
    for value, label in choices.choices:
        names = [
            value,
            label,
            re.sub(r"\s*\(.*?\)\s*$", "", label),
            *re.findall(r"\((.*?)\)", label),
        ]
        for name in names:
            aliases.setdefault(_squash(name), value)

    def parse(column: str, raw: str) -> str:
        if required and not raw:
            raise _BadCell(f"{column} is blank")
        try:
            return aliases[_squash(raw)]
        except KeyError:
            raise _BadCell(f"{column} {_quote(raw)} is not {hint}") from None

    return parse


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _date(column: str, raw: str) -> dt.date | None:
    if not raw:
        return None
    if match := _ISO_DATE.fullmatch(raw):
        year, month, day = match.groups()
    elif match := _UK_DATE.fullmatch(raw):
        day, month, year = match.groups()
    else:
        raise _BadCell(f"{column} {_quote(raw)} is not a date (use YYYY-MM-DD or DD/MM/YYYY)")
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise _BadCell(f"{column} {_quote(raw)} is not a real date") from None


_email_length = _text(Person, "email")


def _email(column: str, raw: str) -> str:
    if not raw:
        return raw
    _email_length(column, raw)
    try:
        validate_email(raw)
    except ValidationError:
        raise _BadCell(f"{column} {_quote(raw)} is not an e-mail address") from None
    return raw


_PARSERS: dict[str, Callable[[str, str], object]] = {
    "staff_number": _text(Person, "staff_number", required=True),
    "collar_number": _text(Person, "collar_number"),
    "first_name": _text(Person, "first_name", required=True),
    "last_name": _text(Person, "last_name", required=True),
    "role_type": _choice(
        RoleType,
        required=True,
        hint="a role type (officer, staff, pcso, special, partnership or volunteer)",
    ),
    "rank_or_grade": _text(Person, "rank_or_grade"),
    "job_title": _text(Person, "job_title"),
    "org_unit_code": _text(OrgUnit, "code", required=True),
    "line_manager_staff_number": _text(Person, "staff_number"),
    "email": _email,
    "vetting_level": _choice(
        VettingLevel, hint="a vetting level (RV, MV, NPPV1, NPPV2, NPPV3, SC, DV or blank)"
    ),
    "vetting_expires": _date,
    "post_vetting_level": _choice(
        VettingLevel, hint="a vetting level (RV, MV, NPPV1, NPPV2, NPPV3, SC, DV or blank)"
    ),
    "start_date": _date,
    "leave_date": _date,
    "ethnicity": _text(Person, "ethnicity"),
    "sex": _choice(Sex, hint="F, M or blank"),
}


def _column_name(heading: str) -> str:
    return re.sub(r"[\s\-]+", "_", heading.strip().casefold())


def _records(reader: Iterator[list[str]], position: list[int]) -> Iterator[tuple[int, list[str]]]:
    """Non-blank records with the line each starts on (a quoted cell can span lines).
    ``position[0]`` follows the reader so that an error mid-file can name its line."""
    next_line = 1
    for record in reader:
        line, next_line = next_line, reader.line_num + 1
        position[0] = next_line
        if any(cell.strip() for cell in record):
            yield line, record


def _check_header(line: int, header: list[str]) -> tuple[tuple[str, ...], list[RowError]]:
    errors: list[RowError] = []
    header[0] = header[0].lstrip("\ufeff")
    while header and not header[-1].strip():
        header.pop()  # trailing empty headings, as spreadsheets often write
    columns = tuple(_column_name(h) for h in header)
    seen: set[str] = set()
    for heading, column in zip(header, columns, strict=True):
        if column not in COLUMNS:
            errors.append(
                RowError(
                    line, f"the header has a column {_quote(heading)} this import does not know"
                )
            )
        elif column in seen:
            errors.append(RowError(line, f'the header has the column "{column}" more than once'))
        seen.add(column)
    for column in REQUIRED_COLUMNS:
        if column not in seen:
            errors.append(RowError(line, f'the header has no "{column}" column, which is required'))
    if errors:
        errors.append(RowError(None, "the columns are: " + ", ".join(COLUMNS)))
    return columns, errors


def _parse_row(
    line: int, columns: tuple[str, ...], record: list[str]
) -> tuple[PersonRow | None, list[RowError]]:
    if len(record) > len(columns) and not any(c.strip() for c in record[len(columns) :]):
        record = record[: len(columns)]  # trailing empty cells, as spreadsheets often write
    cells = {column: raw.strip() for column, raw in zip(columns, record, strict=False)}
    if len(record) != len(columns):
        error = RowError(
            line, f"has {len(record)} values but the header has {len(columns)} columns"
        )
        # The cells may be shifted, so only the staff number is taken (to keep the checks across
        # rows quiet about a person who is in the file).
        staff_number = cells.get("staff_number", "")
        if staff_number and len(staff_number) <= Person._meta.get_field("staff_number").max_length:
            return PersonRow(line=line, staff_number=staff_number), [error]
        return None, [error]

    errors: list[RowError] = []
    parsed: dict[str, object] = {}
    for column, raw in cells.items():
        try:
            parsed[column] = _PARSERS[column](column, raw)
        except _BadCell as exc:
            errors.append(RowError(line, str(exc)))

    start, leave = parsed.get("start_date"), parsed.get("leave_date")
    if start and leave and leave < start:
        errors.append(RowError(line, f"leave_date {leave} is before start_date {start}"))

    staff_number = parsed.get("staff_number")
    if not staff_number:
        return None, errors
    row = PersonRow(
        line=line,
        staff_number=staff_number,
        values={c: parsed[c] for c in VALUE_COLUMNS if c in parsed},
        org_unit_code=parsed.get("org_unit_code") or None,
        line_manager=parsed.get("line_manager_staff_number") or None,
    )
    return row, errors


def read_extract(source: TextIO) -> Extract:
    """Read the whole file, checking every row on its own terms."""
    extract = Extract()
    position = [1]
    # strict: a stray character after a closing quote is an error rather than a guess.
    records = _records(csv.reader(source, strict=True), position)
    try:
        for line, record in records:
            if not extract.columns:
                extract.columns, header_errors = _check_header(line, record)
                if header_errors:
                    extract.errors.extend(header_errors)
                    extract.unreadable = True
                    return extract
                continue
            row, errors = _parse_row(line, extract.columns, record)
            extract.errors.extend(errors)
            if row is not None:
                extract.rows.append(row)
    except UnicodeDecodeError:
        extract.errors.append(
            RowError(
                None,
                'the file is not UTF-8 text; save it as "CSV UTF-8" (in Excel: File, Save As, '
                "CSV UTF-8) and import it again",
            )
        )
        extract.unreadable = True
    except csv.Error as exc:
        extract.errors.append(RowError(position[0], f"the file cannot be read as CSV here ({exc})"))
        extract.unreadable = True
    else:
        if not extract.columns:
            extract.errors.append(RowError(None, "the file is empty"))
            extract.unreadable = True
        elif not extract.rows and not extract.errors:
            extract.errors.append(RowError(None, "the file has a header but no rows of people"))
            extract.unreadable = True
    return extract


def check_against_directory(
    extract: Extract,
    *,
    org_unit_codes: set[str],
    directory_managers: Mapping[str, str | None],
) -> list[RowError]:
    """The checks across rows: duplicates, organisation units, line managers and loops.

    ``directory_managers`` maps every staff number in the directory to their line manager's
    staff number (or None). The file's rows override the directory, as they will once written.
    """
    errors: list[RowError] = []
    in_file = {row.staff_number for row in extract.rows}
    first: dict[str, PersonRow] = {}
    for row in extract.rows:
        if row.staff_number in first:
            errors.append(
                RowError(
                    row.line,
                    f"staff number {row.staff_number} appears more than once "
                    f"(also line {first[row.staff_number].line})",
                )
            )
        else:
            first[row.staff_number] = row
        if row.org_unit_code is not None and row.org_unit_code not in org_unit_codes:
            errors.append(
                RowError(row.line, f"org unit {_quote(row.org_unit_code)} does not exist")
            )
        if (
            row.line_manager is not None
            and row.line_manager not in in_file
            and row.line_manager not in directory_managers
        ):
            errors.append(
                RowError(
                    row.line,
                    f"line manager {row.line_manager} is not in the file or the directory",
                )
            )
    if extract.has_manager_column:
        errors.extend(_manager_loops(first, directory_managers))
    return errors


def _manager_loops(
    rows: Mapping[str, PersonRow], directory_managers: Mapping[str, str | None]
) -> list[RowError]:
    """Every file row that is part of a loop of line managers, with the loop as seen from it.

    Each person has at most one manager, so following managers from any person either ends at
    the top of the force or comes back round; a loop found once is not walked again.
    """
    managers: dict[str, str | None] = dict(directory_managers)
    for staff_number, row in rows.items():
        managers[staff_number] = row.line_manager
    errors: list[RowError] = []
    done: set[str] = set()
    for start in rows:
        path: list[str] = []
        on_path: dict[str, int] = {}
        node: str | None = start
        while node is not None and node not in done and node not in on_path:
            on_path[node] = len(path)
            path.append(node)
            node = managers.get(node)
        if node is not None and node in on_path:
            loop = path[on_path[node] :]
            for i, member in enumerate(loop):
                if member in rows:
                    chain = " -> ".join([*loop[i:], *loop[:i], member])
                    note = " (they are their own line manager)" if len(loop) == 1 else ""
                    errors.append(
                        RowError(rows[member].line, f"line manager chain loops: {chain}{note}")
                    )
        done.update(path)
    return errors
