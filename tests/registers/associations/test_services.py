"""The services: who may do what, what is refused (and then nothing is stored), what history and
notices each change leaves, and that decisions are rows that are never overwritten."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from registers.associations import services
from registers.associations.models import (
    AssociationAssessment,
    AssociationStatus,
    ConcernCategory,
    ContactFrequency,
    NotifiableAssociation,
    Relationship,
    Risk,
)
from standards.access.roles import Role
from standards.notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.registers.associations.factories import AssociationFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date.today


def _answers(**overrides) -> dict:
    answers = {
        "associate_name": "Dean Harker",
        "associate_date_of_birth": dt.date(1988, 2, 14),
        "associate_address": "4 Quarry Road, Kirkwell",
        "relationship": Relationship.FRIEND,
        "category_of_concern": ConcernCategory.UNDER_INVESTIGATION,
        "contact_frequency": ContactFrequency.WEEKLY,
        "known_since": dt.date(2005, 9, 1),
        "circumstances": "School friend. Released under investigation for supplying drugs.",
    }
    answers.update(overrides)
    return answers


def _assessment(**overrides) -> dict:
    values = {
        "risk": Risk.MEDIUM,
        "rationale": "Under investigation by the force for supply; regular contact.",
        "advice": "Do not discuss work with him. Tell us if he is charged.",
        "conditions": "Do not access any record about him.",
        "next_review_on": TODAY() + dt.timedelta(days=365),
    }
    values.update(overrides)
    return values


# --- declaring -------------------------------------------------------------------------------


def test_declaring_records_the_association_and_tells_the_ccu_only(
    staff_member, ccu_analyst, ccu_head, line_manager, caseworker, psd_head, board_member
):
    staff_member.person.line_manager = line_manager.person
    staff_member.person.save()

    association = services.association_declare(acting_user=staff_member, **_answers())

    assert association.declarant == staff_member.person
    assert association.submitted_by == staff_member
    assert association.status == AssociationStatus.AWAITING_ASSESSMENT
    first = association.history.get()
    assert first.history_change_reason == services.REASON_DECLARED
    assert first.history_user == staff_member
    notified = set(Notification.objects.values_list("recipient__username", flat=True))
    assert notified == {ccu_analyst.username, ccu_head.username}
    notice = Notification.objects.get(recipient=ccu_analyst)
    # The notice points to the record; it names neither the member nor the associate.
    assert notice.url == f"/registers/associations/{association.pk}/"
    assert "Dean Harker" not in notice.subject + notice.body
    assert staff_member.person.last_name not in notice.subject + notice.body


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"associate_name": "  "}, "associate_name", "Enter their name"),
        ({"associate_name": "<script>alert(1)</script>"}, "associate_name", "Remove the HTML"),
        ({"circumstances": '<img src=x onerror="x()">'}, "circumstances", "Remove the HTML"),
        ({"associate_address": "javascript:alert(1)"}, "associate_address", "Remove the HTML"),
        ({"circumstances": ""}, "circumstances", "Tell us how you know them"),
        ({"relationship": "cousin"}, "relationship", "Select how you know them"),
        ({"category_of_concern": ""}, "category_of_concern", "Select why you are declaring"),
        ({"contact_frequency": "hourly"}, "contact_frequency", "Select how often"),
        ({"known_since": None}, "known_since", "Enter the date you first knew them"),
        (
            {"known_since": TODAY() + dt.timedelta(days=1)},
            "known_since",
            "must be today or in the past",
        ),
        (
            {"associate_date_of_birth": TODAY() + dt.timedelta(days=3)},
            "associate_date_of_birth",
            "must be in the past",
        ),
        (
            {"associate_date_of_birth": dt.date(2010, 1, 1), "known_since": dt.date(2009, 1, 1)},
            "known_since",
            "after their date of birth",
        ),
    ],
)
def test_bad_declarations_are_refused_and_store_nothing(
    staff_member, ccu_analyst, overrides, field, message
):
    with pytest.raises(ValidationError) as refused:
        services.association_declare(acting_user=staff_member, **_answers(**overrides))
    assert message in " ".join(refused.value.message_dict[field])
    assert not NotifiableAssociation.objects.exists()
    assert not NotifiableAssociation.history.exists()
    assert not Notification.objects.exists()


def test_a_login_without_a_directory_record_cannot_declare(db):
    service_account = UserFactory(person=None, roles=[Role.STAFF])
    with pytest.raises(ValidationError, match="not linked to the staff directory"):
        services.association_declare(acting_user=service_account, **_answers())
    assert not NotifiableAssociation.objects.exists()


def test_a_ccu_member_who_declares_is_not_notified_of_their_own(ccu_analyst, ccu_head):
    services.association_declare(acting_user=ccu_analyst, **_answers())
    assert list(Notification.objects.values_list("recipient", flat=True)) == [ccu_head.pk]


# --- changing and ending ---------------------------------------------------------------------


def test_a_change_is_a_new_history_row_and_goes_back_to_the_ccu(staff_member, ccu_analyst):
    association = services.association_declare(acting_user=staff_member, **_answers())
    services.association_assess(association=association, acting_user=ccu_analyst, **_assessment())
    Notification.objects.all().delete()

    services.association_update(
        association=association,
        acting_user=staff_member,
        **_answers(contact_frequency=ContactFrequency.DAILY),
    )

    association.refresh_from_db()
    assert association.contact_frequency == ContactFrequency.DAILY
    assert association.status == AssociationStatus.LIVE
    assert NotifiableAssociation.objects.changed_since_assessment().get() == association
    versions = list(association.history.order_by("history_date"))
    assert [v.history_change_reason for v in versions] == [
        services.REASON_DECLARED,
        services.REASON_ASSESSED,
        services.REASON_CHANGED,
    ]
    assert versions[0].contact_frequency == ContactFrequency.WEEKLY  # the earlier answer is kept
    assert Notification.objects.get().recipient == ccu_analyst

    # Reassessing takes it off the "changed" queue.
    services.association_assess(
        association=association, acting_user=ccu_analyst, **_assessment(risk=Risk.HIGH)
    )
    assert not NotifiableAssociation.objects.changed_since_assessment().exists()


def test_a_change_that_changes_nothing_is_refused(staff_member):
    association = services.association_declare(acting_user=staff_member, **_answers())
    with pytest.raises(ValidationError, match="not changed any"):
        services.association_update(association=association, acting_user=staff_member, **_answers())
    assert association.history.count() == 1


def test_a_bad_change_stores_nothing(staff_member):
    association = services.association_declare(acting_user=staff_member, **_answers())
    with pytest.raises(ValidationError):
        services.association_update(
            association=association,
            acting_user=staff_member,
            **_answers(circumstances="<script>x</script>", contact_frequency="daily"),
        )
    association.refresh_from_db()
    assert association.contact_frequency == ContactFrequency.WEEKLY
    assert association.history.count() == 1


@pytest.mark.parametrize("persona", ["line_manager", "ccu_analyst", "ccu_head", "psd_head"])
def test_only_the_declarant_changes_or_ends_their_declaration(request, persona, staff_member):
    association = services.association_declare(acting_user=staff_member, **_answers())
    other = request.getfixturevalue(persona)
    with pytest.raises(Http404):
        services.association_update(
            association=association, acting_user=other, **_answers(associate_name="X Y")
        )
    with pytest.raises(Http404):
        services.association_end(
            association=association, ended_on=TODAY(), reason="Moved", acting_user=other
        )
    association.refresh_from_db()
    assert association.associate_name == "Dean Harker"
    assert association.status == AssociationStatus.AWAITING_ASSESSMENT


def test_ending_keeps_the_date_and_reason_and_stops_the_reviews(staff_member, ccu_analyst):
    association = services.association_declare(acting_user=staff_member, **_answers())
    services.association_assess(association=association, acting_user=ccu_analyst, **_assessment())
    ended_on = TODAY() - dt.timedelta(days=10)
    services.association_end(
        association=association,
        ended_on=ended_on,
        reason="He moved to Spain; no contact since.",
        acting_user=staff_member,
    )
    association.refresh_from_db()
    assert association.status == AssociationStatus.ENDED
    assert association.ended_on == ended_on
    assert association.end_reason == "He moved to Spain; no contact since."
    assert association.review_due is None
    assert association.history.first().history_change_reason == services.REASON_ENDED
    assert Notification.objects.filter(key=f"association-{association.pk}-ended").count() == 1

    with pytest.raises(ValidationError, match="already told us"):
        services.association_end(
            association=association, ended_on=TODAY(), reason="Again", acting_user=staff_member
        )
    with pytest.raises(ValidationError, match="ended"):
        services.association_update(
            association=association, acting_user=staff_member, **_answers(associate_name="Z")
        )
    with pytest.raises(ValidationError, match="ended"):
        services.association_assess(
            association=association, acting_user=ccu_analyst, **_assessment()
        )


@pytest.mark.parametrize(
    ("ended_on", "reason", "field", "message"),
    [
        (None, "Moved away", "ended_on", "Enter the date"),
        (TODAY() + dt.timedelta(days=1), "Moved away", "ended_on", "today or in the past"),
        (dt.date(2000, 1, 1), "Moved away", "ended_on", "on or after the date you first knew"),
        (TODAY(), "", "reason", "Tell us why"),
        (TODAY(), "<b>moved</b>", "reason", "Remove the HTML"),
    ],
)
def test_bad_endings_are_refused(staff_member, ended_on, reason, field, message):
    association = services.association_declare(acting_user=staff_member, **_answers())
    with pytest.raises(ValidationError) as refused:
        services.association_end(
            association=association, ended_on=ended_on, reason=reason, acting_user=staff_member
        )
    assert message in " ".join(refused.value.message_dict[field])
    association.refresh_from_db()
    assert association.status == AssociationStatus.AWAITING_ASSESSMENT


# --- assessing -------------------------------------------------------------------------------


def test_assessing_sets_it_live_and_tells_the_member_nothing_of_the_risk(staff_member, ccu_analyst):
    association = services.association_declare(acting_user=staff_member, **_answers())
    Notification.objects.all().delete()

    assessment = services.association_assess(
        association=association, acting_user=ccu_analyst, **_assessment(risk=Risk.HIGH)
    )

    association.refresh_from_db()
    assert association.status == AssociationStatus.LIVE
    assert association.review_due == assessment.next_review_on
    assert association.reviewed_at == assessment.decided_at
    assert assessment.decided_by == ccu_analyst
    assert assessment.history.get().history_user == ccu_analyst
    notice = Notification.objects.get()
    assert notice.recipient == staff_member
    assert notice.subject == (
        f"Notifiable association {association.pk}: your declaration has been reviewed"
    )
    assert notice.url == f"/my/associations/{association.pk}/"
    text = (notice.subject + notice.body).lower()
    for secret in (
        "high",
        "risk",
        "rationale",
        "under investigation",
        ccu_analyst.person.last_name,
    ):
        assert secret.lower() not in text


def test_a_reassessment_is_a_new_row_and_the_earlier_one_is_kept(staff_member, ccu_analyst):
    association = services.association_declare(acting_user=staff_member, **_answers())
    first = services.association_assess(
        association=association, acting_user=ccu_analyst, **_assessment(risk=Risk.LOW)
    )
    second = services.association_assess(
        association=association,
        acting_user=ccu_analyst,
        **_assessment(risk=Risk.HIGH, rationale="Now charged with supply."),
    )
    rows = list(association.assessments.order_by("decided_at", "pk"))
    assert rows == [first, second]
    first.refresh_from_db()
    assert first.risk == Risk.LOW
    assert first.rationale.startswith("Under investigation")
    assert first.history.count() == 1  # never changed


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"risk": ""}, "risk", "Select the risk"),
        ({"risk": "extreme"}, "risk", "Select the risk"),
        ({"rationale": "   "}, "rationale", "Enter the rationale"),
        ({"advice": ""}, "advice", "Enter the advice"),
        ({"advice": "<script>alert(1)</script>"}, "advice", "Remove the HTML"),
        ({"conditions": "<a href='x'>y</a>"}, "conditions", "Remove the HTML"),
        ({"next_review_on": None}, "next_review_on", "Enter the date of the next review"),
        ({"next_review_on": TODAY()}, "next_review_on", "must be in the future"),
        (
            {"next_review_on": TODAY() + dt.timedelta(days=365 * 3)},
            "next_review_on",
            "within 2 years",
        ),
    ],
)
def test_bad_assessments_are_refused_and_store_nothing(
    staff_member, ccu_analyst, overrides, field, message
):
    association = services.association_declare(acting_user=staff_member, **_answers())
    with pytest.raises(ValidationError) as refused:
        services.association_assess(
            association=association, acting_user=ccu_analyst, **_assessment(**overrides)
        )
    assert message in " ".join(refused.value.message_dict[field])
    assert not AssociationAssessment.objects.exists()
    association.refresh_from_db()
    assert association.status == AssociationStatus.AWAITING_ASSESSMENT


@pytest.mark.parametrize(
    "persona",
    ["staff_member", "line_manager", "caseworker", "psd_head", "board_member", "auditor"],
)
def test_only_the_ccu_may_assess(request, persona, subject_officer):
    association = AssociationFactory(declarant=subject_officer.person)
    with pytest.raises(Http404):
        services.association_assess(
            association=association,
            acting_user=request.getfixturevalue(persona),
            **_assessment(),
        )
    assert not AssociationAssessment.objects.exists()


def test_nobody_assesses_their_own_declaration(ccu_analyst, ccu_head):
    for assessor in (ccu_analyst, ccu_head):
        association = services.association_declare(acting_user=assessor, **_answers())
        with pytest.raises(Http404):
            services.association_assess(
                association=association, acting_user=assessor, **_assessment()
            )
    assert not AssociationAssessment.objects.exists()


def test_the_head_of_the_ccu_may_assess(ccu_head, staff_member):
    association = services.association_declare(acting_user=staff_member, **_answers())
    services.association_assess(association=association, acting_user=ccu_head, **_assessment())
    assert association.assessments.get().decided_by == ccu_head
