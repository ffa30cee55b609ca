"""The datasets the CCU exports, written with ``standards.core.export`` (tablib, formula guard).

The threat picture is the only one: counts by quarter, the same figures as its page, never a
name or a line of text from a report."""

from __future__ import annotations

import tablib

from ccu.selectors.threat import Row, ThreatPicture


def threat_dataset(picture: ThreatPicture) -> tablib.Dataset:
    """One row per figure: the table it belongs to, what it counts, each quarter and the total."""
    headers = [
        "Table",
        "Measure",
        "Strategic priority",
        *(quarter.label for quarter in picture.quarters),
        "Total",
    ]
    dataset = tablib.Dataset(headers=headers, title="Threat picture")

    def add(table: str, row: Row) -> None:
        dataset.append([table, row.label, row.priority or "", *row.counts, row.total])

    for row in picture.categories:
        add("Reports by national category", row)
    add("Reports by national category", picture.reports)
    for row in picture.routes:
        add("Reports by route", row)
    add("Reports by route", picture.reports)
    for row in picture.interventions:
        add("Management interventions", row)
    add("Sanitised referrals", picture.referrals)
    return dataset
