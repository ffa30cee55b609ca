"""The case file in the browser: the head of PSD finds an unallocated complaint in the queue and
allocates it; the caseworker finds it in their cases, adds an unidentified subject and two
allegations, and records a Schedule 3 handling decision, first refused for saying "not referred"
when a referral criterion is met. Every tab of the case and the queue pass axe."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import open_as

pytestmark = pytest.mark.django_db(transaction=True)

TABS = (
    "Summary",
    "People",
    "Allegations",
    "Decisions",
    "Actions",
    "Documents",
    "Letters",
    "Timeline",
)


def _check(page, screenshot, name: str) -> None:
    screenshot(page, f"complaints-case-{name}")
    assert_accessible(page)


def test_allocate_allegations_and_a_schedule_3_decision(
    browser, live_server, demo_force, screenshot
):
    from complaints import clocks
    from standards.accounts.models import User
    from tests.complaints.factories import CaseFactory, ComplainantFactory

    url = live_server.url
    case = CaseFactory(
        received_on=dt.date.today() - dt.timedelta(days=2),
        logged_on=None,
        summary="Ms Akhtar says an officer pushed her to the ground outside the Red Lion on "
        "Saturday night and she broke her wrist.",
    )
    ComplainantFactory(
        case=case,
        name="Ayesha Akhtar",
        email="ayesha@example.org",
        adjustments="Large print letters, please.",
    )
    clocks.refresh(case)
    caseworker = User.objects.get(username="psd.caseworker")

    # 1. The head of PSD finds it unallocated and allocates it.
    head_context, head = open_as(browser, live_server, demo_force["psd.head"])
    head.get_by_role("link", name="Complaints", exact=True).click()
    unallocated = head.get_by_role("navigation", name="Case views").get_by_role(
        "link", name=re.compile("^Unallocated")
    )
    assert unallocated.inner_text() == "Unallocated (1)"
    unallocated.click()
    assert case.reference in head.get_by_test_id("case-list").inner_text()
    _check(head, screenshot, "01-head-unallocated")
    head.get_by_role("link", name=case.reference).click()
    _check(head, screenshot, "02-head-summary")
    head.get_by_role("link", name="Allocate the case").click()
    head.get_by_label("Lead caseworker").select_option(label=caseworker.display_name)
    head.get_by_label("Reason for the allocation").fill("Injury alleged: an experienced DS.")
    _check(head, screenshot, "03-head-allocate")
    head.get_by_role("button", name="Allocate").click()
    assert "The case is allocated" in head.locator(".govuk-notification-banner").inner_text()
    assert caseworker.display_name in head.get_by_test_id("team").inner_text()

    # 2. The caseworker finds it in their cases and opens every tab.
    worker_context, worker = open_as(browser, live_server, demo_force["psd.caseworker"])
    worker.goto(f"{url}/complaints/")
    _check(worker, screenshot, "04-caseworker-queue")
    worker.get_by_role("link", name=case.reference).click()
    for index, tab in enumerate(TABS):
        worker.get_by_role("navigation", name="Case sections").get_by_role("link", name=tab).click()
        assert worker.locator('[aria-current="page"]').last.inner_text() == tab
        _check(worker, screenshot, f"05-tab-{index}-{tab.lower()}")
    worker.get_by_role("link", name="People", exact=True).click()
    assert "Ayesha Akhtar" in worker.get_by_test_id("complainants").inner_text()

    # 3. An unidentified subject, then two allegations.
    worker.get_by_role("link", name="Add a subject").click()
    worker.get_by_label("No, not yet identified").check()
    worker.get_by_label("Describe the officer or member of staff").fill(
        "Male officer, shaved head, outside the Red Lion about 11pm"
    )
    _check(worker, screenshot, "06-subject")
    worker.get_by_role("button", name="Add subject").click()
    assert "Unidentified officer or staff" in worker.get_by_test_id("subjects").inner_text()

    for description, category, standard in (
        ("Pushed Ms Akhtar to the ground, breaking her wrist.", "Use of force", "Use of force"),
        (
            "Swore at Ms Akhtar when she asked for his number.",
            "Impolite language or tone",
            "Authority, respect and courtesy",
        ),
    ):
        worker.get_by_role("link", name="Allegations", exact=True).click()
        worker.get_by_role("link", name="Add an allegation").click()
        worker.get_by_role("button", name="Add allegation").click()
        assert "Select the IOPC category" in worker.locator(".govuk-error-summary").inner_text()
        option = worker.locator("#id_category option", has_text=category).first
        worker.get_by_label("IOPC category").select_option(value=option.get_attribute("value"))
        worker.get_by_label("What is alleged").fill(description)
        worker.get_by_label(standard, exact=True).check()
        worker.get_by_label("Male officer", exact=False).check()
        _check(worker, screenshot, "07-allegation")
        worker.get_by_role("button", name="Add allegation").click()
        assert description in worker.get_by_test_id("allegations").inner_text()
    assert worker.get_by_test_id("allegations").inner_text().count("Allegation ") == 2
    _check(worker, screenshot, "08-allegations")

    # 4. The handling decision: recorded under Schedule 3 and investigated. A serious injury
    # means the complaint must go to the IOPC: "not referred" is refused.
    worker.get_by_role("link", name="Decisions", exact=True).click()
    worker.get_by_role("link", name="Record the handling decision").click()
    worker.get_by_label("Schedule 3: investigation").check()
    worker.get_by_label("The complainant wishes it to be recorded").check()
    criteria = worker.get_by_test_id("referral-criteria")
    for radio in criteria.locator("input[type=radio][value=no]").all():
        radio.check()
    criteria.locator("#id_criterion_dsi").check()  # "Yes": a serious injury
    worker.locator("#id_referred_2").check()  # "No"
    worker.get_by_label("Reasons for the decision").fill(
        "A broken wrist after force on a member of the public: investigate."
    )
    _check(worker, screenshot, "09-handling")
    worker.get_by_role("button", name="Record decision").click()
    assert "must be referred to the IOPC" in worker.locator(".govuk-error-summary").inner_text()
    _check(worker, screenshot, "10-handling-refused")
    worker.locator("#id_referred").check()  # "Yes"
    today = dt.date.today()
    worker.locator("#id_referred_on_day").fill(str(today.day))
    worker.locator("#id_referred_on_month").fill(str(today.month))
    worker.locator("#id_referred_on_year").fill(str(today.year))
    worker.get_by_role("button", name="Record decision").click()
    assert (
        "handling decision is recorded" in worker.locator(".govuk-notification-banner").inner_text()
    )
    decisions = worker.get_by_test_id("handling-decisions").inner_text()
    assert "Schedule 3: investigation" in decisions
    assert "The complainant wishes it to be recorded" in decisions
    assert "Referred to the IOPC" in worker.get_by_test_id("referrals").inner_text()
    _check(worker, screenshot, "11-decisions")
    worker.get_by_role("link", name="Summary", exact=True).click()
    assert "Under investigation" in worker.locator("h1").inner_text()
    _check(worker, screenshot, "12-summary-after")
    worker.get_by_role("link", name="Timeline", exact=True).click()
    timeline = worker.get_by_test_id("timeline").inner_text()
    assert "Handling decision: Schedule 3: investigation" in timeline
    assert "Allocated to" in timeline
    _check(worker, screenshot, "13-timeline")
    for context in (head_context, worker_context):
        context.close()


def test_dates_actions_notes_and_documents(browser, live_server, demo_force, screenshot, tmp_path):
    """The caseworker records the dates logged and first contact, sets an action, adds a note and
    uploads a statement; a program renamed .pdf is refused. Then a DSI matter is recorded."""
    from django.core.files.storage import FileSystemStorage

    from complaints.models import CaseDocument
    from standards.accounts.models import User
    from tests.complaints.factories import CaseFactory

    field = CaseDocument._meta.get_field("file")
    previous_storage = field.storage
    field.storage = FileSystemStorage(location=tmp_path, base_url=None)
    try:
        caseworker = User.objects.get(username="psd.caseworker")
        received = dt.date.today() - dt.timedelta(days=6)
        case = CaseFactory(team=[caseworker], received_on=received, logged_on=None)
        url = live_server.url
        context, worker = open_as(browser, live_server, demo_force["psd.caseworker"])
        worker.goto(f"{url}/complaints/{case.pk}/")
        worker.get_by_role("link", name="Change the date logged").click()
        for prefix, day in (("logged_on", received), ("first_contact_on", dt.date.today())):
            worker.locator(f"#id_{prefix}_day").fill(str(day.day))
            worker.locator(f"#id_{prefix}_month").fill(str(day.month))
            worker.locator(f"#id_{prefix}_year").fill(str(day.year))
        _check(worker, screenshot, "20-dates")
        worker.get_by_role("button", name="Save dates").click()
        dates = worker.get_by_test_id("dates").inner_text()
        assert "0 working days to log" in dates
        assert "working days to contact" in dates
        _check(worker, screenshot, "21-summary-dates")

        worker.get_by_role("link", name="Actions", exact=True).click()
        worker.get_by_role("link", name="Set an action").click()
        worker.get_by_label("What needs to be done").fill("Ask the pub for its CCTV.")
        worker.get_by_label("Who owns it").select_option(label=caseworker.display_name)
        due = dt.date.today() + dt.timedelta(days=7)
        worker.locator("#id_due_on_day").fill(str(due.day))
        worker.locator("#id_due_on_month").fill(str(due.month))
        worker.locator("#id_due_on_year").fill(str(due.year))
        _check(worker, screenshot, "22-action")
        worker.get_by_role("button", name="Set action").click()
        assert "Ask the pub for its CCTV." in worker.get_by_test_id("actions").inner_text()
        worker.get_by_role("link", name="Add a note").click()
        worker.get_by_label("Note").fill("The pub keeps CCTV for 28 days.")
        worker.get_by_role("button", name="Add note").click()
        worker.get_by_role("button", name="Mark done").click()
        assert "marked as done" in worker.locator(".govuk-notification-banner").inner_text()
        assert "The pub keeps CCTV" in worker.get_by_test_id("notes").inner_text()
        _check(worker, screenshot, "23-actions")

        worker.get_by_role("link", name="Documents", exact=True).click()
        worker.get_by_role("link", name="Add a document").click()
        program = tmp_path / "statement.pdf"
        program.write_bytes(b"MZ\x90\x00\x03" + b"\x00" * 300)
        worker.get_by_label("Upload a file").set_input_files(str(program))
        worker.get_by_role("button", name="Upload", exact=True).click()
        assert "must be a PDF" in worker.locator(".govuk-error-summary").inner_text()
        _check(worker, screenshot, "24-document-refused")
        statement = tmp_path / "statement.txt"
        statement.write_text("I was outside the Red Lion at 11pm.\n")
        worker.get_by_label("Upload a file").set_input_files(str(statement))
        worker.get_by_label("What is it? (optional)").fill("The complainant's statement")
        worker.get_by_role("button", name="Upload", exact=True).click()
        assert "statement.txt" in worker.get_by_test_id("documents").inner_text()
        assert CaseDocument.objects.filter(case=case).count() == 1
        _check(worker, screenshot, "25-documents")

        worker.goto(f"{url}/complaints/")
        worker.get_by_role("link", name="Record a death or serious injury matter").click()
        worker.get_by_role("button", name="Record and refer").click()
        assert "Enter what happened" in worker.locator(".govuk-error-summary").inner_text()
        _check(worker, screenshot, "26-dsi-errors")
        worker.get_by_label("What happened").fill(
            "A man detained under s.136 was taken ill in the van and died in hospital."
        )
        today = dt.date.today()
        for prefix in ("received_on", "referred_on"):
            worker.locator(f"#id_{prefix}_day").fill(str(today.day))
            worker.locator(f"#id_{prefix}_month").fill(str(today.month))
            worker.locator(f"#id_{prefix}_year").fill(str(today.year))
        worker.get_by_role("button", name="Record and refer").click()
        assert "referred to the IOPC" in worker.locator(".govuk-notification-banner").inner_text()
        assert "Death or serious injury matter" in worker.locator("main").inner_text()
        _check(worker, screenshot, "27-dsi")
        context.close()
    finally:
        field.storage = previous_storage


def test_the_ccu_reads_a_case_after_a_reason_without_the_complainant(
    browser, live_server, demo_force, screenshot
):
    from tests.complaints.factories import CaseFactory, ComplainantFactory

    case = CaseFactory()
    ComplainantFactory(case=case, name="Ayesha Akhtar")
    context, ccu = open_as(browser, live_server, demo_force["ccu.analyst"])
    ccu.get_by_role("link", name="Complaints", exact=True).click()
    _check(ccu, screenshot, "30-ccu-queue")
    ccu.get_by_role("link", name=case.reference).click()
    assert "Give a reason to open this record" in ccu.locator("h1").inner_text()
    _check(ccu, screenshot, "31-ccu-reason")
    ccu.get_by_role("textbox").fill("Checking for links to an intelligence report.")
    ccu.get_by_role("button", name="Record reason and open").click()
    assert case.reference in ccu.locator("h1").inner_text()
    ccu.get_by_role("link", name="People", exact=True).click()
    people = ccu.locator("main").inner_text()
    assert "Complainant details are for the case team only" in people
    assert "Ayesha Akhtar" not in people
    assert ccu.get_by_role("link", name="Add a subject").count() == 0
    _check(ccu, screenshot, "32-ccu-people")
    context.close()
