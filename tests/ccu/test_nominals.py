"""The nominal index: recording, linking with a reason, merging duplicates, and its pages -
each seen only by those who may see it, and a 404 outside the CCU."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from guardian.shortcuts import assign_perm

from ccu.models import Nominal, NominalKind, NominalLink
from ccu.selectors import nominals as selectors
from ccu.services import nominals as services
from standards.access.models import AccessAction, AccessLogEntry
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.ccu.factories import NominalLinkFactory, OperationFactory, ReportFactory
from tests.ccu.factories_nominals import IndexedNominalFactory
from tests.form_data import date_parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def operation(ccu_analyst, ccu_head):
    operation = OperationFactory(opened_by=ccu_head)
    assign_perm("view_operation", ccu_analyst, operation)
    assign_perm("work_operation", ccu_analyst, operation)
    return operation


@pytest.fixture
def other_operation(ccu_head):
    return OperationFactory(opened_by=ccu_head, code_name="Operation FALCON")


# --- services ------------------------------------------------------------------------------------


def test_a_nominal_is_recorded_normalised_with_history(ccu_analyst, operation):
    nominal = services.nominal_add(
        kind=NominalKind.PHONE,
        name="+44 7700 900123",
        date_of_birth=None,
        details="Burner phone",
        operation=operation,
        acting_user=ccu_analyst,
    )
    assert nominal.normalised == "07700900123"
    assert nominal.operation == operation and nominal.created_by == ccu_analyst
    assert nominal.history.get().history_change_reason == "Nominal recorded"


def test_a_nominal_needs_a_name_and_a_person_for_a_date_of_birth(ccu_analyst):
    with pytest.raises(ValidationError) as error:
        services.nominal_add(
            kind=NominalKind.PERSON,
            name="  ",
            date_of_birth=None,
            details="",
            operation=None,
            acting_user=ccu_analyst,
        )
    assert "name" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.nominal_add(
            kind=NominalKind.VEHICLE,
            name="AB12 CDE",
            date_of_birth=dt.date(1990, 1, 1),
            details="",
            operation=None,
            acting_user=ccu_analyst,
        )
    assert "date_of_birth" in error.value.message_dict


def test_a_nominal_goes_only_into_an_operation_the_user_works_on(ccu_analyst, other_operation):
    with pytest.raises(ValidationError) as error:
        services.nominal_add(
            kind=NominalKind.PERSON,
            name="Gary Bell",
            date_of_birth=None,
            details="",
            operation=other_operation,
            acting_user=ccu_analyst,
        )
    assert "operation" in error.value.message_dict


def test_nobody_outside_the_ccu_records_a_nominal(caseworker):
    with pytest.raises(Http404):
        services.nominal_add(
            kind=NominalKind.PERSON,
            name="Gary Bell",
            date_of_birth=None,
            details="",
            operation=None,
            acting_user=caseworker,
        )


def test_linking_needs_a_reason_and_the_same_compartment(ccu_analyst, operation):
    report = ReportFactory(operation=operation, owner=ccu_analyst)
    intake_report = ReportFactory(owner=ccu_analyst)
    in_operation = IndexedNominalFactory(operation=operation)
    general = IndexedNominalFactory()
    with pytest.raises(ValidationError) as error:
        services.nominal_link(report=report, nominal=general, reason=" ", acting_user=ccu_analyst)
    assert "reason" in error.value.message_dict
    # A nominal of an operation is never linked to a report outside it.
    with pytest.raises(ValidationError) as error:
        services.nominal_link(
            report=intake_report, nominal=in_operation, reason="Named", acting_user=ccu_analyst
        )
    assert "another operation" in error.value.message_dict["nominal"][0]
    link = services.nominal_link(
        report=report, nominal=general, reason="Named as the buyer", acting_user=ccu_analyst
    )
    assert link.linked_by == ccu_analyst
    assert link.history.get().history_change_reason == f"Linked to {report.reference}"
    with pytest.raises(ValidationError):
        services.nominal_link(
            report=report, nominal=general, reason="Again", acting_user=ccu_analyst
        )


def test_nobody_links_across_an_operation_they_are_not_in(ccu_analyst, other_operation):
    report = ReportFactory(operation=other_operation)
    with pytest.raises(Http404):
        services.nominal_link(
            report=report, nominal=IndexedNominalFactory(), reason="x", acting_user=ccu_analyst
        )
    hidden = IndexedNominalFactory(operation=other_operation)
    with pytest.raises(Http404):
        services.nominal_link(
            report=ReportFactory(owner=ccu_analyst),
            nominal=hidden,
            reason="x",
            acting_user=ccu_analyst,
        )


def test_unlinking_keeps_the_history(ccu_analyst):
    link = NominalLinkFactory(report=ReportFactory(owner=ccu_analyst))
    services.nominal_unlink(link=link, reason="Linked in error", acting_user=ccu_analyst)
    assert not NominalLink.objects.filter(pk=link.pk).exists()
    assert link.history.first().history_change_reason == "Linked in error"


def test_merging_moves_the_links_and_keeps_the_duplicate(ccu_analyst):
    first, second, shared = (ReportFactory(owner=ccu_analyst) for _ in range(3))
    into = IndexedNominalFactory(name="Darren Oakes")
    duplicate = IndexedNominalFactory(name="Darren Oaks")
    NominalLinkFactory(report=first, nominal=into)
    NominalLinkFactory(report=shared, nominal=into)
    NominalLinkFactory(report=second, nominal=duplicate)
    NominalLinkFactory(report=shared, nominal=duplicate)
    services.nominal_merge(
        duplicate=duplicate, into=into, reason="Same man", acting_user=ccu_analyst
    )
    duplicate.refresh_from_db()
    assert duplicate.merged_into == into
    assert set(into.links.values_list("report_id", flat=True)) == {first.pk, second.pk, shared.pk}
    assert not duplicate.links.exists()
    assert "Same man" in duplicate.history.first().history_change_reason
    # Merged, it leaves the index; it cannot be merged or linked again.
    assert duplicate not in selectors.nominal_list_for_user(user=ccu_analyst)
    with pytest.raises(ValidationError):
        services.nominal_merge(
            duplicate=duplicate, into=into, reason="Again", acting_user=ccu_analyst
        )


def test_merging_refuses_another_kind_or_operation(ccu_analyst, operation):
    person = IndexedNominalFactory()
    phone = IndexedNominalFactory(kind=NominalKind.PHONE, name="07700 900123")
    with pytest.raises(ValidationError):
        services.nominal_merge(duplicate=person, into=phone, reason="x", acting_user=ccu_analyst)
    # A general-index nominal linked to an intake report cannot become an operation's.
    NominalLinkFactory(report=ReportFactory(owner=ccu_analyst), nominal=person)
    in_operation = IndexedNominalFactory(operation=operation)
    with pytest.raises(ValidationError):
        services.nominal_merge(
            duplicate=person, into=in_operation, reason="x", acting_user=ccu_analyst
        )


# --- pages ---------------------------------------------------------------------------------------


def test_list_shows_the_general_index_and_the_analysts_operations_only(
    client_for, ccu_analyst, operation, other_operation
):
    IndexedNominalFactory(name="General Gordon")
    IndexedNominalFactory(name="Operation Olive", operation=operation)
    IndexedNominalFactory(name="Hidden Hugo", operation=other_operation)
    response = client_for(ccu_analyst).get(reverse("ccu:nominal_list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "General Gordon" in text and "Operation Olive" in text
    assert "Hidden Hugo" not in text and "2 nominals" in text
    filtered = client_for(ccu_analyst).get(reverse("ccu:nominal_list"), {"kind": "phone"})
    assert "General Gordon" not in filtered.content.decode()


def test_list_query_count_does_not_grow_with_rows(
    client_for, ccu_analyst, operation, django_assert_max_num_queries
):
    for n in range(60):
        IndexedNominalFactory(name=f"Person {n}", operation=operation if n % 2 else None)
    client = client_for(ccu_analyst)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("ccu:nominal_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["nominal_list", "nominal_add", "nominal_duplicates", "search"])
def test_index_pages_are_404_outside_the_ccu(client_for, caseworker, psd_head, name):
    for user in (caseworker, psd_head):
        assert client_for(user).get(reverse(f"ccu:{name}")).status_code == 404


def test_analyst_adds_a_nominal(client_for, ccu_analyst, operation):
    response = client_for(ccu_analyst).post(
        reverse("ccu:nominal_add"),
        {
            "kind": "person",
            "name": "Gary  Bell",
            **date_parts("date_of_birth", dt.date(1979, 4, 3)),
            "details": "Runs a taxi firm",
            "operation": str(operation.pk),
        },
    )
    nominal = Nominal.objects.get(name="Gary  Bell")
    assert response["Location"] == reverse("ccu:nominal_detail", args=[nominal.pk])
    assert nominal.operation == operation and nominal.normalised == "gary bell"


def test_add_form_explains_what_is_missing(client_for, ccu_analyst):
    response = client_for(ccu_analyst).post(reverse("ccu:nominal_add"), {"kind": "", "name": ""})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Select what kind of nominal it is" in text
    assert "Enter the name, number, registration or address" in text
    assert not Nominal.objects.exists()


def test_detail_shows_only_the_reports_the_viewer_may_see(
    client_for, ccu_analyst, operation, other_operation
):
    nominal = IndexedNominalFactory(name="Gary Bell")
    seen = NominalLinkFactory(nominal=nominal, report=ReportFactory(owner=ccu_analyst))
    hidden = NominalLinkFactory(nominal=nominal, report=ReportFactory(operation=other_operation))
    response = client_for(ccu_analyst).get(reverse("ccu:nominal_detail", args=[nominal.pk]))
    text = response.content.decode()
    assert seen.report.reference in text and hidden.report.reference not in text
    assert AccessLogEntry.objects.filter(action=AccessAction.CONSULTATION).count() == 1
    in_other = IndexedNominalFactory(operation=other_operation)
    assert (
        client_for(ccu_analyst).get(reverse("ccu:nominal_detail", args=[in_other.pk])).status_code
        == 404
    )


def test_duplicates_page_lists_pairs_with_scores_and_merge_works(client_for, ccu_analyst):
    born = dt.date(1980, 5, 1)
    into = IndexedNominalFactory(name="Darren Oakes", date_of_birth=born)
    duplicate = IndexedNominalFactory(name="Mr Darren Oaks", date_of_birth=born)
    IndexedNominalFactory(name="Sandra Pike")
    client = client_for(ccu_analyst)
    text = client.get(reverse("ccu:nominal_duplicates")).content.decode()
    assert "Darren Oakes" in text and "Same date of birth" in text and "Sandra Pike" not in text
    merge_url = reverse("ccu:nominal_merge", args=[duplicate.pk])
    assert client.get(merge_url, {"into": into.pk}).status_code == 200
    response = client.post(
        merge_url, {"into": str(into.pk), "reason": "Same date of birth and name"}
    )
    assert response["Location"] == reverse("ccu:nominal_detail", args=[into.pk])
    duplicate.refresh_from_db()
    assert duplicate.merged_into == into


def test_duplicates_never_pair_a_nominal_the_analyst_cannot_see(
    client_for, ccu_analyst, other_operation
):
    IndexedNominalFactory(name="Darren Oakes")
    IndexedNominalFactory(name="Darren Oaks", operation=other_operation)
    text = client_for(ccu_analyst).get(reverse("ccu:nominal_duplicates")).content.decode()
    assert "Darren Oaks<" not in text and "No possible duplicates" in text


def test_report_tab_links_an_existing_nominal_and_a_new_one(client_for, ccu_analyst, operation):
    report = ReportFactory(operation=operation, owner=ccu_analyst)
    existing = IndexedNominalFactory(name="Gary Bell")
    IndexedNominalFactory(name="Gary Hidden", operation=OperationFactory())
    client = client_for(ccu_analyst)
    url = reverse("ccu:report_nominals", args=[report.pk])
    found = client.get(url, {"q": "gary"}).content.decode()
    assert "Gary Bell" in found and "Gary Hidden" not in found
    response = client.post(
        url, {"action": "link", "nominal": str(existing.pk), "reason": "Named as the buyer"}
    )
    assert response["Location"] == url
    response = client.post(
        url,
        {
            "action": "new",
            "kind": "vehicle",
            "name": "ab12 cde",
            "operation": str(operation.pk),
            "details": "",
            "reason": "Seen outside the station",
        },
    )
    assert response["Location"] == url
    text = client.get(url).content.decode()
    assert "Named as the buyer" in text and "Seen outside the station" in text
    assert Nominal.objects.get(name="ab12 cde").normalised == "AB12CDE"


def test_report_tab_refuses_a_nominal_the_search_did_not_offer(client_for, ccu_analyst):
    report = ReportFactory(owner=ccu_analyst)
    hidden = IndexedNominalFactory(operation=OperationFactory())
    response = client_for(ccu_analyst).post(
        reverse("ccu:report_nominals", args=[report.pk]),
        {"action": "link", "nominal": str(hidden.pk), "reason": "x"},
    )
    assert response.status_code == 200
    assert not NominalLink.objects.exists()


def test_report_tab_is_404_to_the_reports_subject(client_for, operation):
    subject = UserFactory(roles=[Role.CCU_ANALYST])
    assign_perm("view_operation", subject, operation)
    report = ReportFactory(operation=operation, subjects=[subject.person])
    url = reverse("ccu:report_nominals", args=[report.pk])
    assert client_for(subject).get(url).status_code == 404
