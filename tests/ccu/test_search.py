"""Search and the link chart show only what the viewer may see: a report and a nominal in an
operation the analyst is not in appear in no result, count or chart; search never reads the
original text or source; a member of the workforce never sees their own chart."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from guardian.shortcuts import assign_perm

from ccu.models import ReportSubject
from ccu.selectors import nominals as selectors
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.ccu.factories import NominalLinkFactory, OperationFactory, ReportFactory
from tests.ccu.factories_nominals import IndexedNominalFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(ccu_analyst, ccu_head):
    """An operation the analyst works on, one they are not in, and the intake; the same nominal
    name and the same word ("smuggling") in all three."""
    mine = OperationFactory(opened_by=ccu_head, code_name="Operation MINE")
    assign_perm("view_operation", ccu_analyst, mine)
    assign_perm("work_operation", ccu_analyst, mine)
    theirs = OperationFactory(opened_by=ccu_head, code_name="Operation THEIRS")
    person = PersonFactory(first_name="Terry", last_name="Target")
    other_member = PersonFactory(first_name="Olive", last_name="Other")
    hidden_member = PersonFactory(first_name="Harriet", last_name="Hidden")
    seen = ReportFactory(
        operation=mine,
        sanitised_text="Cigarette smuggling through the custody suite.",
        subjects=[person, other_member],
        source="Original words: the smuggling was seen by Constable Sourceperson.",
    )
    intake = ReportFactory(sanitised_text="Smuggling of tobacco reported by a neighbour.")
    hidden = ReportFactory(
        operation=theirs,
        sanitised_text="Smuggling of phones into custody.",
        subjects=[person, hidden_member],
    )
    general = IndexedNominalFactory(name="Smuggler Sam")
    secret = IndexedNominalFactory(name="Smuggler Steve", operation=theirs)
    NominalLinkFactory(report=seen, nominal=general, reason="Supplier")
    NominalLinkFactory(report=hidden, nominal=general, reason="Buyer")
    NominalLinkFactory(report=hidden, nominal=secret, reason="Courier")
    return {
        "mine": mine,
        "theirs": theirs,
        "person": person,
        "seen": seen,
        "intake": intake,
        "hidden": hidden,
        "general": general,
        "secret": secret,
        "hidden_member": hidden_member,
    }


def test_search_finds_only_what_the_analyst_may_see(ccu_analyst, world):
    results = selectors.search(user=ccu_analyst, query="smuggling")
    assert set(results.reports) == {world["seen"], world["intake"]}
    assert results.reports.count() == 2
    nominals = selectors.search(user=ccu_analyst, query="smuggler")
    assert list(nominals.nominals) == [world["general"]]


def test_the_head_finds_everything(ccu_head, world):
    assert selectors.search(user=ccu_head, query="smuggling").reports.count() == 3
    assert selectors.search(user=ccu_head, query="smuggler").nominals.count() == 2


def test_search_page_counts_and_hides_the_other_operation(client_for, ccu_analyst, world):
    response = client_for(ccu_analyst).get(reverse("ccu:search"), {"q": "smuggling"})
    text = response.content.decode()
    assert "2 reports and 0 nominals" in text
    assert world["seen"].reference in text and world["hidden"].reference not in text
    text = client_for(ccu_analyst).get(reverse("ccu:search"), {"q": "smuggler"}).content.decode()
    assert "Smuggler Sam" in text and "Smuggler Steve" not in text
    assert "0 reports and 1 nominal " in text


def test_search_never_matches_the_original_text_or_source(ccu_head, world):
    # "Sourceperson" is only in the seen report's original text: the head may read that text,
    # but search reads the sanitised text alone.
    assert selectors.search(user=ccu_head, query="Sourceperson").reports.count() == 0
    assert selectors.search(user=ccu_head, query="Constable").reports.count() == 0


def test_search_takes_web_style_queries(ccu_analyst, world):
    assert selectors.search(user=ccu_analyst, query='"custody suite"').reports.count() == 1
    assert selectors.search(user=ccu_analyst, query="smuggling -tobacco").reports.count() == 1


def test_search_page_query_count_is_fixed(
    client_for, ccu_analyst, world, django_assert_max_num_queries
):
    for _ in range(30):
        ReportFactory(operation=world["mine"], sanitised_text="More smuggling reported.")
    client = client_for(ccu_analyst)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("ccu:search"), {"q": "smuggling"})
    assert response.status_code == 200


def _chart_data(response) -> dict:
    text = response.content.decode()
    start = text.index('<script id="ccu-chart-data" type="application/json">') + len(
        '<script id="ccu-chart-data" type="application/json">'
    )
    elements = json.loads(text[start : text.index("</script>", start)])
    return {element["data"]["id"]: element["data"] for element in elements}


def test_person_chart_draws_only_what_the_analyst_may_see(client_for, ccu_analyst, world):
    response = client_for(ccu_analyst).get(reverse("ccu:person_chart", args=[world["person"].pk]))
    assert response.status_code == 200
    data = _chart_data(response)
    labels = {item.get("label") for item in data.values()}
    assert world["seen"].reference in labels and "Smuggler Sam" in labels
    assert "Olive Other" in labels or any("Other" in (label or "") for label in labels)
    # Nothing from the operation the analyst is not in: not its report, its nominal, its
    # member, nor the link from the shared nominal to its report.
    assert world["hidden"].reference not in labels
    assert "Smuggler Steve" not in labels
    assert not any("Hidden" in (label or "") for label in labels)
    text = response.content.decode()
    assert world["hidden"].reference not in text and "Smuggler Steve" not in text
    assert "Buyer" not in text and "Courier" not in text
    # The same links as a table beneath.
    assert "Supplier" in text and 'data-testid="chart-links"' in text


def test_the_head_sees_the_whole_network(ccu_head, world):
    network = selectors.person_network(user=ccu_head, person=world["person"])
    assert f"report-{world['hidden'].pk}" in network.nodes
    assert f"nominal-{world['secret'].pk}" in network.nodes


def test_operation_chart_second_hop_stays_in_sight(client_for, ccu_analyst, world):
    network = selectors.operation_network(user=ccu_analyst, operation=world["mine"])
    assert f"report-{world['seen'].pk}" in network.nodes
    assert f"nominal-{world['general'].pk}" in network.nodes
    assert f"report-{world['hidden'].pk}" not in network.nodes
    response = client_for(ccu_analyst).get(reverse("ccu:operation_chart", args=[world["mine"].pk]))
    assert response.status_code == 200
    assert (
        client_for(ccu_analyst)
        .get(reverse("ccu:operation_chart", args=[world["theirs"].pk]))
        .status_code
        == 404
    )


def test_a_member_never_sees_their_own_chart(client_for, world):
    analyst = UserFactory(roles=[Role.CCU_ANALYST])
    url = reverse("ccu:person_chart", args=[analyst.person.pk])
    assert client_for(analyst).get(url).status_code == 404
    # Nor a chart that would show a report about them.
    ReportSubject.objects.create(report=world["intake"], person=analyst.person, reason="Named")
    network = selectors.person_network(user=analyst, person=world["person"])
    assert f"person-{analyst.person.pk}" not in network.nodes


def test_charts_are_404_outside_the_ccu(client_for, caseworker, psd_head, world):
    for user in (caseworker, psd_head):
        client = client_for(user)
        assert client.get(reverse("ccu:person_chart", args=[world["person"].pk])).status_code == 404
        assert (
            client.get(reverse("ccu:operation_chart", args=[world["mine"].pk])).status_code == 404
        )


def test_chart_is_bounded(ccu_head):
    person = PersonFactory()
    nominal = IndexedNominalFactory()
    for _ in range(120):
        report = ReportFactory(subjects=[person])
        NominalLinkFactory(report=report, nominal=nominal)
    network = selectors.person_network(user=ccu_head, person=person)
    assert len(network.nodes) <= selectors.CHART_MAX_NODES


def test_chart_query_count_is_fixed(client_for, ccu_analyst, world):
    client = client_for(ccu_analyst)
    url = reverse("ccu:person_chart", args=[world["person"].pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    few = queries()
    for n in range(20):
        report = ReportFactory(operation=world["mine"], subjects=[world["person"]])
        NominalLinkFactory(report=report, nominal=IndexedNominalFactory(name=f"Nominal {n}"))
    # The first call also fills the content-type cache.
    assert queries() <= few <= 24


def test_search_pages_carry_their_total(ccu_analyst, world):
    reports = selectors.search(user=ccu_analyst, query="smuggling").reports
    first = selectors.search_page(reports, number=1, size=1)
    assert len(first) == 1 and first.paginator.count == 2 and first.has_next()
    # A page past the end gives the last page, as a Paginator's get_page does.
    last = selectors.search_page(reports, number=9, size=1)
    assert last.number == 2 and len(last) == 1
    assert selectors.search_page(reports.none(), number=1, size=20).paginator.count == 0
