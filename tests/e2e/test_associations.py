"""A member declares a notifiable association and the CCU assesses it; the member then reads the
advice, never the risk or the rationale. Demo logins ``staff`` and ``ccu.analyst``, each in their
own browser context."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from registers.associations.demo import seed_associations
from standards.accounts.models import User
from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import sign_in

RATIONALE = "Cousin released under investigation for supply; regular family contact."
ADVICE = "Keep work out of family conversations and tell us at once if he is charged."
CONDITIONS = "Do not look him up, or anyone connected with him, on any force system."


@pytest.fixture
def contexts(browser):
    opened = []

    def new_page():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        opened.append(context)
        return context.new_page()

    yield new_page
    for context in opened:
        context.close()


def test_a_member_declares_an_association_and_the_ccu_assesses_it(
    contexts, live_server, demo_force, screenshot
):
    base = live_server.url

    # --- The member (a PCSO) declares. ---
    member = contexts()
    sign_in(member, base, demo_force["staff"])
    member.wait_for_url(f"{base}/")
    member.goto(f"{base}/my/")
    member.get_by_role("link", name="Declare an association").click()
    member.wait_for_url(f"{base}/my/associations/new/")
    assert member.get_by_test_id("who-sees-it").is_visible()
    screenshot(member, "associations-1-declare-form")
    assert_accessible(member)
    # Most PCSOs will declare on a phone.
    member.set_viewport_size({"width": 390, "height": 844})
    member.get_by_text("What you must declare").click()
    screenshot(member, "associations-1b-declare-form-phone")
    assert_accessible(member)
    member.set_viewport_size({"width": 1280, "height": 900})

    # A script payload and a date in the future are refused, and nothing is stored.
    member.get_by_label("Their full name").fill("<script>alert('x')</script>")
    member.get_by_label("Family member").check()
    member.get_by_label("Under investigation").check()
    member.get_by_label("Monthly").check()
    member.locator("#id_known_since_day").fill("1")
    member.locator("#id_known_since_month").fill("1")
    member.locator("#id_known_since_year").fill("2099")
    member.get_by_label("Tell us about the association").fill(
        "My cousin. He was arrested in March for supplying cannabis and is released under "
        "investigation. I see him at family events; I never talk about work with him."
    )
    member.get_by_role("button", name="Send declaration").click()
    member.get_by_text("There is a problem").wait_for()  # the page sent back
    assert member.get_by_role("link", name="Remove the HTML or script from this answer").count()
    assert member.get_by_role(
        "link", name="The date you first knew them must be today or in the past"
    ).count()
    screenshot(member, "associations-2-declare-errors")
    assert_accessible(member)

    member.get_by_label("Their full name").fill("Ryan Hebden")
    member.locator("#id_known_since_year").fill("1994")
    member.get_by_role("button", name="Send declaration").click()
    member.wait_for_url("**/my/associations/*/")
    assert member.get_by_text("Your declaration has been sent").is_visible()
    assert member.get_by_text("Awaiting assessment").first.is_visible()
    declaration_url = member.url
    screenshot(member, "associations-3-declared")
    assert_accessible(member)

    # --- A CCU analyst finds it in the queue and assesses it. ---
    analyst = contexts()
    sign_in(analyst, base, demo_force["ccu.analyst"])
    analyst.wait_for_url(f"{base}/")
    analyst.goto(f"{base}/registers/")
    analyst.get_by_role("link", name="Notifiable associations awaiting assessment").click()
    analyst.wait_for_url("**/registers/associations/#awaiting")
    queue = analyst.get_by_test_id("queue-awaiting")
    assert "Ryan Hebden" in queue.inner_text()
    screenshot(analyst, "associations-4-ccu-queue")
    assert_accessible(analyst)

    queue.get_by_role("row").filter(has_text="Ryan Hebden").get_by_role("link").click()
    analyst.wait_for_url("**/registers/associations/*/")
    assert analyst.get_by_text("Not yet assessed").is_visible()
    screenshot(analyst, "associations-5-ccu-record")
    assert_accessible(analyst)

    analyst.get_by_role("link", name="Assess", exact=True).click()
    analyst.wait_for_url("**/assess/")
    analyst.get_by_label("Medium").check()
    analyst.get_by_label("Rationale").fill(RATIONALE)
    analyst.get_by_label("Advice to the member of staff").fill(ADVICE)
    analyst.get_by_label("Conditions (optional)").fill(CONDITIONS)
    screenshot(analyst, "associations-6-ccu-assess")
    assert_accessible(analyst)
    analyst.get_by_role("button", name="Record assessment").click()
    analyst.wait_for_url("**/registers/associations/*/")
    assert analyst.get_by_text("Assessment recorded").is_visible()
    assessment = analyst.get_by_test_id("assessment").inner_text()
    assert "Medium" in assessment and RATIONALE in assessment
    screenshot(analyst, "associations-7-ccu-assessed")
    assert_accessible(analyst)

    # --- The member is told, and reads the advice: never the risk or the rationale. ---
    member.goto(f"{base}/notifications/")
    assert member.get_by_text("your declaration has been reviewed").count()
    member.goto(f"{base}/my/")
    mine = member.get_by_test_id("section-associations").inner_text()
    assert "Ryan Hebden" in mine and "Live" in mine and "Medium" not in mine
    screenshot(member, "associations-8a-member-portal")
    member.goto(declaration_url)
    advice = member.get_by_test_id("advice").inner_text()
    assert ADVICE in advice and CONDITIONS in advice
    main = member.locator("main").inner_text()
    assert RATIONALE not in main
    assert "Medium" not in main and "risk" not in main.lower()
    assessor = User.objects.select_related("person").get(username="ccu.analyst")
    assert assessor.person.last_name not in main
    screenshot(member, "associations-8b-member-reads-advice")
    assert_accessible(member)

    # The CCU's record is a page that does not exist, for the member.
    record = analyst.url
    response = member.goto(record)
    assert response.status == 404
    assert "Ryan Hebden" not in member.content()


def test_the_ccu_works_the_demo_register(page, live_server, demo_force, screenshot):
    """With the demo year of associations: the head's work queue, the register and its filters,
    and a reassessed record's timeline."""
    seed_associations(today=timezone.localdate(), rng=random.Random(2017))
    base = live_server.url
    sign_in(page, base, demo_force["ccu.head"])
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/registers/associations/")
    assert page.get_by_test_id("queue-awaiting").get_by_role("row").count() > 2
    assert page.get_by_test_id("queue-reviews").get_by_text("Overdue by").count() >= 2
    screenshot(page, "associations-9-demo-queue")
    assert_accessible(page)

    page.get_by_role("link", name="Register").click()
    page.wait_for_url("**/register/")
    screenshot(page, "associations-10-demo-register")
    assert_accessible(page)

    page.get_by_label("Current risk").select_option("high")
    page.get_by_label("Status").select_option("live")
    page.get_by_role("button", name="Apply filters").click()
    rows = page.get_by_test_id("register").locator("tbody tr")
    assert rows.count() >= 1
    for text in rows.all_inner_texts():
        assert "High" in text and "Live" in text
    screenshot(page, "associations-11-demo-register-filtered")
    assert_accessible(page)

    rows.first.get_by_role("link").click()
    page.wait_for_url("**/registers/associations/*/")
    assert page.get_by_test_id("timeline").is_visible()
    screenshot(page, "associations-12-demo-record")
    assert_accessible(page)


def test_the_ccu_records_that_an_association_has_ended(
    contexts, live_server, demo_force, screenshot
):
    """An analyst records an ending (answers, a check, then the record), and the member reads
    that it has been recorded as ended, not who recorded it."""
    from tests.registers.associations.factories import live_association

    staff = User.objects.get(username="staff")
    association = live_association(declarant=staff.person, associate_name="Ryan Hebden")
    base = live_server.url
    analyst = contexts()
    sign_in(analyst, base, demo_force["ccu.analyst"])
    analyst.wait_for_url(f"{base}/")
    analyst.goto(f"{base}/registers/associations/{association.pk}/")
    assert "next review is due by" in analyst.get_by_test_id("next-step").inner_text()
    analyst.get_by_role("link", name="Record that it has ended").click()
    analyst.wait_for_url("**/end/")
    analyst.locator("#id_ended_on_day").fill("1")
    analyst.locator("#id_ended_on_month").fill("1")
    analyst.locator("#id_ended_on_year").fill("2009")
    analyst.get_by_label("Why has it ended?").fill(
        "You told us on 3 March that you no longer see him."
    )
    analyst.get_by_role("button", name="Continue").click()
    analyst.get_by_text("There is a problem").wait_for()  # the page sent back
    screenshot(analyst, "associations-13-ccu-end-errors")
    assert_accessible(analyst)

    today = timezone.localdate()
    analyst.locator("#id_ended_on_day").fill(str(today.day))
    analyst.locator("#id_ended_on_month").fill(str(today.month))
    analyst.locator("#id_ended_on_year").fill(str(today.year))
    analyst.get_by_role("button", name="Continue").click()
    assert analyst.get_by_test_id("check-answers").is_visible()
    screenshot(analyst, "associations-14-ccu-end-check")
    assert_accessible(analyst)
    analyst.get_by_role("button", name="Record as ended").click()
    analyst.wait_for_url(f"**/registers/associations/{association.pk}/")
    assert analyst.get_by_text("The association is recorded as ended").is_visible()
    assert analyst.get_by_role("link", name="Reassess").count() == 0
    screenshot(analyst, "associations-15-ccu-ended")
    assert_accessible(analyst)

    member = contexts()
    sign_in(member, base, demo_force["staff"])
    member.wait_for_url(f"{base}/")
    member.goto(f"{base}/my/associations/{association.pk}/")
    assert "recorded as ended" in member.get_by_test_id("next-step").inner_text()
    analyst_user = User.objects.select_related("person").get(username="ccu.analyst")
    assert analyst_user.person.last_name not in member.locator("main").inner_text()
    screenshot(member, "associations-16-member-reads-ended")
    assert_accessible(member)
