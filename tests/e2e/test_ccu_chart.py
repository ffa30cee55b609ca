"""The analyst opens a member's link chart and an operation's: the chart draws its nodes and
edges from what the analyst may see, and the same links are in a table beneath it."""

from __future__ import annotations

from guardian.shortcuts import assign_perm

from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import sign_in


def _network(analyst, head):
    from standards.people.models import Person
    from tests.ccu.factories import NominalLinkFactory, OperationFactory, ReportFactory
    from tests.ccu.factories_nominals import IndexedNominalFactory

    operation = OperationFactory(opened_by=head, code_name="Operation KESTREL")
    assign_perm("view_operation", analyst, operation)
    assign_perm("work_operation", analyst, operation)
    hidden_operation = OperationFactory(opened_by=head, code_name="Operation HIDDEN")
    people = list(
        Person.objects.exclude(pk__in=[analyst.person_id, head.person_id]).order_by("pk")[:4]
    )
    member = people[0]
    nominals = [
        IndexedNominalFactory(name="Darren Oakes"),
        IndexedNominalFactory(name="Northgate Vehicle Recovery Ltd", kind="organisation"),
        IndexedNominalFactory(name="07700 900123", kind="phone"),
        IndexedNominalFactory(name="BN21 XYZ", kind="vehicle", operation=operation),
    ]
    reasons = ("Paid the subject", "Employs the subject off duty", "Called the subject", "Seen")
    for index, others in enumerate(([people[1]], [people[2]], [], [people[3]])):
        report = ReportFactory(operation=operation, subjects=[member, *others], owner=analyst)
        NominalLinkFactory(report=report, nominal=nominals[index], reason=reasons[index])
        NominalLinkFactory(
            report=report, nominal=nominals[(index + 1) % 3], reason="Named by the source"
        )
    hidden = ReportFactory(operation=hidden_operation, subjects=[member])
    secret = IndexedNominalFactory(name="Secret Sid", operation=hidden_operation)
    NominalLinkFactory(report=hidden, nominal=secret, reason="Hidden link")
    NominalLinkFactory(report=hidden, nominal=nominals[0], reason="Hidden link")
    return member, operation, hidden


def test_the_analyst_opens_a_person_and_an_operation_link_chart(
    page, live_server, demo_force, screenshot
):
    from standards.accounts.models import User

    analyst = User.objects.get(username="ccu.analyst")
    head = User.objects.get(username="ccu.head")
    member, operation, hidden = _network(analyst, head)

    base = live_server.url
    sign_in(page, base, demo_force["ccu.analyst"])
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/ccu/people/{member.pk}/chart/")
    chart = page.get_by_test_id("chart")
    page.wait_for_selector("#ccu-chart[data-rendered]")
    assert int(chart.get_attribute("data-rendered")) >= 10
    assert chart.locator("canvas").count() >= 1
    table = page.get_by_test_id("chart-links").inner_text()
    assert "Paid the subject" in table and "Darren Oakes" in table
    assert "Secret Sid" not in page.content() and hidden.reference not in page.content()
    assert "Hidden link" not in page.content()
    screenshot(page, "ccu-chart-1-person")
    assert_accessible(page)

    page.goto(f"{base}/ccu/operations/{operation.pk}/chart/")
    page.wait_for_selector("#ccu-chart[data-rendered]")
    assert "Operation KESTREL" in page.get_by_role("heading", level=1).inner_text()
    assert "BN21 XYZ" in page.get_by_test_id("chart-links").inner_text()
    assert "Secret Sid" not in page.content()
    screenshot(page, "ccu-chart-2-operation")
    assert_accessible(page)
