"""CCU operations: the compartments of the corridor. Need-to-know by guardian object permission,
break glass for the head, the self-conflict rule, and invisibility outside the CCU."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from guardian.shortcuts import assign_perm
from simple_history.utils import bulk_create_with_history

from ccu.models import Operation, OperationGroupObjectPermission
from ccu.selectors import operations as selectors
from ccu.services import operations as services
from standards.access import policy
from standards.access.models import AccessAction, AccessLogEntry
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.ccu.factories import OperationFactory
from tests.form_data import date_parts

pytestmark = pytest.mark.django_db


def _detail(operation):
    return reverse("ccu:operation_detail", kwargs={"pk": operation.pk})


def test_head_opens_an_operation_and_it_is_allocated_to_them(client_for, ccu_head):
    subject = UserFactory(roles=[Role.STAFF]).person
    response = client_for(ccu_head).post(
        reverse("ccu:operation_open"),
        {
            "code_name": "Operation HERON",
            "purpose": "Unauthorised disclosure from the custody system.",
            **date_parts("opened_on", dt.date.today()),
            "subject_staff_numbers": subject.staff_number,
        },
    )
    operation = Operation.objects.get(code_name="Operation HERON")
    assert response["Location"] == _detail(operation)
    assert list(operation.subjects.all()) == [subject]
    assert operation.history.first().history_change_reason == "Operation opened"
    # Allocated to the head who opened it: it opens without a reason.
    assert client_for(ccu_head).get(_detail(operation)).status_code == 200
    assert not policy.needs_justification(ccu_head, operation)


def test_open_form_explains_bad_input_and_saves_nothing(client_for, ccu_head):
    response = client_for(ccu_head).post(
        reverse("ccu:operation_open"),
        {
            "code_name": "",
            "purpose": "x",
            **date_parts("opened_on", typed=("31", "2", "2026")),
            "subject_staff_numbers": "999999",
        },
    )
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter a code name" in body
    assert "The date opened must be a real date" in body
    assert not Operation.objects.exists()


def test_the_open_form_asks_for_the_date_as_day_month_and_year(client_for, ccu_head):
    body = client_for(ccu_head).get(reverse("ccu:operation_open")).content.decode()
    today = dt.date.today()
    # Today, ready to change; and a hint in the same form as the inputs, not "YYYY-MM-DD".
    assert f'name="opened_on_year" type="text" inputmode="numeric" value="{today.year}"' in body
    assert f"For example, {today.day} {today.month} {today.year}" in body
    assert "YYYY" not in body


@pytest.mark.parametrize(
    ("opened_on", "message"),
    [
        (dt.date(1900, 1, 1), "The date opened must be 1 January 2000 or later"),
        (dt.date.today() + dt.timedelta(days=1), "The date opened must be today or in the past"),
    ],
)
def test_an_operation_opened_on_a_date_that_cannot_be_right_is_refused(
    client_for, ccu_head, opened_on, message
):
    response = client_for(ccu_head).post(
        reverse("ccu:operation_open"),
        {
            "code_name": "Operation HERON",
            "purpose": "Unauthorised disclosure from the custody system.",
            **date_parts("opened_on", opened_on),
        },
    )
    assert message in response.content.decode()
    assert not Operation.objects.exists()


@pytest.mark.parametrize(
    ("closed_on", "message"),
    [
        (
            dt.date.today() - dt.timedelta(days=31),
            "The date closed must be between the date opened",
        ),
        (dt.date(1999, 12, 31), "The date closed must be 1 January 2000 or later"),
        (dt.date.today() + dt.timedelta(days=1), "The date closed must be today or in the past"),
    ],
)
def test_an_operation_is_not_closed_before_it_opened_or_in_the_future(
    client_for, ccu_head, closed_on, message
):
    operation = services.operation_open(
        code_name="Operation HERON",
        purpose="Unauthorised disclosure from the custody system.",
        opened_on=dt.date.today() - dt.timedelta(days=30),
        subject_staff_numbers=[],
        acting_user=ccu_head,
    )
    response = client_for(ccu_head).post(
        reverse("ccu:operation_close", kwargs={"pk": operation.pk}),
        {**date_parts("closed_on", closed_on), "reason": "No case to answer."},
    )
    assert message in response.content.decode()
    operation.refresh_from_db()
    assert operation.status != "closed"


def test_analyst_sees_only_granted_operations(client_for, ccu_analyst, ccu_head):
    granted, other = OperationFactory.create_batch(2, opened_by=ccu_head)
    services.operation_grant_access(
        operation=granted, grantee=ccu_analyst, reason="Assigned analyst", acting_user=ccu_head
    )
    client = client_for(ccu_analyst)
    assert client.get(_detail(granted)).status_code == 200
    assert client.get(_detail(other)).status_code == 404
    listed = client.get(reverse("ccu:home")).context["page"]
    assert [op.pk for op in listed] == [granted.pk]


def test_group_grant_gives_a_team_access(client_for, ccu_analyst, ccu_head):
    team = Group.objects.create(name="CCU team Alpha")
    team.user_set.add(ccu_analyst)
    operation = OperationFactory(opened_by=ccu_head)
    services.operation_grant_access(
        operation=operation, grantee=team, reason="Team caseload", acting_user=ccu_head
    )
    assert client_for(ccu_analyst).get(_detail(operation)).status_code == 200


def test_revoking_access_hides_the_operation_again(client_for, ccu_analyst, ccu_head):
    operation = OperationFactory(opened_by=ccu_head)
    services.operation_grant_access(
        operation=operation, grantee=ccu_analyst, reason="Cover", acting_user=ccu_head
    )
    services.operation_revoke_access(
        operation=operation, grantee=ccu_analyst, reason="Cover ended", acting_user=ccu_head
    )
    assert client_for(ccu_analyst).get(_detail(operation)).status_code == 404
    reasons = list(operation.history.values_list("history_change_reason", flat=True))
    assert any("Access withdrawn" in r and "Cover ended" in r for r in reasons if r)


def test_subject_never_sees_their_own_operation_even_when_granted(client_for, ccu_head):
    analyst = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    operation = OperationFactory(opened_by=ccu_head, subjects=[analyst.person])
    assign_perm("view_operation", analyst, operation)
    client = client_for(analyst)
    assert client.get(_detail(operation)).status_code == 404
    assert client.get(reverse("ccu:home")).context["page"].paginator.count == 0


def test_head_who_is_the_subject_does_not_see_it_either(client_for, ccu_head):
    operation = OperationFactory(opened_by=ccu_head, subjects=[ccu_head.person])
    assert client_for(ccu_head).get(_detail(operation)).status_code == 404


def test_head_gives_a_reason_before_opening_an_unallocated_operation(client_for, ccu_head):
    operation = OperationFactory(code_name="Operation MERLIN")
    client = client_for(ccu_head)
    first = client.get(_detail(operation))
    assert first.status_code == 200
    assert "Give a reason to open this record" in first.content.decode()
    assert "MERLIN" not in first.content.decode().split("<main")[1]

    short = client.post(_detail(operation), {"justification": "look"})
    assert "Give a fuller reason" in short.content.decode()

    reason = "Reviewing the unit's open operations for the quarterly report"
    response = client.post(_detail(operation), {"justification": reason})
    assert response.status_code == 302
    logged = AccessLogEntry.objects.get(action=AccessAction.JUSTIFICATION)
    # Opaque to the auditor: the reason is kept in the row's CCU details.
    assert logged.justification == ""
    assert logged.detail.justification == reason

    # From now on it opens directly.
    opened = client.get(_detail(operation))
    assert "Operation MERLIN" in opened.content.decode()


@pytest.mark.parametrize(
    "persona", ["staff_member", "line_manager", "caseworker", "psd_head", "board_member", "auditor"]
)
def test_operations_are_invisible_outside_the_ccu(client_for, request, persona, ccu_head):
    operation = OperationFactory(opened_by=ccu_head)
    client = client_for(request.getfixturevalue(persona))
    for url in (
        reverse("ccu:home"),
        _detail(operation),
        reverse("ccu:operation_open"),
        reverse("ccu:operation_access", kwargs={"pk": operation.pk}),
    ):
        assert client.get(url).status_code == 404
    assert "Counter corruption" not in client.get("/").content.decode()


def test_ccu_material_cannot_be_granted_across_the_corridor(ccu_head, caseworker):
    operation = OperationFactory(opened_by=ccu_head)
    with pytest.raises(ValidationError):
        services.operation_grant_access(
            operation=operation, grantee=caseworker, reason="Help", acting_user=ccu_head
        )
    mixed = Group.objects.create(name="CCU team mixed")
    mixed.user_set.add(caseworker)
    with pytest.raises(ValidationError):
        services.operation_grant_access(
            operation=operation, grantee=mixed, reason="Help", acting_user=ccu_head
        )


def test_only_the_head_changes_operations(ccu_analyst, ccu_head):
    operation = OperationFactory(opened_by=ccu_head)
    with pytest.raises(Http404):
        services.operation_close(
            operation=operation, closed_on=dt.date.today(), reason="Done", acting_user=ccu_analyst
        )
    with pytest.raises(ValidationError):
        services.operation_close(
            operation=operation, closed_on=dt.date.today(), reason=" ", acting_user=ccu_head
        )
    services.operation_close(
        operation=operation, closed_on=dt.date.today(), reason="No case", acting_user=ccu_head
    )
    operation.refresh_from_db()
    assert operation.status == "closed"


def test_listing_5000_group_granted_operations_takes_a_fixed_number_of_queries(
    ccu_head, django_assert_max_num_queries
):
    analyst = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    team = Group.objects.create(name="CCU team Bravo")
    team.user_set.add(analyst)
    operations = bulk_create_with_history(
        [
            Operation(
                code_name=f"Operation {n:05d}",
                purpose="Synthetic",
                opened_on=dt.date(2025, 1, 1),
                opened_by=ccu_head,
            )
            for n in range(5000)
        ],
        Operation,
    )
    from django.contrib.auth.models import Permission

    view = Permission.objects.get(codename="view_operation")
    bulk_create_with_history(
        [
            OperationGroupObjectPermission(group=team, permission=view, content_object=op)
            for op in operations
        ],
        OperationGroupObjectPermission,
    )
    OperationFactory.create_batch(3, opened_by=ccu_head)  # not granted

    with django_assert_max_num_queries(3):
        rows = list(selectors.operation_list_for_user(user=analyst))
    assert len(rows) == 5000


# --- who may act: decided in the selectors, guarded once in the services ----------------------


@pytest.mark.parametrize("persona", ["staff_member", "caseworker", "psd_head", "auditor"])
def test_the_operations_list_selector_is_a_404_outside_the_ccu(request, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(Http404):
        selectors.operation_list_for_user(user=user)
    with pytest.raises(Http404):
        selectors.require_may_open_operation(user=user)


def test_an_analyst_may_not_open_grant_or_close_even_on_their_own_operation(ccu_analyst, ccu_head):
    operation = OperationFactory(opened_by=ccu_head)
    services.operation_grant_access(
        operation=operation, grantee=ccu_analyst, reason="Assigned", acting_user=ccu_head
    )
    with pytest.raises(Http404):
        selectors.require_may_open_operation(user=ccu_analyst)
    with pytest.raises(Http404):
        services.operation_open(
            code_name="Operation WREN",
            purpose="x",
            opened_on=dt.date.today(),
            acting_user=ccu_analyst,
        )
    with pytest.raises(Http404):
        services.operation_grant_access(
            operation=operation, grantee=ccu_analyst, reason="Me", acting_user=ccu_analyst
        )
    with pytest.raises(Http404):
        services.operation_revoke_access(
            operation=operation, grantee=ccu_head, reason="Me", acting_user=ccu_analyst
        )
    assert not Operation.objects.filter(code_name="Operation WREN").exists()
    operation.refresh_from_db()
    assert operation.status == "open"


# --- dates the services refuse, whoever calls -------------------------------------------------


@pytest.mark.parametrize(
    ("opened_on", "message"),
    [
        (None, "Enter the date the operation was opened"),
        (dt.date(1900, 1, 1), "The date opened must be 1 January 2000 or later"),
        (dt.date.today() + dt.timedelta(days=1), "The date opened must be today or in the past"),
    ],
)
def test_the_service_refuses_an_impossible_date_opened(ccu_head, opened_on, message):
    with pytest.raises(ValidationError) as refused:
        services.operation_open(
            code_name="Operation HERON",
            purpose="Unauthorised disclosure from the custody system.",
            opened_on=opened_on,
            acting_user=ccu_head,
        )
    assert refused.value.message_dict["opened_on"] == [message]
    assert not Operation.objects.exists()


@pytest.mark.parametrize(
    "closed_on",
    [None, dt.date.today() - dt.timedelta(days=31), dt.date.today() + dt.timedelta(days=1)],
)
def test_the_service_refuses_a_close_before_the_opening_or_in_the_future(ccu_head, closed_on):
    operation = OperationFactory(opened_by=ccu_head)  # opened 30 days ago
    with pytest.raises(ValidationError) as refused:
        services.operation_close(
            operation=operation, closed_on=closed_on, reason="No case", acting_user=ccu_head
        )
    (message,) = refused.value.message_dict["closed_on"]
    if closed_on is None:
        assert message == "Enter the date the operation closed"
    else:
        assert message == (
            "The date closed must be between the date opened "
            f"({operation.opened_on:%-d %B %Y}) and today"
        )
    operation.refresh_from_db()
    assert (operation.status, operation.closed_on) == ("open", None)


def test_the_service_refuses_an_operation_without_a_name_or_purpose(ccu_head):
    with pytest.raises(ValidationError) as refused:
        services.operation_open(
            code_name="  ", purpose="x", opened_on=dt.date.today(), acting_user=ccu_head
        )
    assert refused.value.message_dict == {"code_name": ["Enter a code name"]}
    with pytest.raises(ValidationError) as refused:
        services.operation_open(
            code_name="Operation HERON",
            purpose=" ",
            opened_on=dt.date.today(),
            acting_user=ccu_head,
        )
    assert refused.value.message_dict == {"purpose": ["Enter the purpose of the operation"]}
    assert not Operation.objects.exists()


# --- what the pages say happens next, and no stale actions -------------------------------------


def test_after_opening_the_head_is_told_to_give_analysts_access(client_for, ccu_head):
    client = client_for(ccu_head)
    assert "What happens next" in client.get(reverse("ccu:operation_open")).content.decode()
    service_opened = services.operation_open(
        code_name="Operation HERON",
        purpose="Unauthorised disclosure from the custody system.",
        opened_on=dt.date.today(),
        acting_user=ccu_head,
    )
    page = client.get(_detail(service_opened)).content.decode()
    next_step = page.split('data-testid="next-step"')[1].split("</div>")[0]
    assert "Give access to the analysts or team who will work on it" in next_step
    assert "Close operation" in page


def test_the_open_page_flashes_the_next_step(client_for, ccu_head):
    response = client_for(ccu_head).post(
        reverse("ccu:operation_open"),
        {
            "code_name": "Operation HERON",
            "purpose": "Unauthorised disclosure.",
            **_typed_date("opened_on", dt.date.today()),
        },
        follow=True,
    )
    assert Operation.objects.filter(code_name="Operation HERON").exists()
    assert "Operation HERON is open. Give access to the analysts" in response.content.decode()


def _typed_date(name: str, day: dt.date) -> dict[str, str]:
    """A date as the browser sends it: one ISO field today, day/month/year with the GOV.UK
    date input (both are sent, so the test reads the same with either)."""
    parts = {"day": str(day.day), "month": str(day.month), "year": str(day.year)}
    return {name: day.isoformat(), **{f"{name}_{part}": v for part, v in parts.items()}}


def test_once_analysts_have_access_the_next_step_moves_on(client_for, ccu_head, ccu_analyst):
    operation = OperationFactory(opened_by=ccu_head)
    assign_perm("view_operation", ccu_head, operation)
    services.operation_grant_access(
        operation=operation, grantee=ccu_analyst, reason="Assigned", acting_user=ccu_head
    )
    head_page = client_for(ccu_head).get(_detail(operation)).content.decode()
    assert "close it when it has established what it set out to" in head_page
    analyst_page = client_for(ccu_analyst).get(_detail(operation)).content.decode()
    assert "The head of the CCU decides who works on it and closes it" in analyst_page
    assert "Close operation" not in analyst_page
    assert reverse("ccu:operation_access", kwargs={"pk": operation.pk}) not in analyst_page


def _close(operation) -> str:
    return reverse("ccu:operation_close", kwargs={"pk": operation.pk})


def _access(operation) -> str:
    return reverse("ccu:operation_access", kwargs={"pk": operation.pk})


def test_closing_asks_to_confirm_then_says_the_record_is_read_only(client_for, ccu_head):
    operation = OperationFactory(opened_by=ccu_head, code_name="Operation MERLIN")
    assign_perm("view_operation", ccu_head, operation)
    client = client_for(ccu_head)
    today = dt.date.today()
    answers = {
        **_typed_date("closed_on", today),
        "reason": "No evidence of disclosure; words of advice given.",
    }

    check = client.post(_close(operation), answers)

    body = check.content.decode()
    assert check.status_code == 200
    assert 'data-testid="check-answers"' in body
    assert "No evidence of disclosure" in body and "This cannot be undone" in body
    operation.refresh_from_db()
    assert operation.status == "open"

    done = client.post(_close(operation), {**answers, "confirmed": "yes"}, follow=True)

    page = done.content.decode()
    operation.refresh_from_db()
    assert (operation.status, operation.closed_on) == ("closed", today)
    assert "Operation MERLIN is closed. Its record is now read-only" in page
    next_step = page.split('data-testid="next-step"')[1].split("</div>")[0]
    assert "Its record is read-only" in next_step
    # No stale actions: no close, no grant; withdrawing access is still possible.
    assert "Close operation" not in page
    assert ">Change<" not in page and ">Withdraw<" in page
    access = client.get(_access(operation)).content.decode()
    assert ">Give access<" not in access and ">Withdraw access<" in access
    assert 'data-testid="closed"' in access
    assert client.get(_close(operation))["Location"] == _detail(operation)


def test_a_close_date_before_the_opening_is_refused_on_the_form_not_after_confirming(
    client_for, ccu_head
):
    operation = OperationFactory(opened_by=ccu_head)
    assign_perm("view_operation", ccu_head, operation)
    early = operation.opened_on - dt.timedelta(days=1)
    response = client_for(ccu_head).post(
        _close(operation),
        {
            **_typed_date("closed_on", early),
            "reason": "Opened in error.",
        },
    )
    body = response.content.decode()
    assert "There is a problem" in body
    assert "The date closed must be between the date opened" in body
    assert 'data-testid="check-answers"' not in body


def test_nobody_new_is_given_access_to_a_closed_operation(ccu_head, ccu_analyst):
    operation = OperationFactory(opened_by=ccu_head)
    services.operation_close(
        operation=operation, closed_on=dt.date.today(), reason="Done", acting_user=ccu_head
    )
    with pytest.raises(ValidationError, match="closed"):
        services.operation_grant_access(
            operation=operation, grantee=ccu_analyst, reason="Late", acting_user=ccu_head
        )
    assert not policy.can_view(ccu_analyst, operation)
    with pytest.raises(ValidationError, match="already closed"):
        services.operation_close(
            operation=operation, closed_on=dt.date.today(), reason="Again", acting_user=ccu_head
        )


def test_the_status_tag_reads_the_same_on_the_list_and_the_page(client_for, ccu_head):
    operation = OperationFactory(opened_by=ccu_head)
    assign_perm("view_operation", ccu_head, operation)
    client = client_for(ccu_head)
    tag = '<strong class="govuk-tag govuk-tag--blue">Open</strong>'
    assert tag in client.get(reverse("ccu:home")).content.decode()
    assert tag in client.get(_detail(operation)).content.decode()
    services.operation_close(
        operation=operation, closed_on=dt.date.today(), reason="Done", acting_user=ccu_head
    )
    tag = '<strong class="govuk-tag govuk-tag--grey">Closed</strong>'
    assert tag in client.get(reverse("ccu:home")).content.decode()
    assert tag in client.get(_detail(operation)).content.decode()
