"""Importing PSD's files for the cross-checks: upload, column mapping, preview, then all or
nothing.

``import_upload`` keeps the file (recognised by content) and suggests a mapping;
``import_map`` saves PSD's mapping and checks every row, recording the counts (new, already
held, errors) and the row-by-row error report; ``import_start`` imports it: at once when it is
small, otherwise by the ``import_batch`` task. Either way the rows are checked again and written
in ONE transaction: one bad row and nothing is written. A row whose ``row_key`` is already held
(from this file, an earlier one, or a re-saved copy) is skipped, so importing a file again
writes nothing.

Progress of a background import. The rows are written inside one long transaction, so anything
written to the database inside it is invisible to the page until the end, and the batch's own
row is locked by the importer for the whole time. The running count therefore goes to the cache
(Redis, shared by the web and the workers) - ``rows_done`` is written to the batch only when it
commits. A second database connection could have carried it instead, but it would need a row
of its own outside the locked batch and a connection per import; a count that is lost with the
cache costs nothing (the bar waits at the last committed figure and the import still finishes).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Upper
from django.utils import timezone

from registers.crosschecks.imports import reading
from registers.crosschecks.imports.fields import fields_for, suggest_mapping
from registers.crosschecks.imports.parsing import ParsedRow, parse_row
from registers.crosschecks.matching import normalise_org
from registers.crosschecks.models import (
    Bid,
    Contract,
    ContractKind,
    DiaryEntry,
    ExpenseClaim,
    ImportBatch,
    ImportKind,
    ImportStatus,
    Supplier,
)
from standards.core.records import save_with_history
from standards.people.models import Person

PROGRESS_EVERY = 500
MAX_ERRORS_KEPT = 2000
MAPPABLE = (ImportStatus.MAPPING, ImportStatus.PREVIEWED, ImportStatus.FAILED)
WAITING = (ImportStatus.QUEUED, ImportStatus.IMPORTING)
_MODEL = {ImportKind.DIARY: DiaryEntry, ImportKind.EXPENSES: ExpenseClaim}


class ImportBusy(Exception):
    """Another worker holds the batch: the task is retried later (and then finds it done)."""


def progress_key(batch_id: int) -> str:
    return f"crosschecks:import-progress:{batch_id}"


@dataclass
class Checked:
    rows: list[ParsedRow] = field(default_factory=list)
    tenders: dict[str, int] = field(default_factory=dict)  # held tenders, reference upper -> pk

    @property
    def errors(self) -> list[dict]:
        return [
            {"row": row.line, "field": label, "message": message}
            for row in self.rows
            for label, message in row.errors
        ]

    @property
    def new_rows(self) -> list[ParsedRow]:
        return [row for row in self.rows if not row.errors and not row.held]

    @property
    def held(self) -> int:
        return sum(1 for row in self.rows if row.held and not row.errors)


def error_line(error: dict) -> str:
    return f"Row {error['row']}, {error['field']}: {error['message']}"


# --- reading and checking ----------------------------------------------------------------------


def _held_keys(kind: str, keys: list[str]) -> set[str]:
    models = (Contract, Bid) if kind == ImportKind.PROCUREMENT else (_MODEL[kind],)
    held: set[str] = set()
    for start in range(0, len(keys), 5000):
        chunk = keys[start : start + 5000]
        for model in models:
            held.update(model.objects.filter(row_key__in=chunk).values_list("row_key", flat=True))
    return held


def _check_people(rows: list[ParsedRow]) -> None:
    numbers = {row.values["staff_number"] for row in rows if row.values.get("staff_number")}
    people = dict(Person.objects.filter(staff_number__in=numbers).values_list("staff_number", "pk"))
    for row in rows:
        number = row.values.get("staff_number")
        if number is None:
            continue
        if number in people:
            row.values["person_id"] = people[number]
        else:
            row.error("Staff number", f"'{number}' is not a staff number in the directory")


def _check_tenders(rows: list[ParsedRow], checked: Checked) -> None:
    in_file = {
        str(row.values["reference"]).upper()
        for row in rows
        if not row.errors and row.values.get("record_type") == "tender"
    }
    wanted = {
        str(row.values["reference"]).upper()
        for row in rows
        if row.values.get("record_type") == "bid" and row.values.get("reference")
    }
    checked.tenders = dict(
        Contract.objects.filter(kind=ContractKind.TENDER)
        .annotate(upper=Upper("reference"))
        .filter(upper__in=wanted)
        .order_by("upper", "-awarded_on")
        .values_list("upper", "pk")
    )
    for row in rows:
        if row.values.get("record_type") != "bid" or not row.values.get("reference"):
            continue
        reference = str(row.values["reference"]).upper()
        if reference not in in_file and reference not in checked.tenders:
            row.error(
                "Reference", f"no tender '{row.values['reference']}' in this file or already held"
            )


def check_file(*, batch: ImportBatch, data: bytes) -> Checked:
    """Every row parsed and checked against what is held, without writing anything."""
    checked = Checked()
    rows = [
        parse_row(batch.kind, line, raw, batch.mapping)
        for line, raw in reading.rows(data, batch.file_format)
    ]
    if batch.kind == ImportKind.PROCUREMENT:
        _check_tenders(rows, checked)
    else:
        _check_people(rows)
    good = [row for row in rows if not row.errors]
    held = _held_keys(batch.kind, [row.key for row in good])
    seen: set[str] = set()
    for row in good:
        # A row repeated within the file is written once, like a row held from before.
        row.held = row.key in held or row.key in seen
        seen.add(row.key)
    checked.rows = rows
    return checked


# --- upload and mapping ------------------------------------------------------------------------


@transaction.atomic
def import_upload(*, kind: str, data: bytes | None, file_name: str, acting_user) -> ImportBatch:
    """Keep the uploaded file, recognised by its content, with a suggested mapping."""
    if kind not in ImportKind.values:
        raise ValidationError({"kind": "Select what the file holds"})
    if data is None:
        raise ValidationError({"file": "Select a file to upload"})
    fmt = reading.file_format(data)
    headings = reading.headings(data, fmt)
    total = reading.count_rows(data, fmt)
    batch = ImportBatch(
        kind=kind,
        file_name=(file_name or "upload")[-200:],
        sha256=hashlib.sha256(data).hexdigest(),
        file_format=fmt,
        headings=headings,
        mapping=suggest_mapping(kind, headings),
        rows_total=total,
        uploaded_by=acting_user,
    )
    batch.stored_name = reading.store(data, fmt)
    save_with_history(batch, "File uploaded", acting_user)
    return batch


def _valid_mapping(batch: ImportBatch, mapping: dict[str, int | None]) -> dict[str, int | None]:
    problems: dict[str, str] = {}
    clean: dict[str, int | None] = {}
    used: dict[int, str] = {}
    for spec in fields_for(batch.kind):
        index = mapping.get(spec.name)
        if index is not None and not 0 <= index < len(batch.headings):
            index = None
        if index is None and spec.required:
            problems[spec.name] = f"Select the column that holds the {spec.label.lower()}"
        elif index is not None and index in used:
            problems[spec.name] = (
                f"The column '{batch.headings[index]}' is already chosen for the "
                f"{used[index].lower()}"
            )
        elif index is not None:
            used[index] = spec.label
        clean[spec.name] = index
    if problems:
        raise ValidationError(problems)
    return clean


@transaction.atomic
def import_map(*, batch: ImportBatch, mapping: dict[str, int | None], acting_user) -> ImportBatch:
    """Save which column holds which field, check every row, and record what the import would
    do: the counts and the row-by-row error report."""
    if batch.status not in MAPPABLE:
        raise ValidationError("This file has already been imported or is being imported")
    batch.mapping = _valid_mapping(batch, mapping)
    checked = check_file(batch=batch, data=reading.load(batch.stored_name))
    _record_counts(batch, checked)
    batch.status = ImportStatus.FAILED if batch.errors else ImportStatus.PREVIEWED
    save_with_history(batch, "Columns matched and rows checked", acting_user)
    return batch


def _record_counts(batch: ImportBatch, checked: Checked) -> None:
    batch.rows_total = len(checked.rows)
    batch.rows_new = len(checked.new_rows)
    batch.rows_already_held = checked.held
    batch.errors = checked.errors[:MAX_ERRORS_KEPT]


def import_preview_rows(*, batch: ImportBatch, limit: int = 10) -> list[ParsedRow]:
    """The first rows as they will be imported (read only)."""
    data = reading.load(batch.stored_name)
    first: list[tuple[int, list]] = []
    for line, raw in reading.rows(data, batch.file_format):
        first.append((line, raw))
        if len(first) >= limit:
            break
    rows = [parse_row(batch.kind, line, raw, batch.mapping) for line, raw in first]
    held = _held_keys(batch.kind, [row.key for row in rows if row.key])
    for row in rows:
        row.held = row.key in held
    return rows


def errors_csv(batch: ImportBatch) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Row", "Field", "Problem"])
    for error in batch.errors:
        writer.writerow([error["row"], error["field"], error["message"]])
    return out.getvalue()


# --- importing ---------------------------------------------------------------------------------


def inline_limit() -> int:
    return int(settings.CROSSCHECK_IMPORT_INLINE_ROWS)


@transaction.atomic
def import_start(*, batch: ImportBatch, acting_user) -> ImportBatch:
    """Import a checked file: now when it is small, by the background importer when not."""
    from registers.crosschecks.imports.tasks import import_batch

    if batch.status != ImportStatus.PREVIEWED:
        raise ValidationError("Only a file whose rows have all been checked can be imported")
    if batch.rows_new == 0:
        raise ValidationError("Every row in this file is already held: there is nothing to import")
    if batch.rows_total > inline_limit():
        batch.status = ImportStatus.QUEUED
        save_with_history(batch, "Queued for the background importer", acting_user)
        cache.delete(progress_key(batch.pk))
        import_batch.delay_on_commit(batch.pk)
        return batch
    _import(batch, acting_user=acting_user, progress=None)
    return batch


def import_batch_run(*, batch_id: int) -> bool:
    """The background importer's work (the ``import_batch`` task). The claim and the import
    each lock the batch's row: a second worker given the same batch while the first holds it
    is told to retry later (``ImportBusy``) and then finds it imported; a worker that dies
    mid-import commits nothing, its lock goes with its connection, and the redelivered task
    imports the file again from the start. True when this call imported it."""
    with transaction.atomic():
        batch = _lock(batch_id)
        if batch is None or batch.status not in WAITING:
            return False
        if batch.status == ImportStatus.QUEUED:
            batch.status = ImportStatus.IMPORTING
            save_with_history(batch, "Taken by the background importer", batch.uploaded_by)
    with transaction.atomic():
        batch = _lock(batch_id)
        if batch is None or batch.status != ImportStatus.IMPORTING:
            return False

        def progress(done: int) -> None:
            cache.set(progress_key(batch_id), done, timeout=24 * 60 * 60)

        _import(batch, acting_user=batch.uploaded_by, progress=progress)
    return True


def _lock(batch_id: int) -> ImportBatch | None:
    batch = ImportBatch.objects.select_for_update(skip_locked=True).filter(pk=batch_id).first()
    if batch is None and ImportBatch.objects.filter(pk=batch_id, status__in=WAITING).exists():
        raise ImportBusy(batch_id)
    return batch


def _import(batch: ImportBatch, *, acting_user, progress: Callable[[int], None] | None) -> None:
    """Check every row again (what is held may have changed since the preview) and write the
    new ones, or record the errors and write nothing."""
    data = reading.load(batch.stored_name)
    checked = check_file(batch=batch, data=data)
    _record_counts(batch, checked)
    if batch.errors:
        batch.status = ImportStatus.FAILED
        save_with_history(batch, "Not imported: errors found", acting_user)
        return
    if progress:
        progress(0)
    writer = _WRITERS[batch.kind]
    done = 0
    rows = checked.new_rows
    if batch.kind == ImportKind.PROCUREMENT:
        # Tenders first, so a bid finds its tender whatever order the file is in.
        rows.sort(key=lambda row: row.values["record_type"] != "tender")
    for start in range(0, len(rows), PROGRESS_EVERY):
        writer(batch, rows[start : start + PROGRESS_EVERY], checked)
        done = min(start + PROGRESS_EVERY, len(rows))
        if progress:
            progress(done + checked.held)
    batch.rows_done = batch.rows_total
    batch.status = ImportStatus.IMPORTED
    batch.finished_at = timezone.now()
    save_with_history(batch, f"Imported: {batch.rows_new} new rows", acting_user)
    if progress:
        progress(batch.rows_total)
    stored = batch.stored_name
    transaction.on_commit(lambda: reading.discard(stored))


def _write_procurement(batch: ImportBatch, rows: list[ParsedRow], checked: Checked) -> None:
    wanted = {row.supplier_key: row for row in rows if row.supplier_key}
    suppliers = dict(Supplier.objects.filter(row_key__in=list(wanted)).values_list("row_key", "pk"))
    new_suppliers = [
        Supplier(
            batch=batch,
            row_key=key,
            name=row.values["supplier_name"],
            normalised=normalise_org(row.values["supplier_name"]),
            company_number=row.values.get("company_number") or "",
        )
        for key, row in wanted.items()
        if key not in suppliers
    ]
    for supplier in Supplier.objects.bulk_create(new_suppliers):
        suppliers[supplier.row_key] = supplier.pk
    contracts = [
        Contract(
            batch=batch,
            row_key=row.key,
            kind=row.values["record_type"],
            reference=row.values["reference"],
            title=row.values["title"],
            supplier_id=suppliers.get(row.supplier_key),
            awarded_on=row.values["date"],
            ends_on=row.values.get("end_date"),
            value=row.values.get("value"),
        )
        for row in rows
        if row.values["record_type"] in ("contract", "tender")
    ]
    for contract in Contract.objects.bulk_create(contracts):
        if contract.kind == ContractKind.TENDER:
            checked.tenders[contract.reference.upper()] = contract.pk
    Bid.objects.bulk_create(
        Bid(
            batch=batch,
            row_key=row.key,
            tender_id=checked.tenders[str(row.values["reference"]).upper()],
            supplier_id=suppliers[row.supplier_key],
            submitted_on=row.values["date"],
            value=row.values.get("value"),
        )
        for row in rows
        if row.values["record_type"] == "bid"
    )


def _write_diary(batch: ImportBatch, rows: list[ParsedRow], checked: Checked) -> None:
    DiaryEntry.objects.bulk_create(
        DiaryEntry(
            batch=batch,
            row_key=row.key,
            person_id=row.values["person_id"],
            date=row.values["date"],
            organisation=row.values["organisation"],
            normalised=normalise_org(row.values["organisation"]),
            event_type=row.values["event_type"],
        )
        for row in rows
    )


def _write_expenses(batch: ImportBatch, rows: list[ParsedRow], checked: Checked) -> None:
    ExpenseClaim.objects.bulk_create(
        ExpenseClaim(
            batch=batch,
            row_key=row.key,
            person_id=row.values["person_id"],
            date=row.values["date"],
            amount=row.values["amount"],
            payee=row.values["payee"],
            normalised=normalise_org(row.values["payee"]),
            purpose=row.values["purpose"],
            category=row.values.get("category") or "",
        )
        for row in rows
    )


_WRITERS = {
    ImportKind.PROCUREMENT: _write_procurement,
    ImportKind.DIARY: _write_diary,
    ImportKind.EXPENSES: _write_expenses,
}
