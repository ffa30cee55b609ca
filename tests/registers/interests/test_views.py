"""Business-interest pages at every access level: what each person sees and does not see, what the
forms refuse, what is logged, and how many queries each list costs with a full page of rows."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from registers.interests import services
from registers.interests.models import (
    BusinessInterest,
    DecisionOutcome,
    InterestDecision,
    InterestStatus,
    InterestType,
)
from standards.access.models import AccessAction, AccessLogEntry
from standards.access.roles import Role
from standards.core import dates
from standards.core.fields import PARTS
from standards.exchange.models import CheckAnswer, IntelligenceCheck
from standards.notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.exchange.factories import IntelligenceCheckFactory
from tests.form_data import date_parts
from tests.people.factories import PersonFactory
from tests.registers.interests.factories import BusinessInterestFactory
from tests.security.test_corridor import _normalise

pytestmark = pytest.mark.django_db

REGISTER = reverse("interests:list")
REFUSED = reverse("interests:refused")
APPLY = reverse("my_interests:new")
MY = reverse("my:declarations")

CORRIDOR_WORDS = ("intelligence", "ccu", "counter corruption", "trace")


def _url(name: str, interest) -> str:
    return reverse(name, kwargs={"pk": interest.pk})


def _body(response) -> str:
    return response.content.decode()


def _says_nothing_of_the_check(body: str, words=CORRIDOR_WORDS) -> None:
    # Whole words only: "accurate" is not "ccu", and an officer called Tracey is not a "trace".
    lowered = body.lower()
    for word in words:
        assert not re.search(rf"\b{re.escape(word)}\b", lowered), word


VALID_FORM = {
    "interest_type": InterestType.SECONDARY_EMPLOYMENT,
    "organisation": "Saltcote Sailing Club",
    "role": "Sailing instructor",
    "hours_per_week": "6.5",
    "paid": "yes",
    "pay_details": "£15 an hour",
    **date_parts("start_date", dt.date.today() + dt.timedelta(days=20)),
    **date_parts("end_date"),
    "possible_conflicts": "None that I know of.",
}


# --- the member --------------------------------------------------------------------------------


def test_the_apply_page_explains_itself(client_for, staff_member):
    body = _body(client_for(staff_member).get(APPLY))
    assert "What happens after you apply" in body
    assert "Who will see this" in body
    assert "Relative&#x27;s interest in licensed premises" in body
    # Pay details are revealed under "Yes"; the script, not the page, adds aria-controls.
    assert 'value="yes" data-aria-controls="conditional-id_paid"' in body
    assert 'govuk-radios__conditional--hidden" id="conditional-id_paid">' in body
    assert "aria-expanded" not in body
    # Dates are typed as day, month and year, and the hint's example is in the same form.
    assert 'name="start_date_day"' in body and 'type="date"' not in body
    assert re.search(r"For example, \d{1,2} \d{1,2} \d{4}", body)
    assert "27/3/2026" not in body


def test_a_member_applies_and_follows_it_on_the_portal(client_for, team):
    member, manager = team
    client = client_for(member)
    response = client.post(APPLY, VALID_FORM)
    interest = BusinessInterest.objects.get()
    assert response["Location"] == _url("my_interests:detail", interest)
    assert interest.hours_per_week == 6.5
    assert interest.start_date == dt.date.today() + dt.timedelta(days=20)
    portal = _body(client.get(MY))
    assert "Saltcote Sailing Club" in portal and "With line manager" in portal
    page = _body(client.get(_url("my_interests:detail", interest)))
    assert "Your line manager has your application" in page
    assert "Withdraw application" in page
    assert Notification.objects.filter(recipient=manager).count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"organisation": "<script>alert(1)</script>"}, "Remove the HTML or script"),
        ({"interest_type": ""}, "Select the kind of business interest"),
        ({"hours_per_week": ""}, "Enter the hours a week, or 0 if none"),
        ({"hours_per_week": "lots"}, "Hours a week must be a number"),
        ({"hours_per_week": "90"}, "Hours a week must be 80 or fewer"),
        ({"paid": "yes", "pay_details": ""}, "Enter how much you are paid, or how"),
        ({"paid": ""}, "Select yes if you are paid for it"),
        (date_parts("end_date", dt.date(2020, 1, 1)), "The end date must be the same as or after"),
        ({"possible_conflicts": ""}, "Say how it could conflict with your police role"),
    ],
)
def test_bad_applications_explain_themselves_and_store_nothing(
    client_for, staff_member, change, message
):
    response = client_for(staff_member).post(APPLY, {**VALID_FORM, **change})
    body = _body(response)
    assert response.status_code == 200
    assert "There is a problem" in body
    assert message in body
    assert not BusinessInterest.objects.exists()


A_YEAR_AHEAD = dates.written(dates.years_ahead(1)(dt.date.today()))


@pytest.mark.parametrize(
    ("typed", "message", "marked"),
    [
        (("31", "2", "2026"), "The start date must be a real date", ["day"]),
        (("1", "13", "2026"), "The start date must be a real date", ["month"]),
        (("1", "", ""), "The start date must include a month and year", ["month", "year"]),
        (("1", "3", "26"), "The year in the start date must include 4 numbers", ["year"]),
        # A start in 1900 or 2099 is a slip of the keyboard, not a business interest.
        (("1", "1", "1900"), "The start date must be 1 January 1950 or later", PARTS),
        (("1", "1", "2099"), f"The start date must be {A_YEAR_AHEAD} or earlier", PARTS),
    ],
)
def test_a_start_date_that_cannot_be_right_is_refused(
    client_for, staff_member, typed, message, marked
):
    data = {**VALID_FORM, **date_parts("start_date", typed=typed)}
    body = _body(client_for(staff_member).post(APPLY, data))
    # The summary links to the first input that is wrong, and only the wrong inputs are marked.
    assert f'<a href="#id_start_date_{marked[0]}">{message}</a>' in body
    for part in PARTS:
        input_class = body.split(f'id="id_start_date_{part}"')[0].rsplit("<input", 1)[1]
        assert ("govuk-input--error" in input_class) == (part in marked), part
    assert not BusinessInterest.objects.exists()


def test_radio_errors_link_to_the_first_radio(client_for, staff_member):
    body = _body(client_for(staff_member).post(APPLY, {**VALID_FORM, "interest_type": ""}))
    assert 'href="#id_interest_type"' in body
    assert 'id="id_interest_type" name="interest_type" type="radio"' in body


def test_the_member_never_learns_of_the_check(client_for, flow, caseworker):
    interest = flow.recommended()
    client = client_for(flow.member)
    before = _body(client.get(_url("my_interests:detail", interest)))
    services.interest_request_check(interest=interest, acting_user=caseworker)
    during = _body(client.get(_url("my_interests:detail", interest)))
    assert "With PSD for decision" in during
    _says_nothing_of_the_check(during)
    # The portal also explains notifiable associations, which the CCU assesses: on it, look for
    # the check itself.
    _says_nothing_of_the_check(_body(client.get(MY)), words=("intelligence", "trace"))
    _says_nothing_of_the_check(_body(client.get(reverse("notifications:list"))))
    # Byte for byte the page the member saw before the check was asked (bar the nonce).
    assert _normalise(before) == _normalise(during)


def test_after_a_trace_the_member_and_manager_still_see_only_psd(client_for, flow, psd_head):
    interest = flow.checked(answer=CheckAnswer.TRACE)
    for user, url in (
        (flow.member, _url("my_interests:detail", interest)),
        (flow.manager, _url("interests:detail", interest)),
    ):
        body = _body(client_for(user).get(url))
        assert "With PSD for decision" in body
        _says_nothing_of_the_check(body)


def test_someone_elses_interest_is_missing_on_the_portal(client_for, flow, subject_officer):
    interest = flow.apply()
    client = client_for(subject_officer)
    for name in ("my_interests:detail", "my_interests:withdraw", "my_interests:end"):
        assert client.get(_url(name, interest)).status_code == 404
    assert client.post(_url("my_interests:withdraw", interest)).status_code == 404
    interest.refresh_from_db()
    assert interest.status == InterestStatus.AWAITING_LINE_MANAGER


def test_the_member_withdraws(client_for, flow):
    interest = flow.apply()
    client = client_for(flow.member)
    assert "Withdraw your application" in _body(client.get(_url("my_interests:withdraw", interest)))
    response = client.post(_url("my_interests:withdraw", interest), {"reason": "Changed my mind"})
    assert response["Location"] == _url("my_interests:detail", interest)
    interest.refresh_from_db()
    assert interest.status == InterestStatus.WITHDRAWN
    page = _body(client.get(_url("my_interests:detail", interest)))
    assert "Application withdrawn" in page and "Changed my mind" in page
    # Nothing more to withdraw: the page sends the member back.
    assert client.get(_url("my_interests:withdraw", interest)).status_code == 302


def test_the_member_appeals_a_refusal_and_sees_every_decision(client_for, flow, board_member):
    interest = flow.decided()
    client = client_for(flow.member)
    page = _body(client.get(_url("my_interests:detail", interest)))
    assert "Appeal to a chief officer" in page
    assert "Bar work in the force area conflicts" in page  # the PSD reasons
    assert "Good attendance" in page  # the manager's recommendation

    bad = client.post(_url("my_interests:appeal", interest), {"grounds": "<script>x</script>"})
    assert "Remove the HTML or script" in _body(bad)
    interest.refresh_from_db()
    assert interest.status == InterestStatus.REFUSED

    client.post(_url("my_interests:appeal", interest), {"grounds": "The pub is far away."})
    interest.refresh_from_db()
    assert interest.status == InterestStatus.APPEALED
    page = _body(client.get(_url("my_interests:detail", interest)))
    assert "A chief officer is deciding your appeal" in page


def test_the_member_ends_an_interest(client_for, flow):
    interest = flow.decided(outcome=DecisionOutcome.COMPATIBLE, start_date=dt.date(2025, 1, 6))
    client = client_for(flow.member)
    tomorrow = date_parts("ended_on", dt.date.today() + dt.timedelta(days=1))
    body = _body(client.post(_url("my_interests:end", interest), tomorrow))
    assert "The date it ended must be today or in the past" in body
    client.post(_url("my_interests:end", interest), date_parts("ended_on", dt.date.today()))
    interest.refresh_from_db()
    assert interest.status == InterestStatus.ENDED


# --- the line manager --------------------------------------------------------------------------


def test_the_manager_recommends_from_their_queue(client_for, flow, psd_head):
    interest = flow.apply()
    client = client_for(flow.manager)
    queue = _body(client.get(reverse("interests:recommendations")))
    assert interest.organisation in queue
    page = _body(client.get(_url("interests:recommend", interest)))
    assert "What to think about" in page
    bad = client.post(_url("interests:recommend", interest), {"outcome": "support"})
    assert "Enter the reasons for your recommendation" in _body(bad)
    assert not InterestDecision.objects.exists()
    response = client.post(
        _url("interests:recommend", interest),
        {"outcome": "support", "rationale": "Hours fit round shifts."},
    )
    assert response["Location"] == _url("interests:detail", interest)
    interest.refresh_from_db()
    assert interest.status == InterestStatus.AWAITING_PSD
    detail = _body(client.get(_url("interests:detail", interest)))
    assert "With PSD for decision" in detail
    _says_nothing_of_the_check(detail)
    # Already recommended: the page sends them to the record.
    assert client.get(_url("interests:recommend", interest)).status_code == 302


def test_other_managers_see_nothing(client_for, flow):
    other = UserFactory(roles=[Role.STAFF, Role.LINE_MANAGER])
    interest = flow.apply()
    client = client_for(other)
    assert interest.organisation not in _body(client.get(reverse("interests:recommendations")))
    assert client.get(_url("interests:detail", interest)).status_code == 404
    assert client.get(_url("interests:recommend", interest)).status_code == 404
    assert (
        client.post(
            _url("interests:recommend", interest), {"outcome": "support", "rationale": "x"}
        ).status_code
        == 404
    )
    assert not InterestDecision.objects.exists()


@pytest.mark.parametrize("who", ["staff_member", "caseworker", "board_member", "ccu_analyst"])
def test_the_recommendation_queue_is_for_line_managers(client_for, request, who):
    user = request.getfixturevalue(who)
    assert client_for(user).get(reverse("interests:recommendations")).status_code == 404


# --- PSD ---------------------------------------------------------------------------------------


def test_psd_sees_the_check_answer_but_never_the_ccu_note(client_for, flow, psd_head, ccu_analyst):
    interest = flow.checked(answer=CheckAnswer.TRACE)
    body = _body(client_for(psd_head).get(_url("interests:detail", interest)))
    assert "Trace: speak to CCU" in body
    assert "Speak to the CCU before you decide." in body
    assert "Known associate of the licensee" not in body  # the CCU's note
    assert ccu_analyst.person.display_name not in body  # who answered
    assert "Record the decision" in body


def test_psd_asks_for_the_check_from_the_page(client_for, flow, caseworker):
    interest = flow.recommended()
    client = client_for(caseworker)
    page = _body(client.get(_url("interests:detail", interest)))
    assert "Not asked yet" in page and "Ask the CCU for an intelligence check" in page
    assert "Record the decision" not in page  # a caseworker does not decide
    assert client.get(_url("interests:request_check", interest)).status_code == 405
    response = client.post(_url("interests:request_check", interest))
    assert response["Location"] == _url("interests:detail", interest)
    assert IntelligenceCheck.objects.filter(asked_for_id=interest.pk).count() == 1
    page = _body(client.get(_url("interests:detail", interest)))
    assert "Awaiting the CCU" in page
    assert "Ask the CCU for an intelligence check" not in page


@pytest.mark.parametrize("who", ["line_manager", "board_member", "ccu_head", "staff_member"])
def test_nobody_outside_psd_asks_for_a_check(client_for, flow, request, who):
    interest = flow.recommended()
    client = client_for(request.getfixturevalue(who))
    assert client.post(_url("interests:request_check", interest)).status_code == 404
    assert not IntelligenceCheck.objects.exists()


def test_the_head_of_psd_decides(client_for, flow, psd_head):
    interest = flow.checked()
    client = client_for(psd_head)
    url = _url("interests:decide", interest)
    page = _body(client.get(url))
    assert "Do not mention the intelligence check" in page
    assert "spoke_to_ccu" not in page  # no trace: nothing to confirm
    bad = client.post(url, {"outcome": "compatible_with_conditions", "rationale": "<b>x</b>"})
    body = _body(bad)
    assert "Enter the conditions the member must keep to" in body
    assert "Remove the HTML or script" in body
    assert interest.decisions.count() == 1
    response = client.post(
        url,
        {
            "outcome": "compatible_with_conditions",
            "conditions": "No more than 8 hours a week.",
            "rationale": "Low risk with a limit on hours.",
        },
    )
    assert response["Location"] == _url("interests:detail", interest)
    interest.refresh_from_db()
    assert interest.status == InterestStatus.APPROVED_WITH_CONDITIONS
    member_page = _body(client_for(flow.member).get(_url("my_interests:detail", interest)))
    assert "No more than 8 hours a week." in member_page
    assert "Appeal to a chief officer" in member_page


def test_after_a_trace_the_decision_needs_the_ccu_spoken_to(client_for, flow, psd_head):
    interest = flow.checked(answer=CheckAnswer.TRACE)
    url = _url("interests:decide", interest)
    body = _body(client_for(psd_head).post(url, {"outcome": "incompatible", "rationale": "Risk."}))
    assert "Speak to the CCU about the trace, then confirm you have" in body
    assert interest.decisions.count() == 1


@pytest.mark.parametrize("who", ["caseworker", "line_manager", "board_member", "ccu_head"])
def test_nobody_but_a_decision_maker_reaches_the_decision(client_for, flow, request, who):
    interest = flow.checked()
    client = client_for(request.getfixturevalue(who))
    assert client.get(_url("interests:decide", interest)).status_code == 404
    response = client.post(
        _url("interests:decide", interest), {"outcome": "compatible", "rationale": "Fine."}
    )
    assert response.status_code == 404
    interest.refresh_from_db()
    assert interest.status == InterestStatus.AWAITING_PSD


def test_decision_page_waits_for_the_check(client_for, flow, psd_head):
    interest = flow.recommended()
    assert client_for(psd_head).get(_url("interests:decide", interest)).status_code == 302


def test_the_ccu_reads_interests_but_cannot_act(client_for, flow, ccu_head):
    interest = flow.recommended()
    client = client_for(ccu_head)
    body = _body(client.get(_url("interests:detail", interest)))
    assert interest.organisation in body
    assert 'data-testid="actions"' not in body
    assert client.get(REGISTER).status_code == 200
    assert client.get(reverse("interests:export")).status_code == 404


def test_the_register_filters(client_for, psd_head):
    wanted = BusinessInterestFactory(
        interest_type=InterestType.DIRECTORSHIP,
        status=InterestStatus.APPROVED,
        declarant=PersonFactory(last_name="Okonkwo"),
    )
    BusinessInterestFactory(interest_type=InterestType.DIRECTORSHIP)
    BusinessInterestFactory(status=InterestStatus.APPROVED)
    client = client_for(psd_head)
    page = client.get(
        REGISTER, {"person": "okonkwo", "status": "approved", "interest_type": "directorship"}
    ).context["page"]
    assert [i.pk for i in page] == [wanted.pk]
    by_number = client.get(REGISTER, {"person": wanted.declarant.staff_number}).context["page"]
    assert [i.pk for i in by_number] == [wanted.pk]
    entry = AccessLogEntry.objects.get(search_terms__contains="okonkwo")
    assert entry.action == AccessAction.SEARCH and entry.result_count == 1


def test_the_register_shows_reviews_due(client_for, psd_head):
    today = dt.date.today()
    due = BusinessInterestFactory(status=InterestStatus.APPROVED, review_due=today)
    flagged = BusinessInterestFactory(
        status=InterestStatus.APPROVED,
        review_due=today + dt.timedelta(days=300),
        review_due_now=True,
        review_due_now_reason="change of unit",
    )
    BusinessInterestFactory(status=InterestStatus.APPROVED, review_due=today + dt.timedelta(200))
    page = client_for(psd_head).get(REGISTER, {"review": "due"}).context["page"]
    assert {i.pk for i in page} == {due.pk, flagged.pk}
    body = _body(client_for(psd_head).get(REGISTER, {"review": "due"}))
    assert "Review due now" in body


def test_psd_never_sees_their_own_interest_in_the_register(client_for, psd_head, caseworker):
    own = BusinessInterestFactory(declarant=caseworker.person)
    other = BusinessInterestFactory()
    page = client_for(caseworker).get(REGISTER).context["page"]
    assert [i.pk for i in page] == [other.pk]
    assert client_for(caseworker).get(_url("interests:detail", own)).status_code == 404
    assert client_for(psd_head).get(_url("interests:detail", own)).status_code == 200


def test_refused_monitor_view(client_for, psd_head):
    refused = BusinessInterestFactory(status=InterestStatus.REFUSED)
    withdrawn = BusinessInterestFactory(status=InterestStatus.WITHDRAWN)
    BusinessInterestFactory(status=InterestStatus.APPROVED)
    page = client_for(psd_head).get(REFUSED).context["page"]
    assert {i.pk for i in page} == {refused.pk, withdrawn.pk}


@pytest.mark.parametrize("who", ["staff_member", "line_manager", "board_member", "administrator"])
def test_the_register_is_invisible_outside_psd_and_ccu(client_for, request, who):
    client = client_for(request.getfixturevalue(who))
    for url in (REGISTER, REFUSED, reverse("interests:export")):
        assert client.get(url).status_code == 404


def test_export_asks_who_it_is_for_and_logs_it(client_for, psd_head):
    BusinessInterestFactory(organisation="=HYPERLINK(evil)")
    BusinessInterestFactory(status=InterestStatus.REFUSED)
    client = client_for(psd_head)
    url = reverse("interests:export") + "?status=awaiting_psd"
    assert "You are exporting 1 business interest" in _body(client.get(url))
    assert "Enter who the export is for" in _body(client.post(url, {"recipient": ""}))
    assert not AccessLogEntry.objects.filter(action=AccessAction.DISCLOSURE).exists()
    response = client.post(url, {"recipient": "HMICFRS inspection team", "file_format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode()
    lines = content.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Reference,Staff number,Name")
    assert "'=HYPERLINK(evil)" in lines[1]
    assert "trace" not in content.lower()
    entry = AccessLogEntry.objects.get(action=AccessAction.DISCLOSURE)
    assert entry.recipient == "HMICFRS inspection team"
    assert entry.result_count == 1
    assert entry.search_terms == "status=awaiting_psd"


def test_export_as_xlsx_in_the_registers_words(client_for, psd_head):
    BusinessInterestFactory(status=InterestStatus.APPROVED_WITH_CONDITIONS, role="@SUM(A1)")
    BusinessInterestFactory(status=InterestStatus.REFUSED)
    response = client_for(psd_head).post(
        reverse("interests:export"), {"recipient": "Audit", "file_format": "xlsx"}
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    status = rows[0].index("Status")
    assert sorted(row[status] for row in rows[1:]) == ["Compatible with conditions", "Incompatible"]
    assert "'@SUM(A1)" in [row[rows[0].index("Role")] for row in rows[1:]]


def test_a_detail_page_is_logged(client_for, psd_head):
    interest = BusinessInterestFactory()
    client_for(psd_head).get(_url("interests:detail", interest))
    entry = AccessLogEntry.objects.get(action=AccessAction.CONSULTATION)
    assert entry.object_id == str(interest.pk)
    assert entry.view_name == "interests:detail"


# --- the chief officer -------------------------------------------------------------------------


def test_the_chief_officer_sees_only_appeals_and_decides(client_for, flow, board_member):
    interest = flow.appealed()
    other = BusinessInterestFactory(status=InterestStatus.REFUSED)
    client = client_for(board_member)
    assert client.get(_url("interests:detail", other)).status_code == 404
    assert client.get(REGISTER).status_code == 404
    queue = client.get(reverse("interests:appeals")).context["page"]
    assert [i.pk for i in queue] == [interest.pk]
    body = _body(client.get(_url("interests:detail", interest)))
    assert "Grounds of appeal" in body
    assert "the pub is 20 miles away" in body
    _says_nothing_of_the_check(body)
    page = _body(client.get(_url("interests:decide_appeal", interest)))
    assert "Decide it personally" in page
    decision = {"outcome": "appeal_upheld", "rationale": "The premises are outside the area."}
    _confirmed(client, _url("interests:decide_appeal", interest), decision)
    interest.refresh_from_db()
    assert interest.status == InterestStatus.APPROVED
    # They still see the appeal they decided, and it says what they decided.
    after = _body(client.get(_url("interests:detail", interest)))
    assert "Appeal upheld: compatible" in after
    assert "Decision of the head of PSD: Incompatible" in after


def _confirmed(client, url: str, decision: dict):
    """The appeal decision as a chief officer records it: the form, then the check page."""
    checking = client.post(url, decision)
    assert "Check your decision on the appeal" in _body(checking)
    response = client.post(url, {**decision, "confirm": "yes"})
    assert response["Location"] == url.replace("appeal-decision/", "")
    return response


@pytest.mark.parametrize("who", ["psd_head", "caseworker", "line_manager", "ccu_head"])
def test_nobody_else_decides_an_appeal(client_for, flow, request, who):
    interest = flow.appealed()
    client = client_for(request.getfixturevalue(who))
    assert client.get(_url("interests:decide_appeal", interest)).status_code == 404
    client.post(
        _url("interests:decide_appeal", interest),
        {"outcome": "appeal_upheld", "rationale": "Fine."},
    )
    interest.refresh_from_db()
    assert interest.status == InterestStatus.APPEALED


def test_review_page(client_for, flow, psd_head, caseworker):
    interest = flow.decided(outcome=DecisionOutcome.COMPATIBLE)
    assert client_for(caseworker).get(_url("interests:review", interest)).status_code == 404
    client = client_for(psd_head)
    assert "Approved interests are reviewed every year" in _body(
        client.get(_url("interests:review", interest))
    )
    client.post(
        _url("interests:review", interest),
        {"outcome": "compatible", "rationale": "Unchanged after a year."},
    )
    assert interest.decisions.filter(stage="review").count() == 1


# --- review queues -----------------------------------------------------------------------------


def test_review_queues_per_role(client_for, flow, psd_head, board_member, ccu_analyst):
    flow.apply()
    flow.appealed(organisation="Another pub")
    BusinessInterestFactory(status=InterestStatus.AWAITING_PSD)
    IntelligenceCheckFactory()

    def queues(user):
        response = client_for(user).get(reverse("registers:queues"))
        return {q.key: q.count for q in response.context["queues"]}

    assert queues(flow.manager)["interests-recommendation"] == 1
    assert queues(psd_head)["interests-psd-decision"] == 2
    assert queues(board_member)["interests-appeal"] == 1
    assert queues(ccu_analyst)["ccu-intelligence-checks"] == 1
    assert client_for(flow.member).get(reverse("registers:queues")).status_code == 404


# --- query counts: a full page of rows, each with its own person and unit -----------------------


ROWS = 60


@pytest.fixture
def many(db):
    interests = BusinessInterestFactory.create_batch(ROWS)
    for interest in interests[::2]:
        IntelligenceCheckFactory(asked_for=interest, answer=CheckAnswer.NO_TRACE)
    return interests


def test_register_query_count(client_for, psd_head, many, django_assert_max_num_queries):
    client = client_for(psd_head)
    client.get(REGISTER)  # the session and the user are warm
    with django_assert_max_num_queries(12):
        response = client.get(REGISTER)
    assert len(response.context["page"]) == 50


def test_refused_query_count(client_for, psd_head, django_assert_max_num_queries):
    BusinessInterestFactory.create_batch(ROWS, status=InterestStatus.REFUSED)
    client = client_for(psd_head)
    client.get(REFUSED)
    with django_assert_max_num_queries(12):
        response = client.get(REFUSED)
    assert len(response.context["page"]) == 50


def test_recommendation_queue_query_count(client_for, line_manager, django_assert_max_num_queries):
    for _ in range(ROWS):
        BusinessInterestFactory(
            declarant=PersonFactory(line_manager=line_manager.person),
            status=InterestStatus.AWAITING_LINE_MANAGER,
        )
        BusinessInterestFactory(
            declarant=PersonFactory(line_manager=line_manager.person),
            status=InterestStatus.APPROVED,
        )
    client = client_for(line_manager)
    url = reverse("interests:recommendations")
    client.get(url)
    with django_assert_max_num_queries(13):
        response = client.get(url)
    assert len(response.context["page"]) == 50
    assert len(response.context["team"]) == 50


def test_appeal_queue_query_count(client_for, board_member, django_assert_max_num_queries):
    BusinessInterestFactory.create_batch(ROWS, status=InterestStatus.APPEALED)
    client = client_for(board_member)
    url = reverse("interests:appeals")
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert len(response.context["page"]) == 50


def test_portal_query_count(client_for, staff_member, django_assert_max_num_queries):
    BusinessInterestFactory.create_batch(ROWS, declarant=staff_member.person)
    client = client_for(staff_member)
    client.get(MY)
    with django_assert_max_num_queries(25):
        response = client.get(MY)
    assert _body(response).count("/my/interests/") >= ROWS


def test_review_queues_query_count(client_for, many, django_assert_max_num_queries):
    everything = UserFactory(
        roles=[
            Role.STAFF,
            Role.LINE_MANAGER,
            Role.PSD_DECISION_MAKER,
            Role.INTEGRITY_BOARD,
            Role.CCU_HEAD,
        ]
    )
    client = client_for(everything)
    url = reverse("registers:queues")
    client.get(url)
    # One aggregate query per queue (the registers', the CCU's checks, triage, actions,
    # interventions, alerts and reporting line, complaints' case and intake queues) on top of the
    # page's own: a fixed number, whatever the rows.
    with django_assert_max_num_queries(26):
        client.get(url)
