"""A bulk check of a promotion list: PSD puts the list up (an unknown staff number is caught,
then the answers are checked), the CCU analyst answers each person beside what the CCU holds on
them (one trace), and PSD sees the answers and their dates, nothing more."""

from __future__ import annotations

from standards.accounts.models import User
from standards.people.models import Person
from tests.ccu.factories import NominalLinkFactory, ReportFactory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import sign_in

NOTE = "Named in two graded reports about contact with a licensee."


def test_a_promotion_board_is_checked_in_bulk(browser, page, live_server, demo_force, screenshot):
    base = live_server.url
    with_logins = User.objects.exclude(person=None).values_list("person_id", flat=True)
    people = list(Person.objects.exclude(pk__in=with_logins).order_by("staff_number")[:4])
    traced = people[0]
    report = ReportFactory(subjects=[traced])
    NominalLinkFactory(report=report)

    sign_in(page, base, demo_force["psd.caseworker"])
    page.wait_for_url(f"{base}/")
    page.get_by_role("link", name="Check lists").click()
    page.wait_for_url("**/checks/lists/")
    page.get_by_role("link", name="Put up a list for checks").click()
    page.wait_for_url("**/checks/lists/new/")
    page.get_by_label("Title").fill("Inspector promotion board, March 2027")
    page.get_by_label("Promotion board").check()
    numbers = "\n".join([*(p.staff_number for p in people), "0000000", people[1].staff_number])
    page.get_by_label("Staff numbers").fill(numbers)
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("There is a problem").wait_for()
    assert page.get_by_text("No member of the workforce has staff number 0000000").count() >= 1
    screenshot(page, "ccu-checks-1-unknown-number")
    assert_accessible(page)

    page.get_by_label("Staff numbers").fill(numbers.replace("0000000", ""))
    page.get_by_role("button", name="Continue").click()
    page.get_by_test_id("check-answers").wait_for()
    assert page.get_by_test_id("people").locator("tbody tr").count() == 4  # duplicate collapsed
    screenshot(page, "ccu-checks-2-check-answers")
    assert_accessible(page)
    page.get_by_role("button", name="Send the list to the CCU").click()
    page.wait_for_url("**/checks/lists/*/")
    assert page.get_by_text("The CCU has been asked for an intelligence check").is_visible()
    assert page.get_by_test_id("answers").get_by_text("Awaiting").count() == 4
    psd_list = page.url
    screenshot(page, "ccu-checks-3-psd-awaiting")
    assert_accessible(page)

    ccu = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    analyst = ccu.new_page()
    sign_in(analyst, base, demo_force["ccu.analyst"])
    analyst.wait_for_url(f"{base}/")
    analyst.goto(f"{base}/ccu/checks/")
    screenshot(analyst, "ccu-checks-4-queue")
    assert_accessible(analyst)
    analyst.get_by_role("link", name="Inspector promotion board, March 2027").click()
    analyst.wait_for_url("**/ccu/checks/lists/*/")
    card = analyst.get_by_test_id(f"person-{traced.staff_number}")
    assert card.get_by_role("link", name=report.reference).is_visible()
    screenshot(analyst, "ccu-checks-5-list")
    assert_accessible(analyst)

    # A trace without the CCU's note is sent back.
    card.get_by_label("Trace: speak to the CCU before deciding").check()
    card.get_by_role("button", name="Send answer to PSD").click()
    analyst.get_by_text("There is a problem").wait_for()
    screenshot(analyst, "ccu-checks-6-trace-needs-note")
    assert_accessible(analyst)
    card = analyst.get_by_test_id(f"person-{traced.staff_number}")
    card.get_by_label("Trace: speak to the CCU before deciding").check()
    card.get_by_label("Note for the CCU").fill(NOTE)
    card.get_by_role("button", name="Send answer to PSD").click()
    analyst.get_by_text(f"The answer on {traced.display_name} has gone to PSD").wait_for()
    for person in people[1:]:
        card = analyst.get_by_test_id(f"person-{person.staff_number}")
        card.get_by_label("No trace").check()
        card.get_by_role("button", name="Send answer to PSD").click()
        analyst.get_by_text(f"The answer on {person.display_name} has gone to PSD").wait_for()
    assert analyst.get_by_test_id("answer-form").count() == 0
    screenshot(analyst, "ccu-checks-7-all-answered")
    assert_accessible(analyst)
    ccu.close()

    page.goto(psd_list)
    answers = page.get_by_test_id("answers")
    assert answers.get_by_text("Trace: speak to the CCU").count() == 1
    assert answers.get_by_text("No trace").count() == 3
    assert page.get_by_text("4 of 4 answered, 1 trace").is_visible()
    assert NOTE not in page.content()
    screenshot(page, "ccu-checks-8-psd-answers")
    assert_accessible(page)
