"""The reviewers' pages (/registers/gifts/): PSD's register with its filters and export, the line
manager's team page, a declaration's page, the recommendation and the decision, at every access
level: what each page shows and hides, not only its status code."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import timezone

from registers.gifts import selectors, services
from registers.gifts.models import (
    STATUS_TAG_CLASSES,
    DonorType,
    Gift,
    GiftDecision,
    GiftStatus,
    Outcome,
    Response,
)
from registers.gifts.selectors import gift_review_queues
from standards.access.models import AccessAction, AccessLogEntry, Area
from standards.access.roles import Role, role_names
from tests.accounts.factories import UserFactory
from tests.form_data import date_parts
from tests.people.factories import OrgUnitFactory, PersonFactory
from tests.registers.gifts.factories import GiftDecisionFactory, GiftFactory, declare, details

pytestmark = pytest.mark.django_db

REGISTER = reverse("gifts:register")
EXPORT = reverse("gifts:export")
TEAM = reverse("gifts:team")
RECORD = reverse("gifts:record")
TODAY = dt.date.today()

READERS = ["caseworker", "psd_head", "ccu_analyst", "ccu_head"]
OTHERS = ["staff_member", "line_manager", "board_member", "administrator", "auditor"]


def _url(name: str, gift: Gift) -> str:
    return reverse(f"gifts:{name}", kwargs={"pk": gift.pk})


# --- The register --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_psd_and_the_ccu_read_the_register(client_for, request, persona):
    gift = GiftFactory(description="Hamper from Saltcote Fisheries")
    body = client_for(request.getfixturevalue(persona)).get(REGISTER).content.decode()
    assert gift.reference in body
    assert "Hamper from Saltcote Fisheries" in body
    assert gift.declarant.staff_number in body


@pytest.mark.parametrize("persona", OTHERS)
def test_nobody_else_reaches_the_register(client_for, request, persona):
    GiftFactory()
    client = client_for(request.getfixturevalue(persona))
    for url in (REGISTER, EXPORT, RECORD):
        assert client.get(url).status_code == 404


def test_only_psd_exports_and_records_for_others(client_for, caseworker, ccu_head):
    GiftFactory()
    psd = client_for(caseworker).get(REGISTER).content.decode()
    assert "Export these results" in psd
    assert "Record a declaration for someone" in psd
    ccu = client_for(ccu_head)
    body = ccu.get(REGISTER).content.decode()
    assert "Export these results" not in body
    assert "Record a declaration for someone" not in body
    assert ccu.get(EXPORT).status_code == 404
    assert ccu.get(RECORD).status_code == 404


def test_a_reviewer_never_sees_their_own_declaration_in_the_register(client_for, psd_head):
    own = declare(psd_head, description="My own hamper")
    other = GiftFactory()
    body = client_for(psd_head).get(REGISTER).content.decode()
    assert other.reference in body
    assert own.reference not in body
    assert "My own hamper" not in body
    assert client_for(psd_head).get(_url("detail", own)).status_code == 404


def test_the_register_is_filtered(client_for, caseworker):
    district = OrgUnitFactory(name="Kirkwell District")
    team = OrgUnitFactory(name="Kirkwell Central Neighbourhood Team", parent=district)
    pc = PersonFactory(first_name="Amara", last_name="Quennell", org_unit=team)
    near = GiftFactory(
        declarant=pc,
        donor_name="Northline Fleet Services Ltd",
        estimated_value=Decimal("30"),
        offered_on=TODAY - dt.timedelta(days=30),
        status=GiftStatus.DECIDED,
    )
    GiftDecisionFactory(gift=near, outcome="return")
    far = GiftFactory(
        donor_name="Radio Northmoor",
        estimated_value=Decimal("300"),
        offered_on=TODAY - dt.timedelta(days=5),
        status=GiftStatus.AWAITING_PSD,
    )
    cheap = GiftFactory(estimated_value=Decimal("3"), offered_on=TODAY - dt.timedelta(days=400))
    client = client_for(caseworker)
    cases = {
        "person": ("quennell", pc.staff_number),
        "unit": (str(district.pk), str(team.pk)),
        "donor": ("northline",),
        "min_value": ("10",),
        "max_value": ("50",),
        "date_from": (date_parts("date_from", TODAY - dt.timedelta(days=60)),),
        "date_to": (date_parts("date_to", TODAY - dt.timedelta(days=20)),),
        "decision": ("return",),
        "status": ("decided",),
    }
    for name, values in cases.items():
        for value in values:
            query = value if isinstance(value, dict) else {name: value}
            body = client.get(REGISTER, query).content.decode()
            assert near.reference in body, (name, value)
            if name not in ("min_value", "date_from"):
                assert far.reference not in body, (name, value)
            if name not in ("max_value", "date_to", "decision", "status"):
                assert cheap.reference not in body, (name, value)
    body = client.get(REGISTER, {"decision": "none", "min_value": "100"}).content.decode()
    assert far.reference in body and near.reference not in body and cheap.reference not in body
    # The search is logged with its terms and how many it found.
    entry = AccessLogEntry.objects.filter(action=AccessAction.SEARCH).first()
    assert entry.search_terms == "decision=none&min_value=100"
    assert entry.result_count == 1


def test_a_nonsense_filter_is_shown_as_an_error_not_a_crash(client_for, caseworker):
    GiftFactory()
    response = client_for(caseworker).get(REGISTER, {"min_value": "lots", "unit": "99999"})
    assert response.status_code == 200
    assert "govuk-error-message" in response.content.decode()


def test_the_register_pins_its_query_count(client_for, caseworker, django_assert_max_num_queries):
    for gift in GiftFactory.create_batch(60, status=GiftStatus.DECIDED):
        GiftDecisionFactory(gift=gift)
    client = client_for(caseworker)
    # Session, user, device, roles, count, overdue count, rows, unit choices, access log,
    # notices, session save.
    with django_assert_max_num_queries(14):
        body = client.get(REGISTER).content.decode()
    assert "60 declarations" in body
    assert body.count("Accepted</span>") == 50  # one page, each row with its decision
    unit = GiftFactory().declarant.org_unit
    with django_assert_max_num_queries(16):  # + the unit tree
        filtered = client.get(REGISTER, {"unit": unit.pk, "decision": "accept"})
    # Only the one declaration in that unit, and it has no decision: nothing matches.
    assert filtered.context["filter"].is_valid()
    assert len(filtered.context["page"]) == 0


# --- The export ----------------------------------------------------------------------------------


def test_the_export_asks_who_it_is_for_and_logs_nothing_until_then(client_for, caseworker):
    GiftFactory.create_batch(3)
    client = client_for(caseworker)
    assert "3 declarations" in client.get(EXPORT).content.decode()
    body = client.post(EXPORT, {"recipient": "", "file_format": "csv"}).content.decode()
    assert "Enter who the export is for" in body
    assert not AccessLogEntry.objects.filter(action=AccessAction.DISCLOSURE).exists()


def test_the_csv_export_is_logged_as_a_disclosure_and_neutralises_formulas(client_for, caseworker):
    GiftFactory(donor_name='=HYPERLINK("http://evil.example")', description="+SUM(A1:A9)")
    GiftFactory(donor_name="Radio Northmoor", estimated_value=Decimal("500"))
    client = client_for(caseworker)
    response = client.post(
        f"{EXPORT}?donor=hyperlink",
        {"recipient": "HMICFRS inspection team", "file_format": "csv"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    assert text.splitlines()[0].startswith("Reference,Declared,Name,Staff number")
    assert "'=HYPERLINK" in text and "'+SUM(A1:A9)" in text
    assert "Radio Northmoor" not in text  # the filters apply to the export
    entry = AccessLogEntry.objects.get(action=AccessAction.DISCLOSURE)
    assert entry.recipient == "HMICFRS inspection team"
    assert entry.result_count == 1
    assert entry.search_terms == "donor=hyperlink"
    assert entry.area == Area.REGISTERS


def test_the_xlsx_export_opens_as_a_workbook(client_for, psd_head):
    gift = GiftFactory(status=GiftStatus.DECIDED, donor_name="@malicious")
    GiftDecisionFactory(gift=gift, outcome="accept_donate", rationale="Raffle it")
    response = client_for(psd_head).post(EXPORT, {"recipient": "Audit", "file_format": "xlsx"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    row = dict(zip(header, rows[1], strict=True))
    assert row["Reference"] == gift.reference
    assert row["Donor or recipient"] == "'@malicious"
    assert row["Decision"] == "Accepted and donated or raffled"
    assert row["Reasons"] == "Raffle it"
    assert float(row["Estimated value (£)"]) == 15.0


def test_the_export_pins_its_query_count(client_for, caseworker, django_assert_max_num_queries):
    for gift in GiftFactory.create_batch(60, status=GiftStatus.DECIDED):
        GiftDecisionFactory(gift=gift)
    client = client_for(caseworker)
    with django_assert_max_num_queries(10):
        response = client.post(EXPORT, {"recipient": "Audit", "file_format": "csv"})
    assert len(response.content.decode().splitlines()) == 61


# --- A declaration's page ---------------------------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_psd_and_the_ccu_open_a_declaration(client_for, request, team, persona):
    staff_member, _ = team
    gift = declare(staff_member, donor_type=DonorType.SUPPLIER)
    user = request.getfixturevalue(persona)
    body = client_for(user).get(_url("detail", gift)).content.decode()
    assert staff_member.person.staff_number in body
    assert "Bottle of red wine" in body
    assert "supplies the force" in body
    # Only a PSD decision maker is offered the decision.
    assert ("/decide/" in body) == (persona == "psd_head")
    entry = AccessLogEntry.objects.get(action=AccessAction.CONSULTATION)
    # A CCU member's row is opaque to the auditor; its details are kept for the CCU head.
    logged = entry.detail if persona.startswith("ccu") else entry
    assert (logged.object_id, logged.area, entry.username) == (
        str(gift.pk),
        "registers",
        user.username,
    )


@pytest.mark.parametrize("persona", ["staff_member", "board_member", "administrator", "auditor"])
def test_others_get_the_page_for_a_missing_declaration(client_for, request, team, persona):
    gift = declare(team[0], donor_type=DonorType.SUPPLIER)
    client = client_for(request.getfixturevalue(persona))
    for name in ("detail", "recommend", "decide"):
        assert client.get(_url(name, gift)).status_code == 404
    assert "Bottle of red wine" not in client.get(_url("detail", gift)).content.decode()


def test_a_line_manager_sees_their_reports_declarations_only(client_for, team, db):
    staff_member, line_manager = team
    mine = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    stranger = declare(UserFactory(roles=[Role.STAFF]))
    client = client_for(line_manager)
    body = client.get(_url("detail", mine)).content.decode()
    assert "/recommend/" in body and ">Decide<" in body
    assert client.get(_url("detail", stranger)).status_code == 404
    # No register for line managers: they have their team page.
    assert client.get(REGISTER).status_code == 404


def test_the_timeline_keeps_every_decision(client_for, team, psd_head, caseworker):
    staff_member, line_manager = team
    gift = declare(staff_member, estimated_value=Decimal("80"), response=Response.ACCEPTED)
    services.gift_recommend(
        gift=gift, outcome="accept", rationale="Well-known charity.", acting_user=line_manager
    )
    services.gift_decide(gift=gift, outcome="accept", rationale="Fine.", acting_user=psd_head)
    services.gift_decide(
        gift=gift,
        outcome="decline",
        rationale="New information about the donor.",
        conditions="Write to the donor",
        acting_user=psd_head,
    )
    body = client_for(caseworker).get(_url("detail", gift)).content.decode()
    timeline = body[body.index('data-testid="timeline"') :]
    titles = [
        "PSD decision: Declined",
        "PSD decision: Accepted",
        "Line manager recommendation: Accepted",
        "Declared",
    ]
    positions = [timeline.index(title) for title in titles]
    assert positions == sorted(positions)  # newest first
    assert "New information about the donor." in timeline
    assert "Conditions: Write to the donor" in timeline
    assert line_manager.display_name in timeline and psd_head.display_name in timeline
    assert "Decision:" not in timeline  # the declaration's own save rows are not repeated


# --- Recommending and deciding through the pages ------------------------------------------------


def test_the_line_manager_recommends_through_the_page(client_for, team, psd_head):
    staff_member, line_manager = team
    gift = declare(staff_member, estimated_value=Decimal("80"), response=Response.ACCEPTED)
    client = client_for(line_manager)
    url = _url("recommend", gift)
    page = client.get(url).content.decode()
    assert "Your recommendation" in page and "Professional Standards Department decides" in page
    body = client.post(url, {"outcome": "accept", "rationale": ""}).content.decode()
    assert "Enter the reasons for the decision" in body
    assert not GiftDecision.objects.exists()
    response = client.post(url, {"outcome": "accept", "rationale": "<b>bold</b>"})
    assert "Remove the HTML or script" in response.content.decode()
    response = client.post(url, {"outcome": "accept", "rationale": "Known charity."}, follow=True)
    assert response.redirect_chain[-1][0] == TEAM
    assert "Your recommendation on" in response.content.decode()
    gift.refresh_from_db()
    assert gift.status == GiftStatus.AWAITING_PSD
    # Asked again, the page says it is no longer waiting for them.
    again = client.get(url, follow=True).content.decode()
    assert "no longer waiting for a line manager" in again


def test_the_line_manager_decides_within_their_authority_through_the_page(client_for, team):
    staff_member, line_manager = team
    gift = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    client = client_for(line_manager)
    assert "Your decision" in client.get(_url("recommend", gift)).content.decode()
    client.post(_url("recommend", gift), {"outcome": "accept_donate", "rationale": "Raffle it"})
    gift.refresh_from_db()
    assert gift.status == GiftStatus.DECIDED


def test_psd_decides_and_changes_a_decision_through_the_page(client_for, team, psd_head):
    gift = declare(team[0], donor_type=DonorType.SUPPLIER, response=Response.ACCEPTED)
    client = client_for(psd_head)
    url = _url("decide", gift)
    assert "Decide" in client.get(url).content.decode()
    response = client.post(url, {"outcome": "accept", "rationale": "Modest."}, follow=True)
    assert "The decision on" in response.content.decode()
    page = client.get(url).content.decode()
    assert "Change the decision" in page and "both stay in the record" in page
    client.post(url, {"outcome": "return", "rationale": "Now bidding."})
    assert list(gift.decisions.values_list("outcome", flat=True)) == ["accept", "return"]


def test_a_decision_by_someone_who_may_not_decide_is_not_found(client_for, team, caseworker):
    gift = declare(team[0], donor_type=DonorType.SUPPLIER)
    client = client_for(caseworker)
    assert client.get(_url("decide", gift)).status_code == 404
    response = client.post(_url("decide", gift), {"outcome": "accept", "rationale": "Mine."})
    assert response.status_code == 404
    assert (
        client.post(_url("recommend", gift), {"outcome": "accept", "rationale": "x"}).status_code
        == 404
    )
    assert not GiftDecision.objects.exists()


def test_a_withdrawn_declaration_has_nothing_to_decide(client_for, team, psd_head):
    staff_member, _ = team
    gift = declare(staff_member, donor_type=DonorType.SUPPLIER)
    services.gift_withdraw(gift=gift, reason="Duplicate", acting_user=staff_member)
    body = client_for(psd_head).get(_url("decide", gift), follow=True).content.decode()
    assert "there is nothing to decide" in body


# --- The line manager's team page --------------------------------------------------------------


def test_the_team_page_lists_reports_waiting_first(client_for, team, db):
    staff_member, line_manager = team
    older = declare(staff_member, description="Recorded earlier")
    waiting = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    stranger = declare(UserFactory(roles=[Role.STAFF]), description="Not in the team")
    body = client_for(line_manager).get(TEAM).content.decode()
    assert body.index(waiting.reference) < body.index(older.reference)
    assert stranger.reference not in body and "Not in the team" not in body
    assert f'href="{_url("recommend", waiting)}"' in body


def test_the_team_page_is_for_line_managers(client_for, staff_member, caseworker, db):
    assert client_for(staff_member).get(TEAM).status_code == 404
    assert client_for(caseworker).get(TEAM).status_code == 404
    # Someone HR's data shows with reports is a line manager, whatever their roles.
    sergeant = UserFactory(roles=[Role.STAFF])
    PersonFactory(line_manager=sergeant.person)
    assert client_for(sergeant).get(TEAM).status_code == 200


def test_the_team_page_pins_its_query_count(client_for, team, django_assert_max_num_queries):
    _staff_member, line_manager = team
    reports = PersonFactory.create_batch(5, line_manager=line_manager.person)
    for index in range(60):
        GiftFactory(declarant=reports[index % 5])
    client = client_for(line_manager)
    with django_assert_max_num_queries(13):  # one more than a bare list: the overdue count
        body = client.get(TEAM).content.decode()
    assert "60 declarations" in body


# --- PSD records a declaration for someone ------------------------------------------------------


def test_psd_records_a_paper_declaration(client_for, caseworker, team):
    staff_member, _line_manager = team
    client = client_for(caseworker)
    data = {
        "staff_number": "NOPE",
        "note": "Paper form",
        "direction": "received",
        "kind": "gift",
        "description": "Christmas hamper",
        "estimated_value": "60",
        **date_parts("offered_on", dt.date.today()),
        "donor_name": "Saltcote Fisheries",
        "donor_type": "company",
        "business_reason": "Sent to the station.",
        "response": "accepted",
    }
    assert (
        "No member of the workforce has staff number NOPE"
        in client.post(RECORD, data).content.decode()
    )
    data["staff_number"] = staff_member.person.staff_number
    response = client.post(RECORD, data, follow=True)
    gift = Gift.objects.get()
    assert response.redirect_chain[-1][0] == _url("detail", gift)
    assert gift.declarant == staff_member.person and gift.submitted_by == caseworker
    assert "Declared on the member&#x27;s behalf by PSD: Paper form" in response.content.decode()


def test_the_form_answers_match_the_service(db):
    assert set(details().__dataclass_fields__) <= {
        "direction", "kind", "donor_name", "donor_type", "description", "estimated_value",
        "offered_on", "business_reason", "response",
    }  # fmt: skip


# --- The review queues ---------------------------------------------------------------------


def test_each_reviewer_gets_their_queues_in_one_query(
    team, psd_head, caseworker, board_member, django_assert_num_queries
):
    staff_member, line_manager = team
    declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    declare(UserFactory(roles=[Role.STAFF]), donor_type=DonorType.SUPPLIER)
    GiftFactory(
        status=GiftStatus.AWAITING_PSD,
        submitted_at=timezone.now() - dt.timedelta(days=20),  # overdue after 14 days
    )
    expected = {
        line_manager: {"gifts-line-manager": (1, 0)},
        psd_head: {"gifts-psd": (2, 1)},
        caseworker: {"gifts-psd": (2, 1)},
        board_member: {},
        staff_member: {},
    }
    for user, queues in expected.items():
        role_names(user)  # read once per request, by the middleware's first check
        with django_assert_num_queries(1):
            found = gift_review_queues(user=user)
        assert {q.key: (q.count, q.overdue) for q in found} == queues, user.username


def test_the_queues_page_links_to_each_queue(client_for, team, psd_head):
    staff_member, line_manager = team
    declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    body = client_for(line_manager).get(reverse("registers:queues")).content.decode()
    assert "Gifts and hospitality waiting for you as line manager" in body
    assert f'href="{TEAM}"' in body
    body = client_for(psd_head).get(reverse("registers:queues")).content.decode()
    assert "Gifts and hospitality waiting for a PSD decision" in body
    assert "/registers/gifts/?status=awaiting_psd" in body


# --- The numbers agree: what the queues count overdue, their lists mark overdue ----------------


def _overdue_marks(body: str) -> int:
    return body.count('data-testid="gift-overdue"')


def test_the_line_managers_queue_and_team_page_agree_on_overdue(client_for, team, psd_head):
    staff_member, line_manager = team
    now = timezone.now()
    late = [
        GiftFactory(declarant=staff_member.person, submitted_at=now - dt.timedelta(days=days))
        for days in (8, 30)
    ]
    fresh = GiftFactory(declarant=staff_member.person, submitted_at=now - dt.timedelta(days=6))
    # Late, but with PSD now: not this line manager's to count or mark.
    GiftFactory(
        declarant=staff_member.person,
        status=GiftStatus.AWAITING_PSD,
        submitted_at=now - dt.timedelta(days=40),
    )
    (queue,) = gift_review_queues(user=line_manager)
    assert (queue.count, queue.overdue) == (3, 2)
    body = client_for(line_manager).get(queue.url).content.decode()
    assert _overdue_marks(body) == queue.overdue
    assert "2 overdue" in body
    # The longest waiting come first, so the overdue ones head the page.
    assert body.index(late[1].reference) < body.index(late[0].reference)
    assert body.index(late[0].reference) < body.index(fresh.reference)


def test_the_psd_queue_and_the_register_it_links_to_agree_on_overdue(client_for, psd_head):
    now = timezone.now()
    for days in (15, 20, 3):
        GiftFactory(status=GiftStatus.AWAITING_PSD, submitted_at=now - dt.timedelta(days=days))
    GiftFactory(status=GiftStatus.DECIDED, submitted_at=now - dt.timedelta(days=60))
    (queue,) = gift_review_queues(user=psd_head)
    assert (queue.count, queue.overdue) == (3, 2)
    body = client_for(psd_head).get(queue.url).content.decode()
    assert f"{queue.count} declarations" in body
    assert _overdue_marks(body) == queue.overdue
    assert f"{queue.overdue} overdue" in body


# --- One vocabulary for each outcome ----------------------------------------------------------


@pytest.mark.parametrize("outcome", list(Outcome))
def test_an_outcome_reads_the_same_on_every_page_and_in_every_file(
    client_for, team, psd_head, caseworker, client, outcome
):
    staff_member, _ = team
    chief = UserFactory(roles=[Role.STAFF], person__rank_or_grade="Chief Constable")
    gifts = [
        declare(user, donor_type=DonorType.SUPPLIER, response=Response.ACCEPTED)
        for user in (staff_member, chief)
    ]
    for gift in gifts:
        services.gift_decide(gift=gift, outcome=outcome, rationale="Why.", acting_user=psd_head)
    label = outcome.label
    gift = gifts[0]
    reviewer = client_for(caseworker)
    register = reviewer.get(REGISTER).content.decode()
    assert f">{label}</span>" in register
    detail = reviewer.get(_url("detail", gift)).content.decode()
    assert f'data-testid="gift-decision">{label}<' in detail
    assert f"PSD decision: {label}" in detail
    export = reviewer.post(EXPORT, {"recipient": "Audit", "file_format": "csv"}).content.decode()
    assert f",{label}," in export
    mine = client_for(staff_member).get(reverse("my_gifts:detail", kwargs={"pk": gift.pk}))
    assert f"Decision: {label.lower()}." in mine.content.decode()
    assert f'data-testid="gift-decision">{label}<' in mine.content.decode()
    public = client.get(reverse("public_gifts:register")).content.decode()
    assert f'<td class="govuk-table__cell">{label}</td>' in public
    assert f",{label}" in client.get(reverse("public_gifts:csv")).content.decode()


def test_the_decision_form_offers_the_same_words(client_for, team, psd_head):
    gift = declare(team[0], donor_type=DonorType.SUPPLIER)
    body = client_for(psd_head).get(_url("decide", gift)).content.decode()
    for outcome in Outcome:
        assert f">{outcome.label}</label>" in body


def test_each_status_has_one_tag_colour(client_for, team, caseworker):
    gift = declare(team[0], estimated_value=Decimal("15"), response=Response.ACCEPTED)
    body = client_for(caseworker).get(_url("detail", gift)).content.decode()
    assert 'class="govuk-tag govuk-tag--blue" data-testid="gift-status">With line manager<' in body
    assert {status: Gift(status=status).status_tag_class for status in GiftStatus} == {
        status: STATUS_TAG_CLASSES[status] for status in GiftStatus
    }


# --- A paper declaration speaks of the member ------------------------------------------------


def test_the_paper_record_form_speaks_of_the_member_not_to_them(client_for, caseworker):
    body = client_for(caseworker).get(RECORD).content.decode()
    for words in (
        "Was the member offered it, or did they give it?",
        "Offered to them",
        "Who offered it? If they gave it, who did they give it to?",
        "What the member must declare",
        "Accepted offer worth £5.00 to £25.00: line manager agreement",
    ):
        assert words in body, words
    for words in ("Were you offered it", "Offered to me", "your line manager", "What you must"):
        assert words not in body, words
    response = client_for(caseworker).post(RECORD, {"staff_number": "1"})
    assert "Select whether they were offered it or gave it" in response.content.decode()


def test_the_members_own_form_still_speaks_to_them(client_for, staff_member):
    body = client_for(staff_member).get(reverse("my_gifts:new")).content.decode()
    assert "Were you offered it, or did you give it?" in body and "Offered to me" in body
    assert "What the member must declare" not in body


# --- The list selectors decide who reaches the register ---------------------------------------


@pytest.mark.parametrize("persona", ["line_manager", "staff_member", "board_member", "auditor"])
def test_the_register_selectors_refuse_everyone_but_psd_and_the_ccu(request, persona):
    user = request.getfixturevalue(persona)
    for read in (
        lambda: selectors.gift_list_for_user(user=user),
        lambda: selectors.gift_register_for_user(user=user, params=QueryDict()),
        lambda: selectors.gift_export_for_user(user=user, params=QueryDict()),
        lambda: selectors.person_list_for_recording(user=user),
    ):
        with pytest.raises(Http404):
            read()


def test_the_ccu_reads_the_register_but_neither_exports_nor_records(ccu_head, caseworker):
    GiftFactory()
    assert selectors.gift_list_for_user(user=ccu_head).count() == 1
    with pytest.raises(Http404):
        selectors.gift_export_for_user(user=ccu_head, params=QueryDict())
    with pytest.raises(Http404):
        selectors.person_list_for_recording(user=ccu_head)
    actions = selectors.gift_register_actions_for_user(user=ccu_head)
    assert (actions.export, actions.record) == (False, False)
    actions = selectors.gift_register_actions_for_user(user=caseworker)
    assert (actions.export, actions.record) == (True, True)
