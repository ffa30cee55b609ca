"""A business interest from application to a chief officer's decision on appeal, in the browser,
by five people each in their own browser: the member (``staff``, a PCSO) applies, their sergeant
(``manager``) recommends, the head of PSD asks the CCU for an intelligence check, the CCU
(``ccu.analyst``) answers it, the head of PSD refuses, the member appeals and the deputy chief
constable (``dcc``) decides. Throughout, the member never sees that a check was asked."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import open_as, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _check(page, screenshot, name: str) -> None:
    screenshot(page, f"interests-{name}")
    assert_accessible(page)


def test_apply_recommend_check_refuse_appeal_decide(browser, live_server, demo_force, screenshot):
    url = live_server.url
    start = dt.date.today() + dt.timedelta(days=21)

    # 1. The member applies from their portal.
    member_context, member = open_as(browser, live_server, demo_force["staff"])
    member.goto(f"{url}/my/")
    member.get_by_role("link", name="Apply for a business interest").click()
    member.get_by_role("button", name="Send application").click()
    member.get_by_text("There is a problem").wait_for()  # the page sent back
    _check(member, screenshot, "01-apply-errors")
    member.get_by_label("Secondary employment").check()
    member.locator("#id_organisation").fill("The Ship Inn, Saltcote")
    member.locator("#id_role").fill("Bar work, Friday and Saturday evenings")
    member.locator("#id_hours_per_week").fill("10")
    assert not member.locator("#id_pay_details").is_visible()
    member.get_by_label("Yes", exact=True).check()
    assert member.locator("#id_pay_details").is_visible()  # revealed by "Yes"
    # The radio names what it reveals, and carries no aria-expanded (ARIA allows none on a radio).
    assert member.locator("#id_paid").get_attribute("aria-controls") == "conditional-id_paid"
    assert member.locator("input[type=radio][aria-expanded]").count() == 0
    member.locator("#id_pay_details").fill("£11.50 an hour")
    member.locator("#id_start_date_day").fill(str(start.day))
    member.locator("#id_start_date_month").fill(str(start.month))
    member.locator("#id_start_date_year").fill(str(start.year))
    member.locator("#id_possible_conflicts").fill(
        "The pub is in Saltcote, outside the neighbourhood I patrol."
    )
    _check(member, screenshot, "02-apply-filled")
    member.get_by_role("button", name="Send application").click()
    member.wait_for_url("**/my/interests/*/")
    assert member.get_by_test_id("status").inner_text().strip() == "With line manager"
    interest_path = member.url.removeprefix(url)
    interest_id = interest_path.strip("/").split("/")[-1]
    reference = f"BI-{int(interest_id):05d}"
    _check(member, screenshot, "03-member-applied")

    # 2. The line manager recommends from their queue.
    manager_context, manager = open_as(browser, live_server, demo_force["manager"])
    manager.goto(f"{url}/registers/")
    _check(manager, screenshot, "04-manager-queues")
    manager.get_by_role("link", name="Business interests waiting for your recommendation").click()
    _check(manager, screenshot, "05-manager-recommendations")
    manager.get_by_role("link", name="Recommend").first.click()
    manager.get_by_label("Yes, I support it").check()
    manager.get_by_label("Your reasons").fill(
        "Reliable PCSO; weekend evenings fit round her shift pattern."
    )
    _check(manager, screenshot, "06-manager-recommend")
    manager.get_by_role("button", name="Send recommendation").click()
    manager.wait_for_url(f"**/registers/interests/{interest_id}/")
    assert "With PSD for decision" in manager.get_by_test_id("status").inner_text()
    assert manager.get_by_test_id("check-panel").count() == 0
    _check(manager, screenshot, "07-manager-recommended")

    # 3. The head of PSD asks the CCU for an intelligence check.
    head_context, head = open_as(browser, live_server, demo_force["psd.head"])
    head.goto(f"{url}/registers/")
    head.get_by_role("link", name="Business interests with PSD for decision").click()
    _check(head, screenshot, "08-psd-register")
    head.get_by_role("link", name=f"BI-{int(interest_id):05d}").click()
    assert "Not asked yet" in head.get_by_test_id("check-panel").inner_text()
    head.get_by_role("button", name="Ask the CCU for an intelligence check").click()
    assert "Awaiting the CCU" in head.get_by_test_id("check-panel").inner_text()
    assert "With the CCU for an intelligence check" in head.get_by_test_id("next-step").inner_text()
    _check(head, screenshot, "09-psd-check-asked")

    # The member sees only that PSD has it.
    member.goto(f"{url}{interest_path}")
    body = member.locator("main").inner_text()
    assert "With PSD for decision" in body
    for word in ("intelligence", "CCU", "Counter Corruption", "trace"):
        assert word.lower() not in body.lower()
    _check(member, screenshot, "10-member-with-psd")

    # 4. The CCU answers.
    ccu_context, ccu = open_as(browser, live_server, demo_force["ccu.analyst"])
    ccu.goto(f"{url}/ccu/checks/")
    _check(ccu, screenshot, "11-ccu-queue")
    ccu.get_by_test_id("check-list").get_by_role("link").first.click()
    assert "The Ship Inn, Saltcote" in ccu.get_by_test_id("check").inner_text()
    ccu.get_by_label("No trace").check()
    ccu.get_by_label("Note for the CCU").fill("Subject and premises searched: nothing held.")
    _check(ccu, screenshot, "12-ccu-answer")
    ccu.get_by_role("button", name="Send answer to PSD").click()
    assert "No trace" in ccu.get_by_test_id("answer").inner_text()
    _check(ccu, screenshot, "13-ccu-answered")

    # 5. The head of PSD sees only the answer, and refuses.
    head.reload()
    panel = head.get_by_test_id("check-panel").inner_text()
    assert "No trace" in panel and "nothing held" not in panel.lower()
    assert "With the head of PSD for a decision" in head.get_by_test_id("next-step").inner_text()
    _check(head, screenshot, "13b-psd-check-answered")
    head.get_by_role("link", name="Record the decision").click()
    head.get_by_label("Incompatible").check()
    head.get_by_label("Reasons for the decision").fill(
        "Bar work at licensed premises in the force area: PCSOs deal with licensed premises "
        "and their customers, and the premises' licence is reviewed by the force."
    )
    _check(head, screenshot, "14-psd-decide")
    head.get_by_role("button", name="Record decision").click()
    head.wait_for_url(f"**/registers/interests/{interest_id}/")
    assert "Incompatible" in head.get_by_test_id("status").inner_text()
    assert "may appeal to a chief officer until" in head.get_by_test_id("next-step").inner_text()
    assert head.get_by_role("button", name="Ask the CCU for an intelligence check").count() == 0
    _check(head, screenshot, "15-psd-refused")

    # 6. The member is told, reads the reasons and appeals.
    member.goto(f"{url}/notifications/")
    _check(member, screenshot, "16a-member-notifications")
    # The notice names the record and links to it; following it marks it read.
    member.get_by_role("link", name=f"{reference}: decision recorded").click()
    member.wait_for_url(f"**{interest_path}")
    assert "Incompatible" in member.get_by_test_id("status").inner_text()
    assert "You may appeal to a chief officer until" in member.get_by_test_id("next").inner_text()
    assert member.get_by_text("Reliable PCSO").is_visible()  # the recommendation, kept
    _check(member, screenshot, "16-member-refused")
    member.get_by_role("link", name="Appeal to a chief officer").click()
    member.get_by_label("Why should the decision be changed?").fill(
        "I work in Brackenford, not Saltcote, and never deal with licensing. I would stop at "
        "once if I were posted to Saltcote."
    )
    _check(member, screenshot, "17-member-appeal")
    member.get_by_role("button", name="Send appeal").click()
    assert "Appeal with a chief officer" in member.get_by_test_id("status").inner_text()

    # 7. The deputy chief constable decides the appeal personally.
    dcc_context, dcc = open_as(browser, live_server, demo_force["dcc"])
    dcc.goto(f"{url}/registers/")
    dcc.get_by_role("link", name="Business interest appeals waiting for your decision").click()
    _check(dcc, screenshot, "18-dcc-appeals")
    dcc.get_by_role("link", name=f"BI-{int(interest_id):05d}").click()
    assert dcc.get_by_test_id("check-panel").count() == 0
    _check(dcc, screenshot, "19-dcc-appeal")
    dcc.get_by_role("link", name="Decide the appeal").click()
    dcc.get_by_label("Appeal upheld: compatible with conditions").check()
    dcc.get_by_label("Conditions", exact=True).fill(
        "No work at premises in the member's own policing area.\n"
        "Tell PSD at once if posted to Saltcote."
    )
    dcc.get_by_label("Reasons for the decision").fill(
        "The member does not police Saltcote or deal with licensing; with conditions the risk "
        "is managed."
    )
    _check(dcc, screenshot, "20-dcc-decide")
    dcc.get_by_role("button", name="Continue").click()
    # A final decision: the chief officer checks what will be recorded first.
    summary = dcc.get_by_test_id("check-decision").inner_text()
    assert "Appeal upheld: compatible with conditions" in summary
    assert "Tell PSD at once if posted to Saltcote." in summary
    assert dcc.get_by_text("Your decision is final.").is_visible()
    _check(dcc, screenshot, "20b-dcc-check")
    dcc.get_by_role("button", name="Record the appeal decision").click()
    assert "Compatible with conditions" in dcc.get_by_test_id("status").inner_text()
    assert "final" in dcc.locator(".govuk-notification-banner").inner_text()
    _check(dcc, screenshot, "21-dcc-decided")

    # 8. The member sees the outcome, with the earlier refusal still on the record.
    member.goto(f"{url}{interest_path}")
    assert "Compatible with conditions" in member.get_by_test_id("status").inner_text()
    assert "Appeal to a chief officer" not in member.locator("main").inner_text()  # final
    timeline = member.get_by_test_id("timeline").inner_text()
    assert "Appeal upheld: compatible with conditions" in timeline
    assert "Decision of the head of PSD: Incompatible" in timeline
    assert "intelligence" not in member.locator("main").inner_text().lower()
    _check(member, screenshot, "22-member-approved")
    # The conditions kept their lines through the check page.
    conditions = member.get_by_test_id("decision-in-force").inner_text()
    assert "own policing area.\nTell PSD at once" in conditions

    for context in (member_context, manager_context, head_context, ccu_context, dcc_context):
        context.close()


def test_psd_sees_the_overdue_it_is_told_of_and_exports(page, live_server, demo_force, screenshot):
    """The queue's overdue number is the rows its list marks; the export offers CSV or Excel."""
    from django.utils import timezone

    from registers.interests.models import InterestStatus
    from tests.registers.interests.factories import BusinessInterestFactory

    for days_ago in (45, 30, 3):
        BusinessInterestFactory(
            status=InterestStatus.AWAITING_PSD,
            submitted_at=timezone.now() - dt.timedelta(days=days_ago),
        )
    sign_in(page, live_server.url, demo_force["psd.head"])
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/registers/")
    row = page.get_by_test_id("queue-interests-psd-decision").inner_text()
    assert "2 overdue" in row
    page.get_by_role("link", name="Business interests with PSD for decision").click()
    assert page.get_by_test_id("overdue").count() == 2
    _check(page, screenshot, "23-psd-register-overdue")
    page.get_by_role("link", name="Export these").click()
    assert page.get_by_role("button", name="Download Excel (XLSX)").is_visible()
    _check(page, screenshot, "24-psd-export")
