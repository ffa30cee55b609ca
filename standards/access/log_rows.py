"""An access-log row as a page or an export shows it: the auditor's view of the row alone, or the
CCU head's view of the row with its details."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl

import tablib

from standards.access.audit import page_name
from standards.access.models import AccessAction, AccessLogEntry, Area

# Query-string keys that say how a list was shown, not what was searched for.
NOT_SEARCH_TERMS = frozenset({"page", "csrfmiddlewaretoken"})

EXPORT_COLUMNS = (
    "at_utc",
    "username",
    "action",
    "area",
    "record_ref",
    "record_label",
    "view_name",
    "page",
    "justification",
    "recipient",
    "search_terms",
    "result_count",
    "request_id",
)


@dataclass(frozen=True)
class LogRow:
    at: dt.datetime
    username: str
    action: str
    area: str
    record_ref: str
    record_label: str
    view_name: str
    justification: str
    recipient: str
    search_terms: str
    result_count: int | None
    request_id: str
    # The reference the auditor sees for a row that is opaque to them (CCU head's view only).
    opaque_ref: str = ""

    @property
    def action_label(self) -> str:
        return AccessAction(self.action).label

    @property
    def area_label(self) -> str:
        return Area(self.area).label

    @property
    def page(self) -> str:
        return page_name(self.view_name)

    @property
    def search(self) -> str:
        return describe_search(self.search_terms)

    def as_export_row(self) -> list[object]:
        return [
            self.at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            self.username,
            self.action,
            self.area,
            self.record_ref,
            self.record_label,
            self.view_name,
            self.page,
            self.justification,
            self.recipient,
            self.search_terms,
            self.result_count,
            self.request_id,
        ]


def _row(entry: AccessLogEntry, source, **extra) -> LogRow:
    return LogRow(
        at=entry.at,
        username=getattr(source, "username", "") or entry.username,
        action=entry.action,
        area=source.area,
        record_ref=source.record_ref,
        record_label=source.record_label,
        view_name=source.view_name,
        justification=source.justification,
        recipient=source.recipient,
        search_terms=source.search_terms,
        result_count=entry.result_count,
        request_id=source.request_id,
        **extra,
    )


def audited_row(entry: AccessLogEntry) -> LogRow:
    """The row as the auditor sees it: only what is on the row itself, never its details."""
    return _row(entry, entry)


def full_row(entry: AccessLogEntry) -> LogRow:
    """The row as the CCU head sees it: its details where it has them (``entry`` selected with
    ``detail``), the row itself where it has none (rows written before there were details)."""
    detail = getattr(entry, "detail", None)
    if detail is None:
        return _row(entry, entry)
    return _row(entry, detail, opaque_ref=entry.record_ref)


def export_dataset(rows: Iterable[LogRow], *, with_opaque_ref: bool = False) -> tablib.Dataset:
    headers = list(EXPORT_COLUMNS)
    if with_opaque_ref:
        headers.append("opaque_ref")
    dataset = tablib.Dataset(headers=headers)
    for row in rows:
        cells = row.as_export_row()
        if with_opaque_ref:
            cells.append(row.opaque_ref)
        dataset.append(cells)
    return dataset


def describe_search(terms: str) -> str:
    """Search terms in words: "status=approved&person=smith" becomes "status: approved, person:
    smith"; a plain search ("featherstone") is shown as it is."""
    if "=" not in terms:
        return terms
    pairs = parse_qsl(terms, keep_blank_values=False)
    return ", ".join(
        f"{key.replace('_', ' ')}: {value}" for key, value in pairs if key not in NOT_SEARCH_TERMS
    )
