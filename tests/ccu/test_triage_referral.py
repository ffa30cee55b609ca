"""A sanitised referral opens a conduct matter in which no field, page, letter, notification or
history row carries text from the original report or its source, nor the CCU's own reference or
operation name (issue 9's acceptance).

The report's original text and source hold distinctive marker words; the head of the CCU refers it
through the page (check your answers, then send); then every column of every complaints table and
its history, every notification and the exchange's rows are read as text, and every tab of the
PSD case is fetched as the head of PSD: no marker, no reference, no code name anywhere.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse
from guardian.shortcuts import assign_perm

from ccu.models import ReportReferral
from complaints.models import Case, Channel
from tests.ccu.factories import OperationFactory, ReportFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

MARKERS = ("QUOKKAZEPHYR", "MARMALADEVORTEX", "FLAMINGOVELVET", "07700 900999", "BRIGANTINE")
ORIGINAL = (
    "QUOKKAZEPHYR told me on the night shift that PC Ellery takes cash out of the found "
    "property bags and spends it at the MARMALADEVORTEX bar near the BRIGANTINE arcade."
)
SOURCE = "Detective Sergeant FLAMINGOVELVET, on 07700 900999 after 6pm only"
SUMMARY = (
    "Information suggests an officer may have kept money handed in as lost property. PSD is "
    "asked to consider a conduct investigation."
)
CASE_TABS = (
    "complaints:case",
    "complaints:case_people",
    "complaints:case_allegations",
    "complaints:case_decisions",
    "complaints:case_actions",
    "complaints:case_documents",
    "complaints:case_letters",
    "complaints:case_timeline",
    "complaints:conduct",
)


def _rows_as_text(prefixes: tuple[str, ...]) -> dict[str, list[str]]:
    """Every row of every table whose name starts with one of ``prefixes``, each row as the
    text of all its columns (PostgreSQL's row-to-text cast)."""
    tables = [name for name in connection.introspection.table_names() if name.startswith(prefixes)]
    rows: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT t::text FROM "{table}" t')  # noqa: S608 - names from the catalogue
            rows[table] = [row[0] for row in cursor.fetchall()]
    return rows


def test_a_referral_carries_nothing_of_the_original_report_or_its_source(
    client_for, ccu_head, ccu_analyst, psd_head
):
    subject = PersonFactory(first_name="Rowan", last_name="Ellery")
    operation = OperationFactory(code_name="Operation PELICANMARSH", opened_by=ccu_head)
    assign_perm("view_operation", ccu_head, operation)
    assign_perm("work_operation", ccu_head, operation)
    report = ReportFactory(
        operation=operation,
        owner=ccu_analyst,
        subjects=[subject],
        source=ORIGINAL,
        source__details=SOURCE,
        sanitised_text="An officer is said to have kept property handed in.",
    )
    forbidden = (*MARKERS, report.reference, operation.code_name, "PELICANMARSH")

    url = reverse("ccu:report_refer", kwargs={"pk": report.pk})
    answers = {
        "summary": SUMMARY,
        "subjects": [subject.pk],
        "rationale": "QUOKKAZEPHYR's account is corroborated; PSD should investigate.",
    }
    client = client_for(ccu_head)
    check = client.post(url, answers)
    assert check.status_code == 200 and "Check what PSD will receive" in check.content.decode()
    response = client.post(url, {**answers, "confirmed": "yes"})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.channel == Channel.CCU_REFERRAL and case.summary == SUMMARY
    assert list(case.subjects.values_list("person", flat=True)) == [subject.pk]
    assert ReportReferral.objects.get().report == report

    # Every column of every complaints table and its history, every notice, the exchange.
    leaks = [
        f"{table}: {word}"
        for table, rows in _rows_as_text(("complaints_", "notifications_", "exchange_")).items()
        for row in rows
        for word in forbidden
        if word.lower() in row.lower()
    ]
    assert not leaks, leaks
    # The scan read the case: it is there to be read.
    assert any(
        SUMMARY[:40] in row for row in _rows_as_text(("complaints_case",))["complaints_case"]
    )

    # Every tab of the case as the head of PSD sees it.
    psd = client_for(psd_head)
    for name in CASE_TABS:
        page = psd.get(reverse(name, kwargs={"pk": case.pk}))
        assert page.status_code == 200, name
        body = page.content.decode()
        assert "kept money handed in as lost property" in body or name != "complaints:case"
        assert not [word for word in forbidden if word.lower() in body.lower()], name
    # And PSD's notices: the head of PSD is told to allocate, in words that carry none of it.
    notices = list(psd_head.notifications.values_list("subject", "body", "url"))
    assert notices, "the head of PSD is told of the new conduct matter"
