"""The quarterly report: the commentary's choice and wording, the CSV's rows, and the PDF, which
prints every figure of the summary exactly as the page does and no suppressed number."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import pypdfium2
import pytest
from django.urls import reverse

from standards.access.models import AccessAction, AccessLogEntry, Area
from standards.board import report
from standards.board.charts import Series, bar_chart, line_chart, rate_chart
from standards.board.summary import (
    FigureRow,
    Grid,
    GridRow,
    RateRow,
    RateTable,
    Shown,
    Summary,
    SummarySection,
)
from standards.core.periods import Period, Quarter, quarters_ending
from tests.complaints.factories import CaseFactory
from tests.form_data import date_parts

PERIOD = Period.quarter(2025, 2)  # Q2 2025/26 (July to September 2025)
COUNTED_AT = dt.datetime(2025, 10, 6, 9, 30, tzinfo=dt.UTC)
# A number carried by a suppressed figure: the report must print the figure's text, never this.
HIDDEN = Decimal(4817)


def n(text: str) -> Shown:
    """A figure as printed, with its number."""
    number = re.sub(r"[£,%]", "", text)
    return Shown(text=text, number=Decimal(number))


FEWER = Shown(text="fewer than 5", number=Decimal(3), suppressed=True)
NOT_SHOWN = Shown(text="not shown", number=HIDDEN, suppressed=True)
DASH = Shown(text="-")


def row(key, label, current, previous, year_before, *, unit="count", national=None, similar=None):
    return FigureRow(
        key=key,
        label=label,
        hint="",
        unit=unit,
        current=current,
        previous=previous,
        year_before=year_before,
        national=national,
        similar=similar,
    )


def _trend(key: str, title: str, values: list[int | None]) -> object:
    quarters = [quarter.label for quarter in quarters_ending(PERIOD.end, 8)]
    shown = tuple("fewer than 5" if value is None else f"{value:,}" for value in values)
    return line_chart(
        key=key,
        title=title,
        categories=quarters,
        series=[Series(label="Cases", values=tuple(values), shown=shown)],
    )


def build_known_summary() -> Summary:
    categories = Grid(
        key="complaints.categories",
        title="Allegations by IOPC category",
        hint="Allegations logged in the period, by the category of the first allegation.",
        row_heading="Category",
        columns=("Officers", "Staff"),
        rows=(
            GridRow("Use of force", (n("120"), n("18")), n("138")),
            GridRow("Discriminatory behaviour", (n("9"), FEWER), NOT_SHOWN),
            GridRow("Access and disclosure of information", (n("14"), NOT_SHOWN), NOT_SHOWN),
        ),
        totals=GridRow("Total", (n("143"), n("25")), n("168")),
        chart=bar_chart(
            key="complaints-categories",
            title="Allegations by IOPC category",
            categories=["Use of force", "Discriminatory behaviour", "Access and disclosure"],
            series=[
                Series("Officers", (120, 9, 14), ("120", "9", "14")),
                Series("Staff", (18, None, None), ("18", "fewer than 5", "not shown")),
            ],
        ),
    )
    complaints = SummarySection(
        key="complaints",
        title="Complaints",
        summary="Complaints logged under Schedule 3 of the Police Reform Act 2002.",
        sensitive=False,
        figures=(
            row("complaints.cases_logged", "Complaint cases logged", n("368"), n("312"), n("340")),
            row(
                "complaints.cases_logged.per_1000",
                "Complaint cases per 1,000 employees",
                n("33.5"),
                n("28.6"),
                n("31.2"),
                unit="rate",
                national=n("30.1"),
                similar=n("29.4"),
            ),
            row(
                "complaints.cases_logged.per_100",
                "Complaint cases per 100 workforce",
                n("3.4"),
                n("2.9"),
                n("3.1"),
                unit="rate",
            ),
            row(
                "complaints.allegations_logged",
                "Allegations logged",
                n("690"),
                n("700"),
                n("720"),
            ),
            row(
                "complaints.reviews_received_pct",
                "Reviews received as a share of cases",
                n("12.5%"),
                n("10.0%"),
                n("12.0%"),
                unit="percent",
            ),
            row("complaints.withdrawn", "Complaints withdrawn", FEWER, n("12"), n("30")),
        ),
        grids=(categories,),
        trends=(
            _trend(
                "complaints-trend",
                "Complaint cases logged by quarter",
                [301, 322, 290, 335, 340, 318, 312, 368],
            ),
        ),
    )
    conduct = SummarySection(
        key="conduct",
        title="Conduct",
        summary="Conduct matters recorded under the Police (Conduct) Regulations 2020.",
        sensitive=False,
        figures=(
            row("conduct.matters_recorded", "Conduct matters recorded", n("45"), n("30"), n("52")),
            row(
                "conduct.matters_recorded.per_1000",
                "Conduct matters per 1,000 employees",
                n("4.1"),
                n("2.7"),
                n("4.8"),
                unit="rate",
            ),
            row(
                "conduct.average_days",
                "Average working days to finalise a matter",
                n("74.8"),
                n("85.0"),
                n("80.1"),
                unit="days",
            ),
            row("conduct.suspensions", "Officers suspended", FEWER, n("0"), FEWER),
            row(
                "conduct.gross_misconduct_hearings",
                "Gross misconduct hearings held",
                n("6"),
                n("0"),
                FEWER,
            ),
            row("conduct.accelerated", "Accelerated hearings held", DASH, n("7"), n("9")),
        ),
        grids=(),
        trends=(),
    )
    gifts = SummarySection(
        key="gifts",
        title="Gifts and hospitality",
        summary="Gifts and hospitality offered to the force's officers and staff.",
        sensitive=False,
        figures=(
            row("gifts.offered", "Gifts and hospitality offered", n("14"), n("12"), n("14")),
            row(
                "gifts.offered_value",
                "Value of gifts offered",
                n("£120"),
                n("£40"),
                n("£100"),
                unit="money",
            ),
        ),
        grids=(),
        trends=(),
    )
    groups = ["White", "Black", "Asian", "Mixed"]
    ethnicity = RateTable(
        key="complaints.ethnicity",
        title="Subjects of complaints, by ethnicity",
        dimension="ethnicity",
        reference_group="White",
        rows=(
            RateRow("White", n("8,912"), n("240"), n("26.9"), n("1.00"), True, True),
            RateRow("Black", n("412"), n("21"), n("51.0"), n("1.89"), False, False),
            RateRow("Asian", n("1,050"), n("30"), n("28.6"), n("1.06"), False, True),
            RateRow("Mixed", n("210"), FEWER, NOT_SHOWN, NOT_SHOWN, False, None),
        ),
        chart=rate_chart(
            key="complaints-ethnicity",
            title="Subjects of complaints, relative rate index by ethnicity",
            groups=groups,
            rri=[1.0, 1.89, 1.06, None],
            shown=["1.00", "1.89", "1.06", "not shown"],
        ),
    )
    return Summary(
        period=PERIOD,
        previous=PERIOD.previous(),
        year_before=PERIOD.year_before(),
        workforce=10_985,
        counted_at=COUNTED_AT,
        sections=(complaints, conduct, gifts),
        disproportionality=(ethnicity,),
    )


@pytest.fixture
def known() -> Summary:
    return build_known_summary()


def figure_texts(summary: Summary) -> set[str]:
    """Every figure the summary prints."""
    texts: set[str] = set()
    for section in summary.sections:
        for figure in section.figures:
            for shown in (figure.current, figure.previous, figure.year_before):
                texts.add(shown.text)
            for shown in (figure.national, figure.similar):
                if shown is not None:
                    texts.add(shown.text)
        for grid in section.grids:
            for grid_row in (*grid.rows, grid.totals):
                texts.update(shown.text for shown in (*grid_row.cells, grid_row.total))
    for table in summary.disproportionality:
        for rate_row in table.rows:
            for shown in (rate_row.headcount, rate_row.events, rate_row.rate, rate_row.rri):
                texts.add(shown.text)
    return texts


def pdf_pages(data: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(io.BytesIO(data))
    return [
        " ".join(document[index].get_textpage().get_text_range().split())
        for index in range(len(document))
    ]


# The commentary ------------------------------------------------------------------------------


def test_the_commentary_leads_with_the_largest_changes_in_plain_english(known):
    assert report.commentary(known) == [
        "Conduct matters recorded rose by 50% on the previous quarter (from 30 to 45), but fell"
        " by 13% on the same quarter last year (from 52).",
        "Gross misconduct hearings held rose from 0 to 6 on the previous quarter.",
        "Reviews received as a share of cases rose by 2.5 percentage points on the previous"
        " quarter (from 10.0% to 12.5%).",
        "Complaint cases logged rose by 18% on the previous quarter (from 312 to 368), and by 8%"
        " on the same quarter last year (from 340).",
        "Value of gifts offered rose by 200% on the previous quarter (from £40 to £120).",
    ]


def test_a_small_figure_does_not_lead_however_far_it_moves(known):
    sentences = report.commentary(known, limit=10)
    # £40 to £120 is 200%, but on a small sum: it comes after 312 to 368 (18%).
    assert [sentence.split(" rose")[0].split(" fell")[0] for sentence in sentences] == [
        "Conduct matters recorded",
        "Gross misconduct hearings held",
        "Reviews received as a share of cases",
        "Complaint cases logged",
        "Value of gifts offered",
        "Average working days to finalise a matter",
        "Gifts and hospitality offered",
    ]
    assert sentences[5] == (
        "Average working days to finalise a matter fell by 12% on the previous quarter (from"
        " 85.0 to 74.8), and by 7% on the same quarter last year (from 80.1)."
    )
    assert sentences[6] == (
        "Gifts and hospitality offered rose by 17% on the previous quarter (from 12 to 14)."
    )


def test_the_commentary_never_uses_a_suppressed_or_absent_figure_nor_a_rate(known):
    text = " ".join(report.commentary(known, limit=50))
    # Withdrawn complaints fell from 12 to "fewer than 5" (3 behind it), suspensions rose from 0,
    # accelerated hearings were not recorded: none is a sentence.
    assert "withdrawn" not in text
    assert "suspended" not in text
    assert "Accelerated" not in text
    # Each rate moved as its count did: the count is the sentence, never the rate as well.
    assert "per 1,000" not in text
    assert "per 100" not in text
    # Allegations moved by less than 5%.
    assert "Allegations" not in text


def test_a_year_is_compared_once_with_the_year_before(known):
    year = Period.financial_year(2024)
    summary = Summary(
        period=year,
        previous=year.previous(),
        year_before=year.year_before(),
        workforce=known.workforce,
        counted_at=known.counted_at,
        sections=known.sections[:1],
        disproportionality=(),
    )
    assert report.commentary(summary, limit=1) == [
        "Reviews received as a share of cases rose by 2.5 percentage points on the previous"
        " year (from 10.0% to 12.5%)."
    ]


def test_dates_of_ones_own_are_compared_with_the_period_before_and_a_year_earlier():
    period = Period.custom(dt.date(2025, 5, 1), dt.date(2025, 8, 31))
    section = SummarySection(
        key="gifts",
        title="Gifts and hospitality",
        summary="",
        sensitive=False,
        figures=(row("gifts.declined", "Gifts declined", n("30"), n("20"), n("0")),),
        grids=(),
        trends=(),
    )
    summary = Summary(
        period=period,
        previous=period.previous(),
        year_before=period.year_before(),
        workforce=900,
        counted_at=COUNTED_AT,
        sections=(section,),
        disproportionality=(),
    )
    assert report.commentary(summary) == [
        "Gifts declined rose from 0 to 30 on the same period last year, and by 50% on the period"
        " before (from 20)."
    ]


# The CSV -------------------------------------------------------------------------------------


def test_the_csv_has_a_row_per_figure_then_the_grids_cells_and_the_rate_tables(known):
    dataset = report.board_report_dataset(known)
    assert dataset.headers == [
        "Section",
        "Key",
        "Label",
        "Column",
        "This period (Q2 2025/26)",
        "Previous period (Q1 2025/26)",
        "Same period last year (Q2 2024/25)",
        "National",
        "Most similar forces",
    ]
    rows = [list(item) for item in dataset]
    assert len(rows) == 14 + 4 * 3 + 4 * 5
    assert rows[0] == [
        "Complaints",
        "complaints.cases_logged",
        "Complaint cases logged",
        "",
        "368",
        "312",
        "340",
        "",
        "",
    ]
    assert rows[1][1] == "complaints.cases_logged.per_1000"
    assert rows[1][4:] == ["33.5", "28.6", "31.2", "30.1", "29.4"]
    assert rows[5] == [
        "Complaints",
        "complaints.withdrawn",
        "Complaints withdrawn",
        "",
        "fewer than 5",
        "12",
        "30",
        "",
        "",
    ]
    assert rows[11][4:7] == ["-", "7", "9"]
    assert rows[13][4:7] == ["£120", "£40", "£100"]
    label = "Allegations by IOPC category: Discriminatory behaviour"
    assert rows[17:20] == [
        ["Complaints", "complaints.categories", label, "Officers", "9", "", "", "", ""],
        ["Complaints", "complaints.categories", label, "Staff", "fewer than 5", "", "", "", ""],
        ["Complaints", "complaints.categories", label, "Total", "not shown", "", "", "", ""],
    ]
    assert rows[24][2:5] == ["Allegations by IOPC category: Total", "Staff", "25"]
    assert rows[26][:5] == [
        "Disproportionality",
        "complaints.ethnicity",
        "Subjects of complaints, by ethnicity: White (reference group)",
        "Headcount",
        "8,912",
    ]
    mixed = [item[3:5] for item in rows if item[2].endswith(": Mixed")]
    assert mixed == [
        ["Headcount", "210"],
        ["People", "fewer than 5"],
        ["Rate per 1,000", "not shown"],
        ["Relative rate index", "not shown"],
        ["Within the parity band", "Not shown"],
    ]
    black = [item[4] for item in rows if item[2].endswith(": Black")]
    assert black == ["412", "21", "51.0", "1.89", "No"]
    assert str(HIDDEN) not in dataset.export("csv")


# The PDF -------------------------------------------------------------------------------------


@pytest.fixture
def known_pdf(known, settings) -> bytes:
    settings.FORCE_NAME = "Northmoor Police"
    return report.board_report_pdf(known, commentary=report.commentary(known))


def test_the_pdf_prints_every_figure_of_the_summary_and_no_suppressed_number(known, known_pdf):
    assert known_pdf.startswith(b"%PDF")
    pages = pdf_pages(known_pdf)
    text = " ".join(pages)
    missing = [
        figure
        for figure in sorted(figure_texts(known))
        if not re.search(rf"(?<![\w.,£]){re.escape(figure)}(?![\w%])", text)
    ]
    assert missing == []
    assert str(HIDDEN) not in text
    assert f"{HIDDEN:,}" not in text
    for sentence in report.commentary(known):
        assert sentence in text


def test_the_pdf_has_a_cover_contents_chapters_and_page_numbers(known, known_pdf):
    pages = pdf_pages(known_pdf)
    cover = pages[0]
    assert "Integrity board report" in cover
    assert "Q2 2025/26 (July to September 2025)" in cover
    assert "Northmoor Police" in cover
    assert "OFFICIAL-SENSITIVE" in cover
    assert "Made on" in cover
    contents = pages[1]
    assert contents.startswith("Contents")
    for heading in [
        "1. Largest changes",
        "2. Complaints",
        "3. Conduct",
        "4. Gifts and hospitality",
        "5. Disproportionality",
        "About these figures",
    ]:
        assert heading in contents
    assert pages[2].startswith("1. Largest changes")
    assert f"Page 3 of {len(pages)}" in pages[2]
    text = " ".join(pages)
    assert "0.80 to 1.25" in text
    assert '"fewer than 5" A count from 1 to 4' in text
    assert '"not shown" A figure held back' in text


def test_the_cover_names_the_directorate_when_the_force_is_not_set(known, settings):
    settings.FORCE_NAME = ""
    cover = pdf_pages(report.board_report_pdf(known, commentary=[]))[0]
    assert "Directorate of Standards and Ethics" in cover


def test_the_pdf_pages_render_as_images(known_pdf):
    document = pypdfium2.PdfDocument(io.BytesIO(known_pdf))
    for index in range(len(document)):
        image = document[index].render(scale=1.5).to_pil()
        image.save(Path(tempfile.gettempdir()) / f"report-{index + 1}.png")
        assert image.size == (893, 1263)  # A4 at 1.5 x 72 dpi


# The pages -----------------------------------------------------------------------------------


def _last_complete_quarter() -> Quarter:
    return Quarter.holding(Quarter.holding(dt.date.today()).start - dt.timedelta(days=1))


def _log_rows(user, action) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(user=user, area=Area.BOARD, action=action))


@pytest.mark.django_db
def test_the_report_page_offers_the_last_complete_quarter_by_default(board_member, client_for):
    quarter = _last_complete_quarter()
    response = client_for(board_member).get(reverse("board:report"))
    assert response.status_code == 200
    page = response.content.decode()
    query = f"period=quarter&amp;quarter={quarter.key}"
    assert f'<h2 class="govuk-heading-m">{quarter.long_label}</h2>' in page
    assert f'href="{reverse("board:report_pdf")}?{query}" download>Download the PDF</a>' in page
    assert (
        f'href="{reverse("board:report_csv")}?{query}" download>Download the figures (CSV)</a>'
    ) in page
    # The form starts on that quarter too.
    assert f'value="{quarter.key}" selected' in page
    assert len(_log_rows(board_member, AccessAction.SEARCH)) == 1


@pytest.mark.django_db
def test_the_report_page_carries_the_period_chosen_to_both_downloads(psd_head, client_for):
    response = client_for(psd_head).get(reverse("board:report"), {"period": "year", "year": "2024"})
    page = response.content.decode()
    assert '<h2 class="govuk-heading-m">Financial year 2024/25</h2>' in page
    assert f'href="{reverse("board:report_pdf")}?period=year&amp;year=2024"' in page
    assert f'href="{reverse("board:report_csv")}?period=year&amp;year=2024"' in page


@pytest.mark.django_db
def test_the_report_page_says_what_is_wrong_with_a_period_and_offers_no_download(
    ccu_head, client_for
):
    response = client_for(ccu_head).get(
        reverse("board:report"),
        {"period": "custom", **date_parts("date_from", dt.date(2025, 6, 1))},
    )
    page = response.content.decode()
    assert "Enter the end date" in page
    assert "Download the PDF" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["board:report", "board:report_pdf", "board:report_csv"])
def test_the_report_is_a_404_for_everyone_but_board_readers(name, caseworker, client_for):
    assert client_for(caseworker).get(reverse(name)).status_code == 404
    assert not AccessLogEntry.objects.filter(user=caseworker).exists()


@pytest.mark.django_db
def test_the_pdf_is_a_disclosure_named_for_its_period(board_member, client_for):
    response = client_for(board_member).get(
        reverse("board:report_pdf"), {"period": "quarter", "quarter": "2025-2"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="integrity-board-report-2025-07-01-to-2025-09-30.pdf"'
    )
    pages = pdf_pages(response.content)
    assert "Q2 2025/26 (July to September 2025)" in pages[0]
    assert len(_log_rows(board_member, AccessAction.DISCLOSURE)) == 1


@pytest.mark.django_db
def test_the_csv_is_a_disclosure_named_for_its_period(board_member, client_for):
    response = client_for(board_member).get(
        reverse("board:report_csv"), {"period": "quarter", "quarter": "2025-2"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="integrity-board-report-2025-07-01-to-2025-09-30-figures.csv"'
    )
    header = next(csv.reader(io.StringIO(response.content.decode())))
    assert header[4:7] == [
        "This period (Q2 2025/26)",
        "Previous period (Q1 2025/26)",
        "Same period last year (Q2 2024/25)",
    ]
    assert len(_log_rows(board_member, AccessAction.DISCLOSURE)) == 1


@pytest.mark.django_db
def test_an_invalid_period_sends_the_download_back_to_the_report_page(board_member, client_for):
    response = client_for(board_member).get(
        reverse("board:report_pdf"), {"period": "quarter", "quarter": "1999-9"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('board:report')}?period=quarter&quarter=1999-9"
    assert not _log_rows(board_member, AccessAction.DISCLOSURE)


FIGURE = re.compile(r"^(£?\d[\d,]*(\.\d+)?%?|fewer than 5|not shown|-)$")
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.DOTALL)


@pytest.mark.django_db
def test_the_pdf_prints_every_figure_the_summary_page_prints(board_member, client_for):
    """The summary page and the PDF read the same Summary: every figure cell of the page for the
    quarter is in the PDF's text."""
    quarter = _last_complete_quarter()
    previous = Quarter.holding(quarter.start - dt.timedelta(days=1))
    CaseFactory.create_batch(23, received_on=quarter.start, logged_on=quarter.start)
    CaseFactory.create_batch(3, received_on=previous.start, logged_on=previous.start)
    client = client_for(board_member)
    query = {"period": "quarter", "quarter": quarter.key}
    page = client.get(reverse("board:summary"), query)
    assert page.status_code == 200
    cells = [
        " ".join(re.sub(r"<[^>]+>", " ", cell).split())
        for cell in CELL.findall(page.content.decode())
    ]
    figures = {html.unescape(cell) for cell in cells if FIGURE.match(html.unescape(cell))}
    assert "23" in figures
    text = " ".join(pdf_pages(client.get(reverse("board:report_pdf"), query).content))
    missing = [
        figure
        for figure in sorted(figures)
        if not re.search(rf"(?<![\w.,£]){re.escape(figure)}(?![\w%])", text)
    ]
    assert missing == []
