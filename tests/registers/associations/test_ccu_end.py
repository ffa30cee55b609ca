"""The CCU records that an association has ended: the service (who may, what is refused, what
the member is told), the page with its confirmation step, and what both sides' pages say after."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from registers.associations import selectors, services
from registers.associations.models import AssociationAssessment, AssociationStatus, Risk
from standards.notifications.models import Notification
from tests.registers.associations.factories import AssociationFactory, live_association

pytestmark = pytest.mark.django_db

REASON = "You told us on 3 March that you have separated and no longer see him."


def _end(association) -> str:
    return reverse("associations:end", kwargs={"pk": association.pk})


def _detail(association) -> str:
    return reverse("associations:detail", kwargs={"pk": association.pk})


def _date(field: str, day: dt.date) -> dict:
    """The date input's three answers, under both the indexed and the named part names."""
    parts = (str(day.day), str(day.month), str(day.year))
    named = dict(zip((f"{field}_day", f"{field}_month", f"{field}_year"), parts, strict=True))
    return {**{f"{field}_{i}": part for i, part in enumerate(parts)}, **named}


@pytest.fixture
def live(staff_member):
    return live_association(declarant=staff_member.person, associate_name="Kyle Ormesby")


# --- the service -----------------------------------------------------------------------------


def test_the_ccu_records_an_ending_and_the_member_is_told(live, ccu_analyst, staff_member):
    ended_on = timezone.localdate() - dt.timedelta(days=3)
    services.association_end_by_ccu(
        association=live, ended_on=ended_on, reason=f"  {REASON}  ", acting_user=ccu_analyst
    )
    live.refresh_from_db()
    assert (live.status, live.ended_on, live.end_reason) == (
        AssociationStatus.ENDED,
        ended_on,
        REASON,
    )
    assert live.review_due is None  # no more reviews, no more reminders
    latest = live.history.latest()
    assert latest.history_change_reason == services.REASON_ENDED_BY_CCU
    assert latest.history_user == ccu_analyst
    # Not the member's change: it does not come back as "changed since assessment".
    assert live.declarant_changed_at is None
    notice = Notification.objects.get(recipient=staff_member)
    assert "recorded as ended" in notice.subject
    assert ccu_analyst.person.display_name not in notice.subject + notice.body
    # Nobody in the CCU is told of their own colleague's step.
    assert not Notification.objects.exclude(recipient=staff_member).exists()


@pytest.mark.parametrize(
    "persona", ["staff_member", "line_manager", "caseworker", "psd_head", "auditor"]
)
def test_only_the_ccu_records_an_ending(request, persona, live):
    with pytest.raises(Http404):
        services.association_end_by_ccu(
            association=live,
            ended_on=timezone.localdate(),
            reason=REASON,
            acting_user=request.getfixturevalue(persona),
        )
    live.refresh_from_db()
    assert live.status == AssociationStatus.LIVE


def test_a_ccu_member_cannot_end_their_own_declaration_as_the_ccu(ccu_analyst):
    own = live_association(declarant=ccu_analyst.person)
    with pytest.raises(Http404):
        services.association_end_by_ccu(
            association=own, ended_on=timezone.localdate(), reason=REASON, acting_user=ccu_analyst
        )


@pytest.mark.parametrize(
    ("ended_on", "reason", "field", "message"),
    [
        (None, REASON, "ended_on", "Enter the date the association ended"),
        (dt.date.today() + dt.timedelta(days=1), REASON, "ended_on", "must be today or in the"),
        (dt.date(2009, 1, 1), REASON, "ended_on", "the date the member first knew them"),
        (dt.date.today(), "  ", "reason", "Tell us why the association has ended"),
    ],
)
def test_a_bad_ending_is_refused_and_stores_nothing(
    live, ccu_analyst, ended_on, reason, field, message
):
    with pytest.raises(ValidationError) as refused:
        services.association_end_by_ccu(
            association=live, ended_on=ended_on, reason=reason, acting_user=ccu_analyst
        )
    assert message in " ".join(refused.value.message_dict[field])
    live.refresh_from_db()
    assert live.status == AssociationStatus.LIVE
    assert not Notification.objects.exists()


def test_an_ended_association_is_not_ended_again_or_assessed(live, ccu_analyst, ccu_head):
    services.association_end_by_ccu(
        association=live, ended_on=timezone.localdate(), reason=REASON, acting_user=ccu_analyst
    )
    with pytest.raises(ValidationError, match="already been recorded as ended"):
        services.association_end_by_ccu(
            association=live, ended_on=timezone.localdate(), reason=REASON, acting_user=ccu_head
        )
    with pytest.raises(ValidationError, match="cannot be assessed"):
        services.association_assess(
            association=live,
            risk=Risk.LOW,
            rationale="x",
            advice="y",
            next_review_on=timezone.localdate() + dt.timedelta(days=30),
            acting_user=ccu_head,
        )
    assert AssociationAssessment.objects.count() == 1


# --- the page --------------------------------------------------------------------------------


def test_the_page_asks_to_confirm_before_it_records_the_ending(client_for, ccu_analyst, live):
    client = client_for(ccu_analyst)
    form = client.get(_end(live)).content.decode()
    assert "The member is told it has been recorded as ended" in form
    assert "The member of staff reads this" in form
    ended_on = timezone.localdate() - dt.timedelta(days=3)
    answers = {**_date("ended_on", ended_on), "reason": REASON}

    check = client.post(_end(live), answers)

    body = check.content.decode()
    assert check.status_code == 200
    assert 'data-testid="check-answers"' in body
    assert f"{ended_on:%-d %B %Y}" in body and REASON in body
    assert "This cannot be undone" in body
    live.refresh_from_db()
    assert live.status == AssociationStatus.LIVE  # nothing yet

    # "Change the answers" brings the form back, filled in, and still records nothing.
    again = client.post(_end(live), {**answers, "change": "yes"}).content.decode()
    assert 'data-testid="check-answers"' not in again
    assert f'value="{ended_on.year}"' in again and REASON in again
    assert "There is a problem" not in again

    done = client.post(_end(live), {**answers, "confirmed": "yes"})

    assert done["Location"] == _detail(live)
    live.refresh_from_db()
    assert live.status == AssociationStatus.ENDED
    page = client.get(_detail(live)).content.decode()
    assert "The member of staff has been told, and it will not be reviewed again" in page
    next_step = page.split('data-testid="next-step"')[1].split("</div>")[0]
    assert "is not reviewed again" in next_step
    # No stale actions: nothing to assess or end any more.
    assert 'data-testid="actions"' not in page
    assert _end(live) not in page and "Reassess" not in page
    timeline = page.split('data-testid="timeline"')[1]
    assert "Recorded by the Counter Corruption Unit" in timeline
    assert ccu_analyst.person.display_name in timeline
    assert client.get(_end(live))["Location"] == _detail(live)


def test_a_date_the_service_refuses_is_shown_on_the_form_not_after_confirming(
    client_for, ccu_analyst, live
):
    before_known = {**_date("ended_on", dt.date(2009, 1, 1)), "reason": REASON}
    response = client_for(ccu_analyst).post(_end(live), before_known)
    body = response.content.decode()
    assert "There is a problem" in body
    assert "on or after the date the member first knew them (1 May 2010)" in body
    assert 'data-testid="check-answers"' not in body


def test_the_member_reads_that_it_was_recorded_as_ended_but_not_by_whom(
    client_for, ccu_analyst, staff_member, live
):
    services.association_end_by_ccu(
        association=live, ended_on=timezone.localdate(), reason=REASON, acting_user=ccu_analyst
    )
    page = client_for(staff_member).get(reverse("my_associations:detail", kwargs={"pk": live.pk}))
    body = page.content.decode()
    next_step = body.split('data-testid="next-step"')[1].split("</div>")[0]
    assert "recorded as ended" in next_step and "declare it again" in next_step
    assert REASON in body
    timeline = body.split('data-testid="timeline"')[1]
    assert "Recorded by the Counter Corruption Unit" in timeline
    assert ccu_analyst.person.display_name not in body
    # Nothing left for the member to change or end.
    assert reverse("my_associations:update", kwargs={"pk": live.pk}) not in body


def test_the_actions_selector_offers_nothing_on_an_ended_association(ccu_analyst):
    waiting = AssociationFactory()
    actions = selectors.association_actions_for_user(user=ccu_analyst, association=waiting)
    assert actions.assess and actions.end
    services.association_end_by_ccu(
        association=waiting,
        ended_on=timezone.localdate(),
        reason=REASON,
        acting_user=ccu_analyst,
    )
    waiting.refresh_from_db()
    actions = selectors.association_actions_for_user(user=ccu_analyst, association=waiting)
    assert not actions.assess and not actions.end and not actions.any
