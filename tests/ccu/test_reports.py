"""Intelligence reports: recording, the 3x5x2 grading and its history, subjects, compartments,
notes and the list - and who may see each page: the CCU only, an analyst only the operations
they are granted, the source only the head and the owner, never a subject."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from guardian.shortcuts import assign_perm

from ccu.models import (
    Grading,
    GradingScheme,
    IntelligenceReport,
    ReportNote,
    ReportSource,
    ReportSubject,
    Route,
)
from ccu.services import reports as services
from standards.access.models import AccessLogEntry
from standards.access.roles import Role
from standards.core import extensions
from tests.accounts.factories import UserFactory
from tests.ccu.factories import GradingFactory, OperationFactory, ReportFactory
from tests.form_data import date_parts
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

TABS = (
    "ccu:report",
    "ccu:report_source",
    "ccu:report_grading",
    "ccu:report_edit",
    "ccu:report_subjects",
    "ccu:report_move",
    "ccu:report_notes",
    "ccu:report_timeline",
)


def _url(name: str, report=None) -> str:
    return reverse(name, kwargs={"pk": report.pk}) if report else reverse(name)


def _grant(user, operation) -> None:
    for perm in ("view_operation", "work_operation"):
        assign_perm(perm, user, operation)


@pytest.fixture
def operation(ccu_head, ccu_analyst):
    operation = OperationFactory(opened_by=ccu_head, code_name="Operation KESTREL")
    _grant(ccu_head, operation)
    _grant(ccu_analyst, operation)
    return operation


@pytest.fixture
def second_analyst(db):
    """An analyst who has not been given the operation."""
    return UserFactory(username="ccu.analyst2", roles=[Role.STAFF, Role.CCU_ANALYST])


@pytest.fixture
def in_operation(operation, ccu_analyst):
    return ReportFactory(
        operation=operation, owner=ccu_analyst, sanitised_text="Kestrel intelligence"
    )


@pytest.fixture
def in_intake(ccu_analyst):
    return ReportFactory(owner=ccu_analyst, sanitised_text="Intake intelligence")


@pytest.fixture
def alerts():
    """What the watchlist listener would be told (the watch stage registers the real one)."""
    told = []
    extensions.register_record_listener("test-reports", lambda **kwargs: told.append(kwargs))
    yield told
    extensions._RECORD_LISTENERS.pop("test-reports", None)


# --- recording ----------------------------------------------------------------------------


def _record_data(**overrides) -> dict:
    data = {
        **date_parts("received_on", dt.date.today() - dt.timedelta(days=1)),
        "route": Route.LINE_MANAGER,
        "original_text": "PC Smith told me Sgt Jones looked up his neighbour on the PNC.",
        "source_details": "PC Smith, 07700 900123",
        "sanitised_text": "A sergeant is said to have searched a neighbour on force systems.",
        "categories": ["systems-misuse", "disclosure"],
        "operation": "intake",
        "subject_staff_numbers": "",
        "subject_reason": "",
    }
    data.update(overrides)
    return data


def test_an_analyst_records_a_report_and_owns_it(client_for, ccu_analyst, alerts):
    subject = PersonFactory()
    response = client_for(ccu_analyst).post(
        _url("ccu:report_record"),
        _record_data(subject_staff_numbers=subject.staff_number, subject_reason="Named"),
    )
    report = IntelligenceReport.objects.get()
    assert response["Location"] == _url("ccu:report_grading", report)
    assert report.owner == ccu_analyst
    assert report.operation is None
    assert report.route == Route.LINE_MANAGER
    assert sorted(report.categories.values_list("code", flat=True)) == [
        "disclosure",
        "systems-misuse",
    ]
    source = ReportSource.objects.get(report=report)
    assert "PC Smith told me" in source.original_text
    assert "PC Smith" not in report.sanitised_text
    assert ReportSubject.objects.get(report=report).person == subject
    assert alerts == [
        {
            "kind": "intelligence",
            "record": report,
            "person_ids": [subject.pk],
            "summary": f"{report.reference}: intelligence recorded",
        }
    ]


def test_each_category_checkbox_has_its_own_id_and_label(client_for, ccu_analyst):
    body = client_for(ccu_analyst).get(_url("ccu:report_record")).content.decode()
    boxes = re.findall(
        r'<input class="govuk-checkboxes__input" id="([^"]+)" name="categories"', body
    )
    labels = re.findall(r'for="(id_categories[^"]*)"', body)
    assert len(boxes) == 12 == len(set(boxes))  # the national categories, each its own id
    # The first box carries the field's own id (the error summary links to it).
    assert boxes[0] == "id_categories" and boxes[1] == "id_categories_1"
    assert labels == boxes


def test_recording_refuses_a_future_date_and_no_category(client_for, ccu_analyst):
    response = client_for(ccu_analyst).post(
        _url("ccu:report_record"),
        _record_data(
            categories=[], **date_parts("received_on", dt.date.today() + dt.timedelta(days=1))
        ),
    )
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Select at least one national corruption category" in body
    assert "The date received must be today or in the past" in body
    assert not IntelligenceReport.objects.exists()


def test_the_service_refuses_a_future_date_whoever_calls(ccu_analyst):
    with pytest.raises(ValidationError) as error:
        services.report_record(
            received_on=dt.date.today() + dt.timedelta(days=3),
            route=Route.VETTING,
            original_text="x",
            source_details="",
            sanitised_text="y",
            category_codes=["other"],
            acting_user=ccu_analyst,
        )
    assert "received_on" in error.value.message_dict


def test_a_report_goes_only_into_an_operation_the_analyst_works_on(
    ccu_analyst, second_analyst, operation
):
    with pytest.raises(ValidationError) as error:
        services.report_record(
            received_on=dt.date.today(),
            route=Route.VETTING,
            original_text="x",
            sanitised_text="y",
            source_details="",
            category_codes=["other"],
            operation=operation,
            acting_user=second_analyst,
        )
    assert "operation" in error.value.message_dict
    report = services.report_record(
        received_on=dt.date.today(),
        route=Route.VETTING,
        original_text="x",
        sanitised_text="y",
        source_details="",
        category_codes=["other"],
        operation=operation,
        acting_user=ccu_analyst,
    )
    assert report.operation == operation


def test_nobody_records_intelligence_about_themselves(ccu_analyst):
    with pytest.raises(ValidationError):
        services.report_record(
            received_on=dt.date.today(),
            route=Route.VETTING,
            original_text="x",
            sanitised_text="y",
            source_details="",
            category_codes=["other"],
            subjects=[(ccu_analyst.person.staff_number, "me")],
            acting_user=ccu_analyst,
        )


def test_outside_the_ccu_nobody_can_record(caseworker):
    with pytest.raises(Http404):
        services.report_record(
            received_on=dt.date.today(),
            route=Route.VETTING,
            original_text="x",
            sanitised_text="y",
            source_details="",
            category_codes=["other"],
            acting_user=caseworker,
        )


# --- who sees what ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "outsider",
    [
        "staff_member",
        "line_manager",
        "caseworker",
        "psd_head",
        "board_member",
        "administrator",
        "auditor",
        "reviewer",
    ],
)
def test_outside_the_ccu_every_report_page_is_a_404(request, client_for, outsider, in_intake):
    client = client_for(request.getfixturevalue(outsider))
    for name in ("ccu:report_list", "ccu:report_record", "ccu:report_import"):
        assert client.get(_url(name)).status_code == 404, name
    for name in TABS:
        assert client.get(_url(name, in_intake)).status_code == 404, name
        assert client.post(_url(name, in_intake), {"reason": "x"}).status_code in (404, 405)


def test_an_analyst_not_granted_the_operation_sees_neither_its_reports_nor_them_listed(
    client_for, second_analyst, in_operation, in_intake
):
    client = client_for(second_analyst)
    for name in TABS:
        assert client.get(_url(name, in_operation)).status_code == 404, name
    # Posting to change it is refused in the same way, and changes nothing.
    client.post(_url("ccu:report_notes", in_operation), {"text": "sneaky"})
    assert not ReportNote.objects.exists()
    body = client.get(_url("ccu:report_list")).content.decode()
    assert in_intake.reference in body
    assert in_operation.reference not in body
    # Granted, they see it.
    _grant(second_analyst, in_operation.operation)
    assert client.get(_url("ccu:report", in_operation)).status_code == 200
    assert in_operation.reference in client.get(_url("ccu:report_list")).content.decode()


@pytest.mark.parametrize("role", [Role.CCU_ANALYST, Role.CCU_HEAD])
def test_a_subject_never_sees_a_report_about_them_whatever_their_role(
    client_for, role, operation, ccu_analyst
):
    subject = UserFactory(roles=[Role.STAFF, role])
    _grant(subject, operation)  # need-to-know would let them in; self-conflict must not
    about_them = ReportFactory(operation=operation, owner=subject, subjects=[subject.person])
    intake_about_them = ReportFactory(owner=ccu_analyst, subjects=[subject.person])
    client = client_for(subject)
    for report in (about_them, intake_about_them):
        for name in TABS:
            assert client.get(_url(name, report)).status_code == 404, name
    body = client.get(_url("ccu:report_list")).content.decode()
    assert about_them.reference not in body and intake_about_them.reference not in body


def test_the_source_is_for_the_head_and_the_owner_only(
    client_for, ccu_head, ccu_analyst, operation, in_operation
):
    colleague = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    _grant(colleague, operation)
    source_url = _url("ccu:report_source", in_operation)
    owner_page = client_for(ccu_analyst).get(source_url)
    assert owner_page.status_code == 200
    assert "Original words of the source" in owner_page.content.decode()
    assert "Sergeant A, by phone" in owner_page.content.decode()
    head_page = client_for(ccu_head).get(source_url)
    assert head_page.status_code == 200
    assert "Original words of the source" in head_page.content.decode()
    # A colleague on the same operation works from the sanitised text: no tab, and a 404.
    client = client_for(colleague)
    assert client.get(source_url).status_code == 404
    summary = client.get(_url("ccu:report", in_operation)).content.decode()
    assert "Original and source" not in summary
    assert "Original words of the source" not in summary
    assert "Kestrel intelligence" in summary


def test_taking_a_report_on_opens_its_source(client_for, operation, in_operation):
    colleague = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    _grant(colleague, operation)
    client = client_for(colleague)
    response = client.post(_url("ccu:report", in_operation), {"take_on": "1"})
    assert response.status_code == 302
    in_operation.refresh_from_db()
    assert in_operation.owner == colleague
    assert client.get(_url("ccu:report_source", in_operation)).status_code == 200


def test_each_tab_writes_one_access_log_row(client_for, ccu_analyst, in_operation):
    client = client_for(ccu_analyst)
    for name in TABS:
        before = AccessLogEntry.objects.count()
        assert client.get(_url(name, in_operation)).status_code == 200, name
        assert AccessLogEntry.objects.count() == before + 1, name


# --- grading --------------------------------------------------------------------------------


def _grade(**overrides) -> dict:
    data = {
        "source_evaluation": "2",
        "intelligence_assessment": "B",
        "handling_code": "P",
        "handling_conditions": "",
        "rationale": "Untested source, corroborated by an audit.",
    }
    data.update(overrides)
    return data


def test_grading_sets_the_grade_and_a_regrade_keeps_the_earlier_one(
    client_for, ccu_analyst, ccu_head, in_intake
):
    client = client_for(ccu_analyst)
    response = client.post(_url("ccu:report_grading", in_intake), _grade())
    assert response.status_code == 302
    in_intake.refresh_from_db()
    assert in_intake.grade == "2BP"
    first = Grading.objects.get()
    assert first.scheme == GradingScheme.CURRENT and first.graded_by == ccu_analyst

    services.report_grade(
        report=in_intake,
        source_evaluation="1",
        intelligence_assessment="A",
        handling_code="C",
        handling_conditions="Share with PSD only after sanitising.",
        rationale="The source is now tested and reliable.",
        acting_user=ccu_head,
    )
    in_intake.refresh_from_db()
    assert in_intake.grade == "1AC"
    first.refresh_from_db()
    assert first.superseded_at is not None
    assert first.superseded_by == ccu_head
    assert first.superseded_reason == "The source is now tested and reliable."
    assert Grading.objects.filter(report=in_intake).count() == 2
    assert Grading.objects.get(superseded_at__isnull=True).code == "1AC"
    page = client.get(_url("ccu:report_grading", in_intake)).content.decode()
    assert "2BP" in page and "1AC" in page and "Current" in page


@pytest.mark.parametrize(
    ("handling_code", "conditions", "message"),
    [
        ("C", "", "Enter the conditions on sharing, as the handling code is C"),
        ("P", "Only to PSD", "Leave the conditions empty when the handling code is P"),
    ],
)
def test_conditions_are_required_with_c_and_refused_with_p(
    client_for, ccu_analyst, in_intake, handling_code, conditions, message
):
    response = client_for(ccu_analyst).post(
        _url("ccu:report_grading", in_intake),
        _grade(handling_code=handling_code, handling_conditions=conditions),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Grading.objects.exists()
    in_intake.refresh_from_db()
    assert in_intake.grade == ""


def test_the_grading_form_explains_missing_answers(client_for, ccu_analyst, in_intake):
    response = client_for(ccu_analyst).post(_url("ccu:report_grading", in_intake), {})
    body = response.content.decode()
    assert "Select the source evaluation" in body
    assert "Select the handling code" in body
    assert "Give the reason for this grading" in body


# --- editing, subjects, moving, notes, timeline ---------------------------------------------


def test_editing_the_sanitised_text_needs_a_reason_and_is_in_the_timeline(
    client_for, ccu_analyst, in_intake
):
    client = client_for(ccu_analyst)
    refused = client.post(
        _url("ccu:report_edit", in_intake),
        {"sanitised_text": "Reworded.", "categories": ["association"], "reason": ""},
    )
    assert "Give the reason for this change" in refused.content.decode()
    client.post(
        _url("ccu:report_edit", in_intake),
        {"sanitised_text": "Reworded.", "categories": ["association"], "reason": "Too specific"},
    )
    in_intake.refresh_from_db()
    assert in_intake.sanitised_text == "Reworded."
    assert list(in_intake.categories.values_list("code", flat=True)) == ["association"]
    timeline = client.get(_url("ccu:report_timeline", in_intake)).content.decode()
    assert "Edited: Too specific" in timeline


def test_subjects_are_linked_and_removed_with_a_reason(client_for, ccu_analyst, in_intake, alerts):
    person = PersonFactory()
    client = client_for(ccu_analyst)
    client.post(
        _url("ccu:report_subjects", in_intake),
        {"add": "1", "staff_number": person.staff_number, "reason": "Named by the source"},
    )
    subject = ReportSubject.objects.get(report=in_intake)
    assert subject.person == person and subject.reason == "Named by the source"
    assert alerts[0]["person_ids"] == [person.pk]
    assert alerts[0]["summary"] == f"{in_intake.reference}: intelligence recorded"
    again = client.post(
        _url("ccu:report_subjects", in_intake),
        {"add": "1", "staff_number": person.staff_number, "reason": "Again"},
    )
    assert "already a subject" in again.content.decode()
    client.post(
        _url("ccu:report_subjects", in_intake),
        {"remove": "1", "subject": subject.pk, "reason": "Wrong person"},
    )
    assert not ReportSubject.objects.exists()
    timeline = client.get(_url("ccu:report_timeline", in_intake)).content.decode()
    assert "Subject removed: Wrong person" in timeline
    assert "Subject linked: Named by the source" in timeline


def test_a_report_moves_into_an_operation_the_user_works_on_and_back(
    client_for, ccu_analyst, second_analyst, operation, in_intake
):
    other = OperationFactory(opened_by=second_analyst)
    client = client_for(ccu_analyst)
    refused = client.post(
        _url("ccu:report_move", in_intake), {"operation": str(other.pk), "reason": "x"}
    )
    assert refused.status_code == 200  # not a choice they are offered
    in_intake.refresh_from_db()
    assert in_intake.operation is None
    client.post(
        _url("ccu:report_move", in_intake),
        {"operation": str(operation.pk), "reason": "Part of the Kestrel enquiry"},
    )
    in_intake.refresh_from_db()
    assert in_intake.operation == operation
    # The second analyst, not on the operation, has lost sight of it.
    assert client_for(second_analyst).get(_url("ccu:report", in_intake)).status_code == 404
    client.post(
        _url("ccu:report_move", in_intake), {"operation": "intake", "reason": "Not connected"}
    )
    in_intake.refresh_from_db()
    assert in_intake.operation is None
    reasons = list(in_intake.history.values_list("history_change_reason", flat=True))
    assert "Moved to Operation KESTREL: Part of the Kestrel enquiry" in reasons
    assert "Moved to general intake: Not connected" in reasons


def test_the_move_service_refuses_an_operation_the_user_is_not_on(
    second_analyst, operation, in_intake
):
    with pytest.raises(ValidationError):
        services.report_move(
            report=in_intake, operation=operation, reason="x", acting_user=second_analyst
        )


def test_notes_are_added_and_the_timeline_is_newest_first(client_for, ccu_analyst, in_intake):
    client = client_for(ccu_analyst)
    client.post(_url("ccu:report_notes", in_intake), {"text": "Spoke to the line manager."})
    assert ReportNote.objects.get().written_by == ccu_analyst
    services.report_grade(
        report=in_intake,
        acting_user=ccu_analyst,
        **_grade(rationale="Graded after the note"),
    )
    timeline = client.get(_url("ccu:report_timeline", in_intake)).content.decode()
    assert timeline.index("Graded 2BP") < timeline.index("Note added")


# --- the list -----------------------------------------------------------------------------


def test_the_list_filters_by_status_route_category_compartment_and_grade(
    client_for, ccu_analyst, in_operation, in_intake, operation
):
    other = ReportFactory(route=Route.VETTING, categories=["association"], owner=ccu_analyst)
    GradingFactory(report=other)
    other.grade = "2BP"
    other.save()
    client = client_for(ccu_analyst)

    def listed(**params) -> set[str]:
        body = client.get(_url("ccu:report_list"), params).content.decode()
        return {r.reference for r in (in_operation, in_intake, other) if r.reference in body}

    assert listed() == {in_operation.reference, in_intake.reference, other.reference}
    assert listed(route=Route.VETTING) == {other.reference}
    assert listed(category=CorruptionCategoryPK("association")) == {other.reference}
    assert listed(compartment="intake") == {in_intake.reference, other.reference}
    assert listed(compartment=str(operation.pk)) == {in_operation.reference}
    assert listed(grade="2b") == {other.reference}
    assert listed(grade="none") == {in_operation.reference, in_intake.reference}
    assert listed(status="new") == {in_operation.reference, in_intake.reference, other.reference}
    assert listed(status="closed") == set()


def CorruptionCategoryPK(code: str) -> str:  # noqa: N802 - reads as the value it stands for
    from ccu.models import CorruptionCategory

    return str(CorruptionCategory.objects.get(code=code).pk)


def test_the_list_sorts_and_logs_its_search(client_for, ccu_analyst):
    old = ReportFactory(owner=ccu_analyst, received_on=dt.date.today() - dt.timedelta(days=300))
    new = ReportFactory(owner=ccu_analyst, received_on=dt.date.today() - dt.timedelta(days=1))
    client = client_for(ccu_analyst)
    before = AccessLogEntry.objects.count()
    newest_first = client.get(_url("ccu:report_list")).content.decode()
    assert AccessLogEntry.objects.count() == before + 1
    assert newest_first.index(new.reference) < newest_first.index(old.reference)
    oldest_first = client.get(_url("ccu:report_list"), {"sort": "received"}).content.decode()
    assert oldest_first.index(old.reference) < oldest_first.index(new.reference)


def test_the_list_query_count_does_not_grow_with_the_rows(
    client_for, ccu_analyst, operation, django_assert_max_num_queries
):
    for index in range(60):
        ReportFactory(
            owner=ccu_analyst,
            operation=operation if index % 2 else None,
            categories=["disclosure", "systems-misuse"],
        )
    client = client_for(ccu_analyst)
    client.get(_url("ccu:report_list"))  # warm the session
    with django_assert_max_num_queries(19):
        response = client.get(_url("ccu:report_list"))
    assert response.content.decode().count('href="/ccu/reports/') >= 50
    # Filtered by a category (one more query: the filter's choice is checked) on page 2.
    disclosure = CorruptionCategoryPK("disclosure")
    with django_assert_max_num_queries(20):
        client.get(_url("ccu:report_list"), {"page": "2", "category": disclosure})
