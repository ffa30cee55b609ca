"""The member's own pages (/my/associations/): declaring, reading the advice (never the risk or
the rationale), changing and ending; and that nothing outside the CCU reveals that a person has
declared an association: not their line manager's pages, not the directory, not the log."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from registers.associations import selectors, services
from registers.associations.models import AssociationStatus, NotifiableAssociation, Risk
from standards.access.models import AccessLogEntry
from standards.access.roles import Role
from standards.core import dates
from standards.notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.form_data import date_parts
from tests.registers.associations.factories import AssociationFactory, live_association

pytestmark = pytest.mark.django_db

DECLARE = reverse("my_associations:declare")
OLDEST = dates.written(dates.years_ago(110)(dt.date.today()))
YOUNGEST = dates.written(dates.years_ago(16)(dt.date.today()))
MY = reverse("my:declarations")


def _declaration(**overrides) -> dict:
    data = {
        "associate_name": "Tanya Wilkes",
        "associate_address": "",
        "relationship": "ex_partner",
        "category_of_concern": "sex_worker",
        "contact_frequency": "occasionally",
        "circumstances": "My ex-partner. We share care of our son; she now works as an escort.",
        **date_parts("known_since", dt.date(2012, 4, 1)),
        **date_parts("associate_date_of_birth"),
    }
    data.update(overrides)
    return data


def _page(association, name="detail") -> str:
    return reverse(f"my_associations:{name}", kwargs={"pk": association.pk})


# --- declaring -------------------------------------------------------------------------------


def test_the_form_explains_what_to_declare_and_who_sees_it(client_for, staff_member):
    body = client_for(staff_member).get(DECLARE).content.decode()
    assert "Declare a notifiable association" in body
    assert "What you must declare" in body  # govuk-details guidance
    who = body.split('data-testid="who-sees-it"')[1].split("</div>")[0]
    assert "Only the Counter Corruption Unit" in who
    assert "line manager does not see it" in who
    assert "What happens next" in body
    # GOV.UK radios and date inputs; the first radio carries the field's id.
    assert 'id="id_relationship" name="relationship" type="radio" value="family"' in body
    assert 'id="id_known_since_day" name="known_since_day"' in body
    assert "You met them through your work" in body  # a hint under an option


def test_a_login_without_a_directory_record_has_nothing_to_declare(client_for, db):
    service_account = UserFactory(person=None, roles=[Role.STAFF])
    client = client_for(service_account)
    assert client.get(DECLARE).status_code == 404
    assert client.post(DECLARE, _declaration()).status_code == 404
    assert not NotifiableAssociation.objects.exists()


def test_declaring_through_the_page(client_for, staff_member, ccu_analyst):
    client = client_for(staff_member)
    response = client.post(DECLARE, _declaration())
    association = NotifiableAssociation.objects.get()
    assert response["Location"] == _page(association)
    assert association.declarant == staff_member.person
    assert association.known_since == dt.date(2012, 4, 1)
    assert association.associate_date_of_birth is None
    assert Notification.objects.get().recipient == ccu_analyst

    page = client.get(_page(association)).content.decode()
    assert "Your declaration has been sent to the Counter Corruption Unit" in page
    assert "Awaiting assessment" in page
    assert "usually within 4 weeks" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"associate_name": "<script>alert(1)</script>"}, "Remove the HTML or script"),
        ({"circumstances": "<iframe src=//evil>"}, "Remove the HTML or script"),
        (date_parts("known_since", dt.date.today() + dt.timedelta(days=2)), "today or in the past"),
        (date_parts("known_since", typed=("31", "2", "")), "include a year"),
        (date_parts("known_since", typed=("31", "2", "2020")), "real date"),
        (date_parts("known_since"), "Enter the date"),
        # A date of birth in 1900, or last year, is a slip of the keyboard.
        (
            date_parts("associate_date_of_birth", dt.date(1900, 1, 1)),
            f"Their date of birth must be {OLDEST} or later",
        ),
        (
            date_parts("associate_date_of_birth", dt.date.today() - dt.timedelta(days=365)),
            f"Their date of birth must be {YOUNGEST} or earlier",
        ),
        # Nobody knew them before they were born.
        (
            {
                **date_parts("associate_date_of_birth", dt.date(1990, 5, 1)),
                **date_parts("known_since", dt.date(1985, 1, 1)),
            },
            "The date you first knew them must be the same as or after their date of birth",
        ),
        (date_parts("known_since", dt.date(1899, 12, 31)), "must be 1 January 1900 or later"),
        ({"relationship": ""}, "Select how you know them"),
        ({"category_of_concern": "gossip"}, "Select a valid choice"),
        ({"associate_name": ""}, "Enter their name"),
    ],
)
def test_bad_declarations_are_explained_and_store_nothing(
    client_for, staff_member, overrides, message
):
    response = client_for(staff_member).post(DECLARE, _declaration(**overrides))
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert message in body
    assert body.count("govuk-form-group--error") >= 1
    assert not NotifiableAssociation.objects.exists()
    assert not Notification.objects.exists()


def test_answers_are_kept_when_the_form_is_sent_back(client_for, staff_member):
    body = client_for(staff_member).post(DECLARE, _declaration(associate_name="")).content.decode()
    assert 'value="ex_partner" checked' in body
    assert 'name="known_since_year" type="text" inputmode="numeric" value="2012"' in body


# --- reading the advice ----------------------------------------------------------------------


def test_the_member_reads_the_advice_but_never_the_risk_rationale_or_assessor(
    client_for, staff_member, ccu_analyst
):
    association = AssociationFactory(declarant=staff_member.person, associate_name="Tanya Wilkes")
    services.association_assess(
        association=association,
        acting_user=ccu_analyst,
        risk=Risk.HIGH,
        rationale="SECRET-RATIONALE: linked to a brothel under Operation KESTREL.",
        advice="Keep contact to arrangements about your son.",
        conditions="Do not look her up on force systems.",
        next_review_on=timezone.localdate() + dt.timedelta(days=365),
    )
    services.association_assess(
        association=association,
        acting_user=ccu_analyst,
        risk=Risk.MEDIUM,
        rationale="SECOND-RATIONALE: reviewed after the operation closed.",
        advice="Keep contact to arrangements about your son and tell us of any change.",
        next_review_on=timezone.localdate() + dt.timedelta(days=300),
    )

    response = client_for(staff_member).get(_page(association))

    body = response.content.decode()
    assert response.status_code == 200
    advice = body.split('data-testid="advice"')[1].split("</div>")[0]
    assert "tell us of any change" in advice
    timeline = body.split('data-testid="timeline"')[1]
    assert "Do not look her up on force systems." in timeline  # earlier advice stays visible
    assert "Reviewed by the Counter Corruption Unit" in timeline
    for secret in (
        "SECRET-RATIONALE",
        "SECOND-RATIONALE",
        "KESTREL",
        "High",
        "Medium",
        "risk",
        ccu_analyst.person.last_name,
    ):
        assert secret not in body.split('id="main-content"')[1], secret
    assert response.context["advice"].__class__.__name__ == "AdviceGiven"
    # The member's own reading of their declaration is logged like every read, inside the
    # corridor: the auditor's row has an opaque CCU reference and no name, so the log never
    # tells an auditor that this member has an association; the CCU head's details say who.
    (row,) = AccessLogEntry.objects.all()
    assert row.area == "ccu" and row.record_ref.startswith("CCU-") and not row.record_label
    assert row.user_id is None and row.username == ""
    assert row.detail.username == staff_member.username


def test_the_auditor_cannot_tie_a_member_to_their_association(
    client_for, staff_member, auditor, ccu_head
):
    association = AssociationFactory(declarant=staff_member.person, associate_name="Tanya Wilkes")
    client_for(staff_member).get(reverse("my_associations:detail", kwargs={"pk": association.pk}))
    audit_page = client_for(auditor).get(reverse("audit:access_log")).content.decode()
    audit_csv = client_for(auditor).get(reverse("audit:access_log_export")).content.decode()
    for text in (audit_page, audit_csv):
        assert staff_member.username not in text
        assert staff_member.person.last_name not in text
    assert (
        staff_member.username in client_for(ccu_head).get(reverse("audit:ccu_log")).content.decode()
    )


@pytest.mark.parametrize(
    "persona", ["line_manager", "caseworker", "psd_head", "ccu_analyst", "ccu_head", "auditor"]
)
def test_nobody_else_reaches_the_members_pages(client_for, request, persona, staff_member):
    association = AssociationFactory(declarant=staff_member.person)
    client = client_for(request.getfixturevalue(persona))
    for name in ("detail", "update", "end"):
        assert client.get(_page(association, name)).status_code == 404
    client.post(
        _page(association, "end"), {**date_parts("ended_on", dt.date.today()), "reason": "x"}
    )
    association.refresh_from_db()
    assert association.status == AssociationStatus.AWAITING_ASSESSMENT


# --- the portal ------------------------------------------------------------------------------


def test_the_portal_lists_only_the_members_own_without_the_risk(
    client_for, staff_member, django_assert_max_num_queries
):
    for n in range(55):
        live_association(
            declarant=staff_member.person, associate_name=f"Associate {n:02d}", risk=Risk.HIGH
        )
    AssociationFactory(associate_name="Someone Else's Associate")
    # The section is one query however many rows; the page as a whole (every register's
    # section, the header, the session) stays within a fixed budget.
    with django_assert_max_num_queries(1):
        rows = list(selectors.association_list_for_declarant(user=staff_member))
    assert len(rows) == 55
    client = client_for(staff_member)
    with django_assert_max_num_queries(16):
        response = client.get(MY)
    section = response.content.decode().split('data-testid="section-associations"')[1]
    section = section.split("</section>")[0]
    assert len(re.findall(r'href="/my/associations/\d+/"', section)) == 55
    assert "Someone Else's" not in section
    assert "High" not in section and "risk" not in section.lower()
    assert "Declare an association" in section


def test_an_empty_portal_section_invites_a_declaration(client_for, staff_member):
    body = client_for(staff_member).get(MY).content.decode()
    section = body.split('data-testid="section-associations"')[1].split("</section>")[0]
    assert "You have not declared any notifiable associations" in section


# --- changing and ending ---------------------------------------------------------------------


def test_changing_a_declaration_through_the_page(client_for, staff_member, ccu_analyst):
    association = live_association(declarant=staff_member.person, associate_name="Tanya Wilkes")
    client = client_for(staff_member)
    form = client.get(_page(association, "update")).content.decode()
    assert 'value="Tanya Wilkes"' in form
    assert "Change your declaration" in form

    data = _declaration(contact_frequency="weekly")
    response = client.post(_page(association, "update"), data)

    assert response["Location"] == _page(association)
    association.refresh_from_db()
    assert association.contact_frequency == "weekly"
    assert association.status == AssociationStatus.LIVE
    assert Notification.objects.filter(recipient=ccu_analyst).count() == 1
    page = client.get(_page(association)).content.decode()
    assert "Answers changed" in page
    assert "by you" in page

    unchanged = client.post(_page(association, "update"), data).content.decode()
    assert "You have not changed any of your answers" in unchanged


def test_ending_a_declaration_through_the_page(client_for, staff_member):
    association = live_association(declarant=staff_member.person, known_since=dt.date(2015, 1, 1))
    client = client_for(staff_member)
    assert (
        "Tell us the association has ended"
        in client.get(_page(association, "end")).content.decode()
    )

    future = client.post(
        _page(association, "end"),
        {**date_parts("ended_on", dt.date.today() + dt.timedelta(days=1)), "reason": "Moved"},
    ).content.decode()
    assert "must be today or in the past" in future
    association.refresh_from_db()
    assert association.status == AssociationStatus.LIVE

    ended_on = dt.date.today() - dt.timedelta(days=3)
    response = client.post(
        _page(association, "end"),
        {**date_parts("ended_on", ended_on), "reason": "She moved abroad."},
    )
    assert response["Location"] == _page(association)
    association.refresh_from_db()
    assert (association.status, association.ended_on) == (AssociationStatus.ENDED, ended_on)
    page = client.get(_page(association)).content.decode()
    assert "She moved abroad." in page
    assert "Change your declaration" not in page
    assert client.get(_page(association, "update"))["Location"] == _page(association)


# --- nothing outside the CCU reveals it --------------------------------------------------------


def test_the_line_manager_learns_nothing(client_for, staff_member, line_manager, ccu_analyst):
    staff_member.person.line_manager = line_manager.person
    staff_member.person.save()
    association = services.association_declare(
        acting_user=staff_member,
        associate_name="Tanya Wilkes",
        relationship="ex_partner",
        category_of_concern="sex_worker",
        contact_frequency="occasionally",
        known_since=dt.date(2012, 4, 1),
        circumstances="Shared care of our son.",
    )
    services.association_assess(
        association=association,
        acting_user=ccu_analyst,
        risk=Risk.LOW,
        rationale="Nothing known.",
        advice="No action needed.",
        next_review_on=timezone.localdate() + dt.timedelta(days=365),
    )
    client = client_for(line_manager)
    pages = [
        client.get("/"),  # the home page's team panel
        client.get(reverse("people:detail", kwargs={"pk": staff_member.person.pk})),
        client.get(reverse("notifications:list")),
        client.get(reverse("registers:queues")),
    ]
    for response in pages:
        text = response.content.decode().lower()
        assert "tanya" not in text
        assert "association" not in text.split('id="main-content"')[1]
    assert not Notification.objects.filter(recipient=line_manager).exists()
