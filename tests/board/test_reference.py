"""The national and most-similar-forces figures: recorded and corrected with history, imported
all or nothing from a CSV or XLSX file, and their pages for each of the board's readers."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
import tablib
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from standards.access.models import AccessLogEntry, Area
from standards.access.roles import Role
from standards.board import figures
from standards.board.demo.reference import seed_reference_figures
from standards.board.figures import BoardSection, Section, board_sections
from standards.board.models import ReferenceFigure, ReferenceScope
from standards.board.selectors.reference import reference_figures_for
from standards.board.services.reference import (
    COLUMNS,
    reference_figure_record,
    reference_figures_import,
)
from standards.core.periods import Period
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

YEAR = Period.financial_year(2024)
SOURCE = "IOPC, Police complaints: statistics for England and Wales 2024/25"
ROWS = [
    ("complaints.cases_logged.per_1000", "national", "2024-04-01", "2025-03-31", "287.0", SOURCE),
    (
        "complaints.allegations_logged.per_1000",
        "England and Wales",
        "01/04/2024",
        "31/03/2025",
        "538",
        SOURCE,
    ),
    ("complaints.days_to_log", "similar", "2024-04-01", "2025-03-31", "4.5", SOURCE),
]

# The service names every section of the board in its message.
NOT_A_SECTION = "The measure must start with a section of the board (parking is not one): " + (
    ", ".join(section.key for section in board_sections())
)


@pytest.fixture(autouse=True)
def _complaints_section(monkeypatch):
    """The complaints section, as the complaints app registers it, so its measures are known."""
    if "complaints" not in figures._SECTIONS:
        monkeypatch.setitem(
            figures._SECTIONS,
            "complaints",
            BoardSection(
                key="complaints", title="Complaints", order=10, figures=lambda p: Section()
            ),
        )


def _csv(rows=ROWS) -> bytes:
    return tablib.Dataset(*rows, headers=COLUMNS).export("csv").encode()


def _xlsx(rows=ROWS) -> bytes:
    return tablib.Dataset(*rows, headers=COLUMNS).export("xlsx")


def _record(user, **overrides) -> ReferenceFigure:
    fields = {
        "measure_key": "complaints.cases_logged.per_1000",
        "scope": ReferenceScope.NATIONAL,
        "period_start": YEAR.start,
        "period_end": YEAR.end,
        "value": "287.0",
        "source": SOURCE,
    }
    return reference_figure_record(**(fields | overrides), acting_user=user)


# The service ------------------------------------------------------------------------------------


def test_recording_a_figure_then_correcting_it_keeps_the_old_value_in_history(
    psd_head, board_member
):
    figure = _record(psd_head)
    assert figure.value == Decimal("287.00")
    assert figure.recorded_by == psd_head
    again = _record(board_member, value="291.4")
    assert again.pk == figure.pk
    assert ReferenceFigure.objects.count() == 1
    history = list(figure.history.order_by("history_date"))
    assert [(entry.value, entry.history_user) for entry in history] == [
        (Decimal("287.00"), psd_head),
        (Decimal("291.40"), board_member),
    ]
    assert history[-1].history_change_reason == "Corrected by hand (was 287.00)"
    assert reference_figures_for(YEAR) == {
        ("complaints.cases_logged.per_1000", ReferenceScope.NATIONAL): Decimal("291.40")
    }


def test_recording_the_same_figure_again_writes_no_history(psd_head):
    figure = _record(psd_head)
    _record(psd_head)
    assert figure.history.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"measure_key": ""}, "measure_key", "Enter the measure"),
        (
            {"measure_key": "Complaints cases"},
            "measure_key",
            "The measure must be a section and a figure in lower case, as "
            "complaints.cases_logged or complaints.cases_logged.per_1000",
        ),
        (
            {"measure_key": "parking.fines"},
            "measure_key",
            NOT_A_SECTION,
        ),
        (
            {"scope": "regional"},
            "scope",
            "The scope must be England and Wales (national) or Most similar forces",
        ),
        ({"value": "lots"}, "value", "The value must be a number, as 131.5"),
        ({"value": "-1"}, "value", "The value must be 0 or more"),
        ({"value": "1.234"}, "value", "The value must have 2 decimal places or fewer"),
        ({"source": " "}, "source", "Enter the publication the figure comes from"),
        (
            {"period_end": dt.date(2024, 3, 31)},
            "period_end",
            "The last day of the period must be the same as or after the first",
        ),
    ],
)
def test_a_figure_is_refused_with_a_clear_message(psd_head, overrides, field, message):
    with pytest.raises(ValidationError) as caught:
        _record(psd_head, **overrides)
    assert caught.value.message_dict[field] == [message]
    assert not ReferenceFigure.objects.exists()


def test_only_the_head_of_psd_and_the_board_record_figures(ccu_head, caseworker):
    for user in (ccu_head, caseworker):
        with pytest.raises(PermissionDenied):
            _record(user)
    assert not ReferenceFigure.objects.exists()


@pytest.mark.parametrize("make", [_csv, _xlsx])
def test_an_import_previews_then_writes_every_row_and_a_second_import_writes_nothing(
    psd_head, make
):
    data = make()
    preview = reference_figures_import(upload=data, acting_user=psd_head, commit=False)
    assert [(row.line, row.status, row.errors) for row in preview.rows] == [
        (2, "new", []),
        (3, "new", []),
        (4, "new", []),
    ]
    assert not ReferenceFigure.objects.exists()

    result = reference_figures_import(upload=data, acting_user=psd_head, commit=True)
    assert result.written == 3
    assert set(
        ReferenceFigure.objects.values_list("measure_key", "scope", "value", "period_start")
    ) == {
        ("complaints.cases_logged.per_1000", "national", Decimal("287.00"), YEAR.start),
        ("complaints.allegations_logged.per_1000", "national", Decimal("538.00"), YEAR.start),
        ("complaints.days_to_log", "similar", Decimal("4.50"), YEAR.start),
    }
    history = ReferenceFigure.objects.first().history.get()
    assert history.history_change_reason.startswith("Recorded by import from file ")
    assert history.history_user == psd_head

    again = reference_figures_import(upload=make(), acting_user=psd_head, commit=True)
    assert again.written == 0
    assert [row.status for row in again.rows] == ["unchanged"] * 3
    assert ReferenceFigure.history.model.objects.count() == 3


def test_an_import_corrects_a_changed_figure(psd_head):
    reference_figures_import(upload=_csv(), acting_user=psd_head, commit=True)
    rows = [(*ROWS[0][:4], "289.5", *ROWS[0][5:]), *ROWS[1:]]
    result = reference_figures_import(upload=_csv(rows), acting_user=psd_head, commit=True)
    assert [row.status for row in result.rows] == ["correction", "unchanged", "unchanged"]
    assert result.rows[0].previous == Decimal("287.00")
    assert result.written == 1
    assert ReferenceFigure.objects.get(measure_key=ROWS[0][0]).value == Decimal("289.50")


def test_an_import_with_a_bad_row_writes_nothing_and_says_what_is_wrong_row_by_row(psd_head):
    rows = [
        *ROWS,
        ("parking.fines", "national", "2024-04-01", "2025-03-31", "3", SOURCE),
        ("complaints.days_to_log", "national", "31/13/2024", "2025-03-31", "4", SOURCE),
        ("complaints.days_to_log", "national", "2025-04-01", "2025-03-31", "x", ""),
        ROWS[0],
    ]
    with pytest.raises(ValidationError) as caught:
        reference_figures_import(upload=_csv(rows), acting_user=psd_head, commit=True)
    assert caught.value.message_dict["file"] == [
        "4 rows of the file have errors: nothing was imported"
    ]
    assert not ReferenceFigure.objects.exists()
    preview = reference_figures_import(upload=_csv(rows), acting_user=psd_head, commit=False)
    assert [(row.line, row.errors) for row in preview.errors] == [
        (
            5,
            [NOT_A_SECTION],
        ),
        (6, ["period start must be a date, as 2025-03-31 or 31/03/2025"]),
        (
            7,
            [
                "The value must be a number, as 131.5",
                "Enter the publication the figure comes from",
                "period end must be the same as or after period start",
            ],
        ),
        (8, ["repeats row 2"]),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The selected file is empty"),
        (b"%PDF-1.7 not a table", "The selected file must be a CSV or XLSX file"),
        (
            b"PK\x03\x04 a zip that is not a workbook",
            "The selected file must be a CSV or XLSX file",
        ),
        (
            b"measure,scope,value\ncomplaints.days_to_log,national,4\n",
            "The file must have the columns measure, scope, period start, period end, value, "
            "source (missing period start, period end, source)",
        ),
        (
            b"measure,scope,period start,period end,value,source\n",
            "The selected file has no rows to import",
        ),
    ],
)
def test_a_file_that_is_not_a_table_of_figures_is_refused(psd_head, data, message):
    with pytest.raises(ValidationError) as caught:
        reference_figures_import(upload=data, acting_user=psd_head, commit=False)
    assert caught.value.message_dict["file"] == [message]


def test_the_demo_seeds_the_national_figures_for_the_last_complete_year_once():
    UserFactory(username="psd.head", roles=[Role.STAFF, Role.PSD_DECISION_MAKER])
    today = dt.date(2026, 12, 1)
    assert seed_reference_figures(today=today, rng=random.Random(1)) == 3
    assert seed_reference_figures(today=today, rng=random.Random(1)) == 0
    assert reference_figures_for(Period.financial_year(2025)) == {
        ("complaints.cases_logged.per_1000", ReferenceScope.NATIONAL): Decimal("287.00"),
        ("complaints.allegations_logged.per_1000", ReferenceScope.NATIONAL): Decimal("538.00"),
        ("complaints.days_to_log", ReferenceScope.NATIONAL): Decimal("4.00"),
    }
    assert set(ReferenceFigure.objects.values_list("source", flat=True)) == {
        "IOPC, Police complaints: statistics for England and Wales 2025/26"
    }


# The pages --------------------------------------------------------------------------------------


def test_the_list_groups_figures_by_period_for_each_reader(
    client_for, psd_head, ccu_head, board_member, django_assert_max_num_queries
):
    reference_figures_import(upload=_csv(), acting_user=psd_head, commit=True)
    _record(
        psd_head, period_start=dt.date(2023, 4, 1), period_end=dt.date(2024, 3, 31), value="280"
    )
    for user, may_change in ((psd_head, True), (board_member, True), (ccu_head, False)):
        client = client_for(user)
        before = AccessLogEntry.objects.count()
        with django_assert_max_num_queries(25):
            response = client.get(reverse("board:reference_list"))
        assert response.status_code == 200
        page = response.content.decode()
        assert page.index("Financial year 2024/25") < page.index("Financial year 2023/24")
        assert [len(period["figures"]) for period in response.context["periods"]] == [3, 1]
        assert "538.00" in page and "Most similar forces" in page
        assert ("Import figures from a file" in page) is may_change
        entry = AccessLogEntry.objects.order_by("-pk").first()
        assert AccessLogEntry.objects.count() == before + 1
        assert entry.result_count == 4
        # A CCU member's row is filed under the CCU (opaque to the auditor).
        assert entry.area == (Area.CCU if user == ccu_head else Area.BOARD)


def test_nobody_else_sees_the_pages(client_for, psd_head, caseworker, ccu_analyst, staff_member):
    figure = _record(psd_head)
    for user in (caseworker, ccu_analyst, staff_member):
        client = client_for(user)
        for url in (
            reverse("board:reference_list"),
            reverse("board:reference_new"),
            reverse("board:reference_import"),
            reverse("board:reference_edit", kwargs={"pk": figure.pk}),
        ):
            assert client.get(url).status_code == 404


def test_the_head_of_psd_adds_a_figure(client_for, psd_head):
    response = client_for(psd_head).post(
        reverse("board:reference_new"),
        {
            "measure_key": "complaints.days_to_log",
            "scope": "national",
            "period_start_day": "1",
            "period_start_month": "4",
            "period_start_year": "2024",
            "period_end_day": "31",
            "period_end_month": "3",
            "period_end_year": "2025",
            "value": "4.2",
            "source": SOURCE,
        },
    )
    assert response.status_code == 302
    figure = ReferenceFigure.objects.get()
    assert (figure.measure_key, figure.value, figure.period_end) == (
        "complaints.days_to_log",
        Decimal("4.20"),
        YEAR.end,
    )


def test_a_refused_figure_shows_the_services_message_on_its_field(client_for, board_member):
    response = client_for(board_member).post(
        reverse("board:reference_new"),
        {
            "measure_key": "parking.fines",
            "scope": "national",
            "period_start_day": "1",
            "period_start_month": "4",
            "period_start_year": "2024",
            "period_end_day": "31",
            "period_end_month": "3",
            "period_end_year": "2025",
            "value": "4.2",
            "source": SOURCE,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["measure_key"] == [NOT_A_SECTION]
    assert not ReferenceFigure.objects.exists()


def test_the_import_page_previews_then_imports_on_confirmation(client_for, board_member):
    client = client_for(board_member)
    url = reverse("board:reference_import")
    upload = SimpleUploadedFile("figures.txt", _xlsx())  # recognised by content, not name
    response = client.post(url, {"preview": "1", "file": upload})
    assert response.status_code == 200
    assert "3 rows read: 3 new, 0 corrections, 0 already recorded" in response.content.decode()
    assert not ReferenceFigure.objects.exists()
    digest = response.context["preview"].digest
    response = client.post(url, {"confirm": "1", "digest": digest})
    assert response.status_code == 302
    assert ReferenceFigure.objects.count() == 3


def test_the_import_page_shows_the_row_errors_and_imports_nothing(client_for, psd_head):
    client = client_for(psd_head)
    rows = [*ROWS, ("complaints.days_to_log", "national", "2024-04-01", "2025-03-31", "-2", SOURCE)]
    response = client.post(
        reverse("board:reference_import"),
        {"preview": "1", "file": SimpleUploadedFile("f.csv", _csv(rows))},
    )
    page = response.content.decode()
    assert "1 with errors" in page
    assert "The value must be 0 or more" in page
    assert "Import 3 figures" not in page
    assert not ReferenceFigure.objects.exists()


def test_the_figure_page_corrects_for_the_board_and_reads_only_for_the_ccu_head(
    client_for, psd_head, board_member, ccu_head
):
    figure = _record(psd_head)
    url = reverse("board:reference_edit", kwargs={"pk": figure.pk})
    ccu = client_for(ccu_head)
    page = ccu.get(url).content.decode()
    assert "Correct the figure" not in page and "287.00" in page
    assert ccu.post(url, {"value": "1", "source": SOURCE}).status_code == 403
    response = client_for(board_member).post(url, {"value": "290", "source": SOURCE})
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.value == Decimal("290.00")
    page = client_for(psd_head).get(url).content.decode()
    assert "Corrected by hand (was 287.00)" in page
    entry = AccessLogEntry.objects.order_by("-pk").first()
    assert entry.area == Area.BOARD
