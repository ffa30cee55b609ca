"""The HMICFRS recommendations tracker: the services (validation, statuses, history), the list's
figures (% complete by actions, PCC response due 56 days after publication, overdue actions) in a
pinned number of queries, the pages for each persona, and the demo."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from standards.access.models import AccessLogEntry
from standards.access.roles import Role
from standards.board.demo.tracker import seed_tracker
from standards.board.models import (
    Inspection,
    InspectionKind,
    Inspectorate,
    Recommendation,
    RecommendationKind,
    RecommendationStatus,
    RecommendationUpdate,
    TrackerAction,
)
from standards.board.selectors import tracker as selectors
from standards.board.services import tracker as services
from tests.accounts.factories import UserFactory
from tests.board.factories import (
    InspectionFactory,
    RecommendationFactory,
    RecommendationUpdateFactory,
    TrackerActionFactory,
)
from tests.form_data import date_parts
from tests.people.factories import OrgUnitFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PUBLISHED = dt.date(2024, 3, 1)
AWAITING = RecommendationStatus.AWAITING_REVIEW
PROGRESSING = RecommendationStatus.BEING_PROGRESSED
COMPLETE = RecommendationStatus.COMPLETE


def _record(user, **overrides) -> Inspection:
    fields = {
        "title": "PEEL spotlight report: Shining a light on betrayal",
        "inspectorate": Inspectorate.HMICFRS,
        "kind": InspectionKind.THEMATIC,
        "published_on": PUBLISHED,
    }
    return services.inspection_record(**(fields | overrides), acting_user=user)


def _messages(error: ValidationError) -> dict:
    return error.value.message_dict


@pytest.fixture
def owner():
    return PersonFactory(org_unit=OrgUnitFactory(code="PSD", name="Professional Standards"))


@pytest.fixture
def recommendation(psd_head):
    inspection = _record(psd_head)
    return services.recommendation_add(
        inspection=inspection,
        kind=RecommendationKind.RECOMMENDATION,
        number="1",
        text="Vet everyone to the level their post needs.",
        acting_user=psd_head,
    )


# --- services -------------------------------------------------------------------------------------


def test_inspections_are_numbered_on_create_with_history(psd_head):
    first = _record(psd_head)
    second = _record(psd_head, title="Police integrity and corruption")
    assert (first.reference, second.reference) == ("INS-0001", "INS-0002")
    row = first.history.get()
    assert (row.history_type, row.history_change_reason, row.history_user) == (
        "+",
        "Inspection recorded",
        psd_head,
    )
    assert row.reference == "INS-0001"


def test_an_inspection_is_validated(psd_head):
    with pytest.raises(ValidationError) as error:
        _record(psd_head, published_on=TODAY + dt.timedelta(days=1))
    assert _messages(error) == {
        "published_on": ["The date the report was published must be today or in the past"]
    }
    with pytest.raises(ValidationError) as error:
        _record(psd_head, pcc_response_published_on=PUBLISHED - dt.timedelta(days=1))
    assert _messages(error) == {
        "pcc_response_published_on": [
            "The PCC's response must be published on or after the report, 1 March 2024"
        ]
    }
    with pytest.raises(ValidationError) as error:
        _record(psd_head, url="javascript:alert(1)")
    assert _messages(error) == {"url": ["Enter a web address, for example https://hmicfrs..."]}
    with pytest.raises(ValidationError) as error:
        _record(psd_head, title="  ")
    assert _messages(error) == {"title": ["Enter the title of the report"]}
    assert not Inspection.objects.exists()


def test_changing_an_inspection_names_what_changed(psd_head, board_member):
    inspection = _record(psd_head)
    fields = {
        "title": "Shining a light on betrayal",
        "inspectorate": Inspectorate.HMICFRS,
        "kind": InspectionKind.THEMATIC,
        "published_on": PUBLISHED,
    }
    services.inspection_change(inspection=inspection, **fields, acting_user=board_member)
    services.inspection_change(
        inspection=inspection,
        **fields,
        pcc_response_published_on=dt.date(2024, 4, 20),
        acting_user=board_member,
    )
    # Nothing changed: no history row.
    services.inspection_change(
        inspection=inspection,
        **fields,
        pcc_response_published_on=dt.date(2024, 4, 20),
        acting_user=board_member,
    )
    reasons = list(
        inspection.history.order_by("history_id").values_list("history_change_reason", flat=True)
    )
    assert reasons == ["Inspection recorded", "Changed: title", "PCC's response published"]
    assert inspection.history.latest().history_user == board_member


def test_only_a_board_reader_changes_the_tracker(psd_head, caseworker, ccu_analyst):
    inspection = _record(psd_head)
    for user in (caseworker, ccu_analyst):
        with pytest.raises(Http404):
            services.recommendation_add(
                inspection=inspection,
                kind=RecommendationKind.AFI,
                number="1",
                text="Improve it.",
                acting_user=user,
            )
    assert not Recommendation.objects.exists()


def test_recommendations_are_numbered_once_per_kind(psd_head, owner):
    inspection = _record(psd_head)
    first = services.recommendation_add(
        inspection=inspection,
        kind=RecommendationKind.RECOMMENDATION,
        number="1",
        text="Vet everyone.",
        owner=owner,
        acting_user=psd_head,
    )
    afi = services.recommendation_add(
        inspection=inspection,
        kind=RecommendationKind.AFI,
        number="1",
        text="Improve the audit of the registers.",
        acting_user=psd_head,
    )
    assert (first.status, first.order, afi.order) == (AWAITING, 1, 2)
    assert first.history.get().history_change_reason == "Recommendation 1 added"
    with pytest.raises(ValidationError) as error:
        services.recommendation_add(
            inspection=inspection,
            kind=RecommendationKind.RECOMMENDATION,
            number="1",
            text="Again.",
            acting_user=psd_head,
        )
    assert _messages(error) == {"number": ["Recommendation 1 is already on this inspection"]}


def test_an_update_sets_the_status_and_goes_on_the_log(recommendation, psd_head):
    update = services.recommendation_update_record(
        recommendation=recommendation,
        on=dt.date(2024, 4, 2),
        status=PROGRESSING,
        comment="Gap analysis done.",
        acting_user=psd_head,
    )
    recommendation.refresh_from_db()
    assert recommendation.status == PROGRESSING
    assert (update.recorded_by, update.on) == (psd_head, dt.date(2024, 4, 2))
    assert update.history.get().history_change_reason == "Update: being progressed"
    assert recommendation.history.latest().history_change_reason == "Status: being progressed"
    assert recommendation.history.latest().history_user == psd_head


@pytest.mark.parametrize(
    ("on", "status", "evidence", "expected"),
    [
        (
            TODAY + dt.timedelta(days=1),
            PROGRESSING,
            "",
            {"on": ["The date of the update must be today or in the past"]},
        ),
        (
            dt.date(2024, 2, 28),
            PROGRESSING,
            "",
            {"on": ["The date of the update must be on or after the report, 1 March 2024"]},
        ),
        (
            dt.date(2024, 4, 30),
            PROGRESSING,
            "",
            {"on": ["The date of the update must be on or after the last update, 1 May 2024"]},
        ),
        (
            dt.date(2024, 5, 2),
            COMPLETE,
            "  ",
            {"evidence": ["Enter the evidence that the recommendation is complete"]},
        ),
        (
            dt.date(2024, 5, 2),
            COMPLETE,
            "Policy v2",
            {"status": ["1 action is still open: complete them before the recommendation"]},
        ),
    ],
)
def test_an_update_is_refused(recommendation, psd_head, owner, on, status, evidence, expected):
    services.recommendation_update_record(
        recommendation=recommendation,
        on=dt.date(2024, 5, 1),
        status=PROGRESSING,
        comment="Under way.",
        acting_user=psd_head,
    )
    services.action_add(
        recommendation=recommendation,
        description="Write the policy",
        owner=owner,
        due_on=TODAY,
        acting_user=psd_head,
    )
    with pytest.raises(ValidationError) as error:
        services.recommendation_update_record(
            recommendation=recommendation,
            on=on,
            status=status,
            comment="Done.",
            evidence=evidence,
            acting_user=psd_head,
        )
    assert _messages(error) == expected
    assert RecommendationUpdate.objects.count() == 1


def test_complete_with_evidence_once_every_action_is_done(recommendation, psd_head, owner):
    action = services.action_add(
        recommendation=recommendation,
        description="Write the policy",
        owner=owner,
        due_on=dt.date(2024, 6, 1),
        acting_user=psd_head,
    )
    services.action_complete(action=action, completed_on=dt.date(2024, 5, 20), acting_user=psd_head)
    services.recommendation_update_record(
        recommendation=recommendation,
        on=dt.date(2024, 5, 21),
        status=COMPLETE,
        comment="Policy published.",
        evidence="Vetting policy v2, May 2024",
        acting_user=psd_head,
    )
    recommendation.refresh_from_db()
    assert recommendation.status == COMPLETE
    with pytest.raises(ValidationError) as error:
        services.action_add(
            recommendation=recommendation,
            description="More",
            owner=owner,
            due_on=TODAY,
            acting_user=psd_head,
        )
    assert error.value.messages == [
        "The recommendation is complete: record an update that reopens it before adding an action"
    ]


def test_an_action_is_validated(recommendation, psd_head, owner):
    leaver = PersonFactory(first_name="Ann", last_name="Gone", leave_date=TODAY, role_type="staff")
    cases = [
        ({"owner": None}, {"owner": ["Select who owns the action"]}),
        ({"owner": leaver}, {"owner": ["Ann Gone has left the force: choose another"]}),
        ({"due_on": None}, {"due_on": ["Enter the date the action is due"]}),
        (
            {"due_on": dt.date(2024, 2, 1)},
            {"due_on": ["The due date must be on or after the report, 1 March 2024"]},
        ),
        ({"description": ""}, {"description": ["Enter what needs to be done"]}),
    ]
    for overrides, expected in cases:
        fields = {"description": "Write the policy", "owner": owner, "due_on": TODAY} | overrides
        with pytest.raises(ValidationError) as error:
            services.action_add(recommendation=recommendation, **fields, acting_user=psd_head)
        assert _messages(error) == expected
    assert not TrackerAction.objects.exists()


def test_changing_and_completing_an_action(recommendation, psd_head, board_member, owner):
    other = PersonFactory()
    action = services.action_add(
        recommendation=recommendation,
        description="Write the policy",
        owner=owner,
        due_on=dt.date(2024, 6, 1),
        acting_user=psd_head,
    )
    services.action_change(
        action=action,
        description="Write the policy",
        owner=other,
        due_on=dt.date(2024, 7, 1),
        acting_user=board_member,
    )
    for day, expected in (
        (
            TODAY + dt.timedelta(days=1),
            "The date the action was completed must be today or in the past",
        ),
        (
            dt.date(2024, 2, 29),
            "The date the action was completed must be on or after the report, 1 March 2024",
        ),
        (None, "Enter the date the action was completed"),
    ):
        with pytest.raises(ValidationError) as error:
            services.action_complete(action=action, completed_on=day, acting_user=psd_head)
        assert _messages(error) == {"completed_on": [expected]}
    services.action_complete(action=action, completed_on=dt.date(2024, 6, 30), acting_user=psd_head)
    action.refresh_from_db()
    assert (action.owner, action.due_on, action.completed_on) == (
        other,
        dt.date(2024, 7, 1),
        dt.date(2024, 6, 30),
    )
    reasons = list(
        action.history.order_by("history_id").values_list("history_change_reason", flat=True)
    )
    assert reasons == ["Action added", "Changed: owner, due date", "Action completed"]
    with pytest.raises(ValidationError):
        services.action_complete(action=action, completed_on=TODAY, acting_user=psd_head)
    with pytest.raises(ValidationError) as error:
        services.action_change(
            action=action, description="x", owner=owner, due_on=TODAY, acting_user=psd_head
        )
    assert error.value.messages == ["The action is complete: it can no longer be changed"]


# --- the list's figures ---------------------------------------------------------------------------


def test_percent_complete_is_by_actions():
    assert selectors.percent_complete(8, 16) == 50
    assert selectors.percent_complete(1, 3) == 33
    assert selectors.percent_complete(2, 3) == 67
    assert selectors.percent_complete(1, 8) == 13  # 12.5 rounds up
    assert selectors.percent_complete(0, 0) is None


def test_sixteen_actions_eight_complete_is_fifty_percent(board_member):
    inspection = InspectionFactory(published_on=PUBLISHED)
    recs = RecommendationFactory.create_batch(4, inspection=inspection)
    for index in range(16):
        TrackerActionFactory(
            recommendation=recs[index % 4],
            completed_on=PUBLISHED if index < 8 else None,
            due_on=TODAY - dt.timedelta(days=1) if index in (8, 9, 10) else TODAY,
        )
    tracker = selectors.tracker_for_user(user=board_member)
    (row,) = tracker.rows
    assert (row.actions.total, row.actions.complete, row.actions.overdue) == (16, 8, 3)
    assert row.actions.percent == 50
    assert tracker.summary == "16 actions, 50% complete"
    assert (tracker.actions.total, tracker.actions.complete, tracker.actions.overdue) == (16, 8, 3)


def test_the_list_counts_by_kind_and_status(board_member):
    inspection = InspectionFactory(published_on=dt.date(2019, 9, 27))
    for status in (AWAITING, PROGRESSING, PROGRESSING, COMPLETE):
        RecommendationFactory(inspection=inspection, status=status)
    for status in (COMPLETE, COMPLETE):
        RecommendationFactory(inspection=inspection, kind=RecommendationKind.AFI, status=status)
    RecommendationFactory(
        inspection=inspection, kind=RecommendationKind.CAUSE_OF_CONCERN, status=AWAITING
    )
    empty = InspectionFactory(
        published_on=TODAY - dt.timedelta(days=10), pcc_response_published_on=None
    )
    rows = {row.inspection.pk: row for row in selectors.tracker_for_user(user=board_member).rows}
    row = rows[inspection.pk]
    assert (row.recommendations.awaiting, row.recommendations.progressing) == (1, 2)
    assert (row.recommendations.complete, row.recommendations.total) == (1, 4)
    assert (row.afis.complete, row.afis.total, row.concerns.total) == (2, 2, 1)
    assert row.actions.percent is None
    assert row.pcc_response_due == dt.date(2019, 11, 22)  # 27 September + 56 days
    assert (row.pcc_response_published, row.pcc_response_overdue) == (False, True)
    fresh = rows[empty.pk]
    assert fresh.pcc_response_due == TODAY + dt.timedelta(days=46)
    assert (fresh.pcc_response_published, fresh.pcc_response_overdue) == (False, False)
    assert fresh.recommendations.total == 0


def test_the_list_is_two_queries_however_many_rows(board_member, django_assert_num_queries):
    def build(count):
        for _ in range(count):
            rec = RecommendationFactory(inspection=InspectionFactory())
            TrackerActionFactory.create_batch(2, recommendation=rec)
            RecommendationUpdateFactory(recommendation=rec)

    build(1)
    selectors.tracker_for_user(user=board_member)  # the user's roles are read once and kept
    with django_assert_num_queries(2):
        selectors.tracker_for_user(user=board_member)
    build(6)
    with django_assert_num_queries(2):
        tracker = selectors.tracker_for_user(user=board_member)
    assert len(tracker.rows) == 7
    assert tracker.summary == "14 actions, 0% complete"


def test_a_non_reader_sees_nothing(caseworker, ccu_analyst):
    rec = RecommendationFactory()
    action = TrackerActionFactory(recommendation=rec)
    for user in (caseworker, ccu_analyst):
        assert selectors.tracker_for_user(user=user).rows == []
        assert selectors.tracker_for_user(user=user).summary == "No actions yet"
        with pytest.raises(Http404):
            selectors.inspection_get_for_user(user=user, pk=rec.inspection_id)
        with pytest.raises(Http404):
            selectors.recommendation_get_for_user(user=user, pk=rec.pk)
        with pytest.raises(Http404):
            selectors.action_get_for_user(user=user, pk=action.pk)


# --- pages ----------------------------------------------------------------------------------------


@pytest.fixture
def readers(board_member, psd_head, ccu_head):
    return {"dcc": board_member, "psd_head": psd_head, "ccu_head": ccu_head}


def test_the_pages_for_each_persona(
    client_for, readers, staff_member, line_manager, caseworker, ccu_analyst, auditor
):
    action = TrackerActionFactory(due_on=TODAY - dt.timedelta(days=2))
    rec = action.recommendation
    RecommendationUpdateFactory(recommendation=rec, comment="Gap analysis done.")
    urls = [
        reverse("board:tracker"),
        reverse("board:inspection_new"),
        reverse("board:inspection", args=[rec.inspection_id]),
        reverse("board:inspection_edit", args=[rec.inspection_id]),
        reverse("board:recommendation_new", args=[rec.inspection_id]),
        reverse("board:recommendation", args=[rec.pk]),
        reverse("board:recommendation_update", args=[rec.pk]),
        reverse("board:action_new", args=[rec.pk]),
        reverse("board:action_edit", args=[action.pk]),
    ]
    for user in readers.values():
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == 200, url
    for user in (staff_member, line_manager, caseworker, ccu_analyst, auditor):
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == 404, url


def test_the_tracker_page_shows_progress_and_overdue(client_for, board_member):
    inspection = InspectionFactory(title="Shining a light on betrayal", published_on=PUBLISHED)
    rec = RecommendationFactory(inspection=inspection)
    for index in range(16):
        TrackerActionFactory(
            recommendation=rec,
            completed_on=PUBLISHED if index < 8 else None,
            due_on=TODAY - dt.timedelta(days=1) if index == 15 else TODAY,
        )
    response = client_for(board_member).get(reverse("board:tracker"))
    html = response.content.decode()
    assert "16 actions, 50% complete" in html
    assert "<strong>50%</strong>" in html
    assert "1 overdue" in html
    assert "Shining a light on betrayal" in html
    assert "Was due 26 Apr 2024" in html  # 1 March + 56 days, no response recorded
    assert AccessLogEntry.objects.filter(user=board_member).count() == 1


def test_the_tracker_page_is_a_bounded_number_of_queries(
    client_for, board_member, django_assert_max_num_queries
):
    client = client_for(board_member)
    for _ in range(3):
        TrackerActionFactory(recommendation=RecommendationFactory(inspection=InspectionFactory()))
    client.get(reverse("board:tracker"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("board:tracker"))
    for _ in range(10):
        TrackerActionFactory(recommendation=RecommendationFactory(inspection=InspectionFactory()))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("board:tracker"))


def test_recording_an_inspection_through_the_page(client_for, psd_head):
    client = client_for(psd_head)
    response = client.post(
        reverse("board:inspection_new"),
        {
            "title": "Police integrity and corruption",
            "inspectorate": Inspectorate.HMIC,
            "kind": InspectionKind.FORCE,
            **date_parts("published_on", dt.date(2014, 11, 27)),
            "url": "",
            "summary": "",
            **date_parts("pcc_response_published_on", None),
        },
        follow=True,
    )
    inspection = Inspection.objects.get()
    assert inspection.reference == "INS-0001"
    assert response.redirect_chain[-1][0] == reverse("board:inspection", args=[inspection.pk])
    assert "INS-0001 recorded. Add its recommendations" in response.content.decode()
    assert "by 22 January 2015" in response.content.decode()


def test_the_head_of_psd_records_an_update_and_completes_an_action(client_for, psd_head, owner):
    client = client_for(psd_head)
    rec = RecommendationFactory(inspection=InspectionFactory(published_on=PUBLISHED))
    action = TrackerActionFactory(recommendation=rec, owner=owner, due_on=TODAY)
    response = client.post(
        reverse("board:recommendation_update", args=[rec.pk]),
        {
            **date_parts("on", TODAY),
            "status": COMPLETE,
            "comment": "Policy published.",
            "evidence": "",
        },
    )
    assert response.status_code == 200
    assert "Enter the evidence that the recommendation is complete" in response.content.decode()
    response = client.post(
        reverse("board:action_edit", args=[action.pk]),
        {"step": "complete", **date_parts("completed_on", TODAY)},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("board:recommendation_update", args=[rec.pk]),
        {
            **date_parts("on", TODAY),
            "status": COMPLETE,
            "comment": "Policy published.",
            "evidence": "Vetting policy v2",
        },
        follow=True,
    )
    rec.refresh_from_db()
    action.refresh_from_db()
    assert (rec.status, action.completed_on) == (COMPLETE, TODAY)
    html = response.content.decode()
    assert "Update recorded: Recommendation" in html
    assert "moj-timeline__item" in html
    assert "Vetting policy v2" in html


def test_a_recommendation_page_logs_one_row_about_it(client_for, psd_head):
    rec = RecommendationFactory()
    client_for(psd_head).get(reverse("board:recommendation", args=[rec.pk]))
    (entry,) = AccessLogEntry.objects.filter(user=psd_head)
    assert (entry.area, entry.action, entry.object_id) == ("board", "consultation", str(rec.pk))


# --- the demo -------------------------------------------------------------------------------------


def test_the_demo_seeds_the_reports_recommendations_once():
    head = UserFactory(username="psd.head", roles=[Role.STAFF, Role.PSD_DECISION_MAKER])
    units = {code: OrgUnitFactory(code=code) for code in ("PSD", "PSD-CCU", "PSD-VET", "PSD-CMP")}
    PersonFactory(org_unit=units["PSD"], job_title="Head of Professional Standards")
    PersonFactory(org_unit=units["PSD-CCU"], rank_or_grade="Detective Chief Inspector")
    PersonFactory(org_unit=units["PSD-VET"], job_title="Force Vetting Manager", role_type="staff")
    rows = seed_tracker(today=TODAY, rng=random.Random(1))
    # 2 inspections, 13 recommendations (8 of 2014, 5 of 2019), 24 actions, 19 updates.
    assert (
        Inspection.objects.count(),
        Recommendation.objects.count(),
        TrackerAction.objects.count(),
        RecommendationUpdate.objects.count(),
    ) == (2, 13, 24, 19)
    assert rows == 58
    assert list(Inspection.objects.order_by("published_on").values_list("title", flat=True)) == [
        "Police integrity and corruption",
        "PEEL spotlight report: Shining a light on betrayal",
    ]
    statuses = dict(Recommendation.objects.order_by().values_list("status").annotate(n=Count("pk")))
    assert statuses == {COMPLETE: 7, PROGRESSING: 5, AWAITING: 1}
    tracker = selectors.tracker_for_user(user=head)
    assert tracker.summary == "24 actions, 75% complete"
    assert [row.inspection.reference for row in tracker.rows] == ["INS-0002", "INS-0001"]
    assert [row.actions.percent for row in tracker.rows] == [62, 91]  # 8 of 13, 10 of 11
    assert tracker.actions.overdue == 5
    assert all(update.recorded_by == head for update in RecommendationUpdate.objects.all())
    assert seed_tracker(today=TODAY, rng=random.Random(1)) == 0
    assert Recommendation.objects.count() == 13


def test_the_forms_add_a_recommendation_and_an_action_and_record_the_pcc_response(
    client_for, board_member, owner
):
    client = client_for(board_member)
    inspection = InspectionFactory(published_on=PUBLISHED, title="Vetting and counter-corruption")
    response = client.post(
        reverse("board:inspection_edit", args=[inspection.pk]),
        {
            "title": inspection.title,
            "inspectorate": Inspectorate.HMICFRS,
            "kind": InspectionKind.THEMATIC,
            **date_parts("published_on", PUBLISHED),
            "url": "",
            "summary": "",
            **date_parts("pcc_response_published_on", dt.date(2024, 4, 20)),
        },
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.pcc_response_published_on == dt.date(2024, 4, 20)
    response = client.post(
        reverse("board:recommendation_new", args=[inspection.pk]),
        {
            "kind": RecommendationKind.AFI,
            "number": "AFI 1",
            "text": "The force should audit its registers.",
            "owner": str(owner.pk),
        },
    )
    rec = Recommendation.objects.get(inspection=inspection)
    assert response.url == reverse("board:recommendation", args=[rec.pk])
    assert (str(rec), rec.owner, rec.status) == ("Area for improvement AFI 1", owner, AWAITING)
    # The owner must be one of those listed (Professional Standards, chief officers).
    outsider = PersonFactory()
    response = client.post(
        reverse("board:action_new", args=[rec.pk]),
        {"description": "Audit", "owner": str(outsider.pk), **date_parts("due_on", TODAY)},
    )
    assert response.status_code == 200
    assert "Select an owner from the list" in response.content.decode()
    response = client.post(
        reverse("board:action_new", args=[rec.pk]),
        {"description": "Audit", "owner": str(owner.pk), **date_parts("due_on", TODAY)},
        follow=True,
    )
    action = TrackerAction.objects.get()
    assert (action.recommendation, action.owner, action.due_on) == (rec, owner, TODAY)
    assert "It shows as overdue on the tracker if it is not complete by then" in (
        response.content.decode()
    )
