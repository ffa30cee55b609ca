"""The board's charts: SVG that parses, escapes what it is given, names itself for assistive
technology, draws exactly the figures it may (none for a suppressed one), and says in words what
it shows."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from standards.board.charts import Series, bar_chart, line_chart, rate_chart

SVG = "{http://www.w3.org/2000/svg}"
CATEGORIES = ("Delivery of duties and service", "Individual behaviours", "Sexual conduct", "Other")
QUARTERS = ("Q3 2024/25", "Q4 2024/25", "Q1 2025/26", "Q2 2025/26")


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own markup, parsed to check it


def _bars(root: ET.Element) -> list[ET.Element]:
    return [rect for rect in root.iter(f"{SVG}rect") if "data-value" in rect.attrib]


def _texts(root: ET.Element) -> list[str]:
    return ["".join(text.itertext()) for text in root.iter(f"{SVG}text")]


def _allegations() -> Series:
    return Series(
        label="Allegations",
        values=(412, 198, None, 9),
        shown=("412", "198", "fewer than 5", "9"),
    )


def test_bar_chart_draws_one_bar_per_figure_in_proportion_and_none_for_a_suppressed_one():
    chart = bar_chart(
        key="complaints.categories",
        title="Allegations",
        categories=CATEGORIES,
        series=[_allegations()],
    )
    root = _parse(chart.svg)
    bars = _bars(root)
    assert [bar.get("data-value") for bar in bars] == ["412", "198", "9"]
    widths = [float(bar.get("width")) for bar in bars]
    assert widths[1] / widths[0] == pytest.approx(198 / 412, rel=1e-3)
    assert widths[2] / widths[0] == pytest.approx(9 / 412, rel=1e-2)
    # The bars start together, and the suppressed category prints its text with no bar.
    assert len({bar.get("x") for bar in bars}) == 1
    texts = _texts(root)
    assert "fewer than 5" in texts
    assert {"412", "198", "9"} <= set(texts)


def test_bar_chart_table_is_the_input_and_alt_names_largest_and_smallest():
    chart = bar_chart(
        key="complaints.categories",
        title="Allegations by category",
        categories=CATEGORIES,
        series=[_allegations()],
    )
    assert chart.headings == ("Category", "Allegations")
    assert chart.rows == (
        ("Delivery of duties and service", "412"),
        ("Individual behaviours", "198"),
        ("Sexual conduct", "fewer than 5"),
        ("Other", "9"),
    )
    assert chart.alt.startswith("Allegations by category. A bar chart of 4 categories.")
    assert "The largest is Delivery of duties and service (412)" in chart.alt
    assert "the smallest Other (9)" in chart.alt
    assert "1 figure is not drawn" in chart.alt


def test_side_by_side_bars_have_a_legend_and_stacked_bars_share_a_row():
    series = [
        Series("Accepted", (120, 80, None), ("120", "80", "fewer than 5")),
        Series("Declined", (45, 30, 7), ("45", "30", "7")),
    ]
    categories = ("Officers", "Police staff", "Special constables")
    side = _parse(bar_chart(key="a", title="Gifts", categories=categories, series=series).svg)
    bars = _bars(side)
    assert [(bar.get("data-series"), bar.get("data-value")) for bar in bars] == [
        ("0", "120"),
        ("1", "45"),
        ("0", "80"),
        ("1", "30"),
        ("1", "7"),
    ]
    assert {"Accepted", "Declined"} <= set(_texts(side))  # the legend

    stacked = bar_chart(key="b", title="Gifts", categories=categories, series=series, stacked=True)
    bars = _bars(_parse(stacked.svg))
    first_row = [bar for bar in bars if bar.get("y") == bars[0].get("y")]
    assert [bar.get("data-value") for bar in first_row] == ["120", "45"]
    # The second segment starts where the first ends.
    assert float(first_row[1].get("x")) == pytest.approx(
        float(first_row[0].get("x")) + float(first_row[0].get("width")), abs=0.02
    )
    assert "Accepted: fewer than 5" in _texts(_parse(stacked.svg))
    assert stacked.headings == ("Category", "Accepted", "Declined")
    assert stacked.rows[2] == ("Special constables", "fewer than 5", "7")


def test_labels_from_data_are_escaped_and_the_svg_names_itself():
    chart = bar_chart(
        key="odd key/1",
        title='Gifts <script>alert("x")</script> & more',
        categories=("<b>bold</b> & co",),
        series=[Series('A "quoted" <series>', (3,), ("<i>3</i>",))],
    )
    assert "<script" not in chart.svg
    assert "<b>" not in chart.svg and "<i>" not in chart.svg
    root = _parse(chart.svg)  # parses as XML: everything is escaped
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-odd-key-1-title chart-odd-key-1-desc"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title.get("id") == "chart-odd-key-1-title"
    assert title.text == 'Gifts <script>alert("x")</script> & more'
    assert desc.get("id") == "chart-odd-key-1-desc"
    assert desc.text == chart.alt
    assert "<b>bold</b> & co" in _texts(root)
    assert "<i>3</i>" in _texts(root)


def test_charts_use_no_style_script_or_class_and_text_is_at_least_14px():
    charts = [
        bar_chart(key="a", title="A", categories=CATEGORIES, series=[_allegations()]),
        line_chart(key="b", title="B", categories=QUARTERS, series=[_trend()]),
        rate_chart(
            key="c", title="C", groups=("Black", "White"), rri=(2.5, 1.0), shown=("2.50", "1.00")
        ),
    ]
    for chart in charts:
        root = _parse(chart.svg)
        for element in root.iter():
            assert "style" not in element.attrib
            assert "class" not in element.attrib
            assert not element.tag.endswith("script")
            if element.tag == f"{SVG}text":
                assert int(element.get("font-size")) >= 14
    ids = [
        element.get("id")
        for chart in charts
        for element in _parse(chart.svg).iter()
        if element.get("id")
    ]
    assert len(ids) == len(set(ids)) == 6


def _trend() -> Series:
    return Series(
        label="Cases logged",
        values=(310, None, 345, 389),
        shown=("310", "fewer than 5", "345", "389"),
    )


def test_line_chart_breaks_the_line_at_a_gap_and_says_the_change():
    chart = line_chart(
        key="complaints.trend", title="Complaint cases", categories=QUARTERS, series=[_trend()]
    )
    root = _parse(chart.svg)
    (path,) = [path for path in root.iter(f"{SVG}path") if path.get("data-series") == "0"]
    moves = path.get("d").split()
    # Two pieces: the first quarter alone, then the last two joined.
    assert [part[0] for part in moves if part[0].isalpha()] == ["M", "M", "L"]
    assert len(list(root.iter(f"{SVG}circle"))) == 3  # a marker per drawn quarter
    texts = _texts(root)
    assert {"Q3", "2024/25", "Q2", "2025/26"} <= set(texts)
    assert "389" in texts  # the last value at the line's end
    assert chart.headings == ("Quarter", "Cases logged")
    assert chart.rows == (
        ("Q3 2024/25", "310"),
        ("Q4 2024/25", "fewer than 5"),
        ("Q1 2025/26", "345"),
        ("Q2 2025/26", "389"),
    )
    assert chart.alt == (
        "Complaint cases. A line chart of Cases logged by quarter, Q3 2024/25 to Q2 2025/26. "
        "389 in Q2 2025/26, up 25% from 310 in Q3 2024/25; the highest was 389 in Q2 2025/26. "
        "1 quarter is not drawn: the table gives the reason."
    )


def test_line_chart_gridlines_are_round_numbers_from_zero():
    chart = line_chart(key="t", title="T", categories=QUARTERS, series=[_trend()])
    texts = _texts(_parse(chart.svg))
    assert [text for text in texts if text in {"0", "100", "200", "300", "400"}] == [
        "0",
        "100",
        "200",
        "300",
        "400",
    ]


def test_rate_chart_marks_parity_the_band_and_the_reference_group():
    chart = rate_chart(
        key="conduct.rri",
        title="Subjects of conduct matters",
        groups=("Asian", "Black", "Mixed", "Other", "White"),
        rri=(1.12, 2.31, 0.71, None, 1.0),
        shown=("1.12", "2.31", "0.71", "fewer than 5", "1.00"),
    )
    root = _parse(chart.svg)
    dots = [circle for circle in root.iter(f"{SVG}circle") if "data-value" in circle.attrib]
    assert [dot.get("data-value") for dot in dots] == ["1.12", "2.31", "0.71", "1"]
    reference = dots[-1]
    assert reference.get("fill") == "#ffffff"  # the reference group: an open ring
    texts = _texts(root)
    assert {"0.8 to 1.25", "1 = same rate", "reference", "fewer than 5"} <= set(texts)
    # On a log scale: 2.31 and its reciprocal are the same distance either side of parity.
    x = {dot.get("data-value"): float(dot.get("cx")) for dot in dots}
    assert x["1.12"] > x["1"] > x["0.71"]
    assert chart.rows == (
        ("Asian", "1.12"),
        ("Black", "2.31"),
        ("Mixed", "0.71"),
        ("Other", "fewer than 5"),
        ("White", "1.00"),
    )
    assert "against White" in chart.alt
    assert "The highest is Black (2.31) and the lowest Mixed (0.71)." in chart.alt
    assert "Outside the band: Mixed (0.71) and Black (2.31)." in chart.alt
    assert "No index is shown for Other" in chart.alt


def test_the_include_draws_the_figure_alternative_and_table():
    chart = bar_chart(
        key="complaints.categories",
        title="Allegations <by> category",
        categories=CATEGORIES,
        series=[_allegations()],
    )
    html = render_to_string("board/includes/chart.html", {"chart": chart})
    assert html.count(chart.svg) == 1
    assert "<figcaption" in html and "Allegations &lt;by&gt; category</figcaption>" in html
    assert "Show the figures" in html
    assert html.count('<td class="govuk-table__cell govuk-table__cell--numeric">') == 4
    assert '<th scope="row" class="govuk-table__header">Sexual conduct</th>' in html
    assert ">fewer than 5</td>" in html
    assert "The largest is Delivery of duties and service (412)" in html
