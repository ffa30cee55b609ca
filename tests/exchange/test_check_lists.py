"""Lists of people put up for intelligence checks: PSD puts one up (checked first, then one check
on each person through the exchange), sees only the answers and their dates, and nobody on a list
ever sees it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from standards.access.roles import Role
from standards.exchange import services
from standards.exchange.models import CheckAnswer, CheckList, CheckListPurpose, IntelligenceCheck
from standards.notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.exchange.factories import CheckListFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("checks:list_index")
NEW = reverse("checks:list_new")


def _detail(check_list) -> str:
    return reverse("checks:list_detail", kwargs={"pk": check_list.pk})


def _answers(people, **extra) -> dict:
    return {
        "title": "Inspector promotion board, March 2027",
        "purpose": CheckListPurpose.PROMOTION,
        "staff_numbers": "\n".join(person.staff_number for person in people),
        **extra,
    }


def test_psd_puts_up_a_list_checks_its_answers_and_the_ccu_is_asked_once_each(
    client_for, caseworker, ccu_head
):
    people = PersonFactory.create_batch(3)
    client = client_for(caseworker)
    # Pasted from a spreadsheet: tabs, commas and a number twice.
    pasted = f"{people[0].staff_number}\t{people[1].staff_number}, {people[0].staff_number}\n"
    pasted += f" {people[2].staff_number} ;"
    confirm = client.post(NEW, _answers(people, staff_numbers=pasted))
    assert confirm.templates[0].name == "checks/confirm.html"
    body = confirm.content.decode()
    assert "Check your answers" in body
    assert all(person.display_name in body for person in people)
    assert not CheckList.objects.exists()

    response = client.post(NEW, _answers(people, staff_numbers=pasted, confirmed="yes"))
    check_list = CheckList.objects.get()
    assert response["Location"] == _detail(check_list)
    assert set(check_list.people.all()) == set(people)
    checks = IntelligenceCheck.objects.all()
    assert sorted(c.subject_id for c in checks) == sorted(p.pk for p in people)
    assert {c.asked_for for c in checks} == {check_list}
    assert {c.purpose for c in checks} == {"Promotion board: Inspector promotion board, March 2027"}
    # One notice to the CCU for the whole list, not one a person.
    [notice] = Notification.objects.filter(recipient=ccu_head)
    assert notice.url == reverse("ccu_checks:list_detail", kwargs={"pk": check_list.pk})

    index = client.get(INDEX).content.decode()
    assert "0 of 3 answered" in index


def test_unknown_staff_numbers_are_listed_and_nothing_is_put_up(client_for, caseworker):
    known = PersonFactory()
    client = client_for(caseworker)
    body = client.post(
        NEW, _answers([known], staff_numbers=f"{known.staff_number}\n999991\n999992")
    ).content.decode()
    assert "No member of the workforce has staff number 999991, 999992" in body
    assert "There is a problem" in body
    # Confirming with the same answers (a stale page) is refused too.
    body = client.post(
        NEW, _answers([known], staff_numbers="999991", confirmed="yes")
    ).content.decode()
    assert "No member of the workforce has staff number 999991" in body
    assert not CheckList.objects.exists() and not IntelligenceCheck.objects.exists()


def test_a_psd_member_cannot_put_themselves_on_a_list(client_for, caseworker):
    other = PersonFactory()
    body = (
        client_for(caseworker)
        .post(NEW, _answers([other, caseworker.person], confirmed="yes"))
        .content.decode()
    )
    assert "You cannot put yourself on a list" in body
    assert not CheckList.objects.exists()
    with pytest.raises(ValidationError):
        services.check_list_create(
            title="Board",
            purpose=CheckListPurpose.VETTING,
            staff_numbers=[caseworker.person.staff_number],
            acting_user=caseworker,
        )


def test_the_form_asks_for_each_answer(client_for, caseworker):
    body = client_for(caseworker).post(NEW, {}).content.decode()
    assert "Enter a title for the list" in body
    assert "Select what the checks are for" in body
    assert "Enter the staff numbers of the people to check" in body


def test_a_vetting_check_is_a_list_of_one(caseworker):
    person = PersonFactory()
    check_list = services.check_list_create(
        title="Vetting renewal",
        purpose=CheckListPurpose.VETTING,
        staff_numbers=[person.staff_number],
        acting_user=caseworker,
    )
    assert IntelligenceCheck.objects.get().subject == person
    assert check_list.get_purpose_display() == "Vetting"


def test_only_psd_puts_up_a_list(client_for, ccu_head, line_manager, staff_member):
    person = PersonFactory()
    for user in (ccu_head, line_manager, staff_member):
        client = client_for(user)
        assert client.get(NEW).status_code == 404
        assert client.post(NEW, _answers([person], confirmed="yes")).status_code == 404
        assert client.get(INDEX).status_code == 404
    assert not CheckList.objects.exists()


def test_psd_sees_only_the_answers_and_their_dates(client_for, caseworker, ccu_analyst):
    people = [PersonFactory(last_name="Ashdown"), PersonFactory(last_name="Brierley")]
    check_list = CheckListFactory(requested_by=caseworker, people=people)
    first, second = IntelligenceCheck.objects.order_by("subject__last_name")
    services.intelligence_check_answer(
        check=first,
        answer=CheckAnswer.TRACE,
        ccu_note="Named in IR-002231 with a licensee under investigation.",
        acting_user=ccu_analyst,
    )
    response = client_for(caseworker).get(_detail(check_list))
    body = response.content.decode()
    assert "Trace: speak to the CCU" in body
    assert "Awaiting" in body
    assert "1 of 2 answered, 1 trace" in body
    # Never the CCU's note, nor who in the CCU answered.
    assert "IR-002231" not in body and "licensee" not in body
    assert ccu_analyst.person.display_name not in body
    rows = response.context["rows"]
    assert [row.person for row in rows] == people
    assert rows[0].outcome.is_trace and not rows[1].outcome.is_answered
    assert not hasattr(rows[0].outcome, "ccu_note")

    # The last answer closes the CCU's notice and tells the person who asked.
    services.intelligence_check_answer(
        check=second, answer=CheckAnswer.NO_TRACE, acting_user=ccu_analyst
    )
    [told] = Notification.objects.filter(recipient=caseworker)
    assert told.subject == f"{check_list.reference}: every intelligence check answered"
    assert "trace" not in f"{told.subject} {told.body}".lower()


def test_nobody_on_a_list_sees_it(client_for, psd_head):
    on_list = UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])
    mine = CheckListFactory(requested_by=psd_head, people=[on_list.person, PersonFactory()])
    other = CheckListFactory(requested_by=psd_head, people=[PersonFactory()])
    client = client_for(on_list)
    assert client.get(_detail(mine)).status_code == 404
    assert client.get(_detail(other)).status_code == 200
    listed = client.get(INDEX).context["page"]
    assert [c.pk for c in listed] == [other.pk]


def test_one_check_waits_per_person_on_a_record(caseworker):
    """The "already waiting" rule is per (record, person): a list asks once for each of its
    people, but not twice for the same person while the first waits."""
    people = PersonFactory.create_batch(2)
    check_list = CheckListFactory(requested_by=caseworker, people=people)
    with pytest.raises(ValidationError, match="already waiting"):
        services.intelligence_check_request(
            subject=people[0], purpose="Again", asked_for=check_list, acting_user=caseworker
        )
    newcomer = PersonFactory()
    services.intelligence_check_request(
        subject=newcomer, purpose="Added", asked_for=check_list, acting_user=caseworker
    )
    assert IntelligenceCheck.objects.count() == 3


def test_the_index_counts_progress_in_a_fixed_number_of_queries(
    client_for, caseworker, django_assert_max_num_queries
):
    for _ in range(12):
        CheckListFactory(
            requested_by=caseworker,
            people=PersonFactory.create_batch(2),
        )
    client = client_for(caseworker)
    client.get(INDEX)
    with django_assert_max_num_queries(12):
        response = client.get(INDEX)
    assert len(response.context["page"]) == 12
