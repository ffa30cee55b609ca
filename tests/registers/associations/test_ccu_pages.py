"""The CCU's pages: what the CCU sees, that everyone else (and a CCU member looking at their own
declaration) gets the ordinary 404, the access log, and the query counts of the lists."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from registers.associations import selectors, services
from registers.associations.models import (
    AssociationAssessment,
    AssociationStatus,
    ConcernCategory,
    Risk,
)
from standards.access import policy
from standards.access.models import AccessAction, AccessLogEntry, Area
from standards.access.roles import Role
from standards.notifications.models import Notification
from tests.registers.associations.factories import (
    AssessmentFactory,
    AssociationFactory,
    live_association,
)

pytestmark = pytest.mark.django_db

QUEUE = reverse("associations:queue")
REGISTER = reverse("associations:register")
OUTSIDERS = [
    "staff_member",
    "line_manager",
    "caseworker",
    "psd_head",
    "board_member",
    "administrator",
    "auditor",
]


def _detail(association) -> str:
    return reverse("associations:detail", kwargs={"pk": association.pk})


def _assess(association) -> str:
    return reverse("associations:assess", kwargs={"pk": association.pk})


def _assessment_post(**overrides) -> dict:
    review = timezone.localdate() + dt.timedelta(days=365)
    data = {
        "risk": Risk.MEDIUM,
        "rationale": "Cousin with a 2019 burglary conviction; no current intelligence.",
        "advice": "Keep work out of family conversations and tell us if he is arrested again.",
        "conditions": "",
        "next_review_on_day": str(review.day),
        "next_review_on_month": str(review.month),
        "next_review_on_year": str(review.year),
    }
    data.update(overrides)
    return data


def _main(response) -> str:
    """The page's main content, without the per-request reference."""
    main = response.content.decode().split('id="main-content"')[1]
    return re.sub(r"Reference: [0-9a-f]+", "Reference:", main)


@pytest.fixture
def declared(staff_member, line_manager):
    """An association declared by the staff member, whose line manager is ``line_manager``."""
    staff_member.person.line_manager = line_manager.person
    staff_member.person.save()
    return AssociationFactory(declarant=staff_member.person, associate_name="Kyle Ormesby")


# --- the corridor ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_every_ccu_page_is_a_404_outside_the_ccu(client_for, request, persona, declared):
    client = client_for(request.getfixturevalue(persona))
    missing = client.get("/registers/associations/no-such-page/")
    for url in (QUEUE, REGISTER, _detail(declared), _assess(declared)):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Kyle Ormesby" not in response.content.decode()
        assert _main(response) == _main(missing)
    response = client.post(_assess(declared), _assessment_post())
    assert response.status_code == 404
    assert not AssociationAssessment.objects.exists()
    assert not AccessLogEntry.objects.filter(area=Area.CCU).exists()


def test_a_guessed_id_looks_exactly_like_a_missing_one(client_for, psd_head, declared):
    client = client_for(psd_head)
    real = client.get(_detail(declared))
    fake = client.get(reverse("associations:detail", kwargs={"pk": declared.pk + 10_000}))
    assert real.status_code == fake.status_code == 404
    assert _main(real) == _main(fake)


def test_a_ccu_member_never_sees_their_own_declaration_as_a_reviewer(
    client_for, ccu_analyst, ccu_head
):
    own = AssociationFactory(declarant=ccu_analyst.person, associate_name="Own Declaration")
    other = AssociationFactory(associate_name="Someone Else's")
    client = client_for(ccu_analyst)
    assert client.get(_detail(own)).status_code == 404
    assert client.get(_assess(own)).status_code == 404
    assert client.get(_detail(other)).status_code == 200
    assert "Own Declaration" not in client.get(QUEUE).content.decode()
    assert "Own Declaration" not in client.get(REGISTER).content.decode()
    # The head sees it, as any other declaration.
    assert client_for(ccu_head).get(_detail(own)).status_code == 200


# --- the work queue --------------------------------------------------------------------------


def test_queue_shows_what_waits_with_its_age(client_for, ccu_analyst, declared):
    today = timezone.localdate()
    AssociationFactory(
        associate_name="Waited Long", submitted_at=timezone.now() - dt.timedelta(days=40)
    )
    overdue = live_association(associate_name="Review Overdue", review_due=today.replace(day=1))
    overdue.review_due = today - dt.timedelta(days=5)
    overdue.save()
    live_association(associate_name="Review Soon", review_due=today + dt.timedelta(days=10))
    live_association(associate_name="Review Later", review_due=today + dt.timedelta(days=200))
    changed = live_association(associate_name="Changed Since")
    changed.declarant_changed_at = timezone.now()
    changed.save()
    AssociationFactory(associate_name="Ended One", status=AssociationStatus.ENDED, ended_on=today)

    response = client_for(ccu_analyst).get(QUEUE)

    assert response.status_code == 200
    body = response.content.decode()
    awaiting = body.split('data-testid="queue-awaiting"')[1].split("</table>")[0]
    assert "Kyle Ormesby" in awaiting and "Waited Long" in awaiting
    assert awaiting.index("Waited Long") < awaiting.index("Kyle Ormesby")  # oldest first
    assert '<strong class="govuk-tag govuk-tag--red">40</strong>' in awaiting
    changed_part = body.split('data-testid="queue-changed"')[1].split("</table>")[0]
    assert "Changed Since" in changed_part
    reviews = body.split('data-testid="queue-reviews"')[1].split("</table>")[0]
    assert "Review Overdue" in reviews and "Overdue by 5 days" in reviews
    assert "Review Soon" in reviews and "Due in 10 days" in reviews
    assert "Review Later" not in body and "Ended One" not in body
    log = AccessLogEntry.objects.get()
    assert (log.action, log.area, log.result_count) == (AccessAction.SEARCH, Area.CCU, 5)


def test_queue_query_count_does_not_grow_with_rows(
    client_for, ccu_analyst, django_assert_max_num_queries
):
    today = timezone.localdate()
    AssociationFactory.create_batch(25)
    for n in range(20):
        live_association(review_due=today + dt.timedelta(days=n))
    for _ in range(15):
        changed = live_association()
        changed.declarant_changed_at = timezone.now()
        changed.save()
    client = client_for(ccu_analyst)
    # One more than the page needs: the access-log row's CCU details go into a table of their own.
    with django_assert_max_num_queries(14):
        response = client.get(QUEUE)
    assert response.content.decode().count('href="/registers/associations/') >= 60


# --- the register ----------------------------------------------------------------------------


def test_register_lists_with_current_risk_and_filters(client_for, ccu_head):
    high = live_association(
        risk=Risk.LOW, associate_name="Reassessed High", category_of_concern=ConcernCategory.MEDIA
    )
    # A later assessment is the current one.
    AssessmentFactory(
        association=high,
        outcome=Risk.HIGH,
        decided_at=timezone.now() + dt.timedelta(minutes=1),
    )
    live_association(risk=Risk.LOW, associate_name="Low One")
    AssociationFactory(associate_name="Not Yet Assessed")
    AssociationFactory(
        associate_name="Ended Long Ago",
        status=AssociationStatus.ENDED,
        ended_on=dt.date(2024, 1, 1),
    )
    client = client_for(ccu_head)

    everything = client.get(REGISTER).content.decode()
    for name in ("Reassessed High", "Low One", "Not Yet Assessed", "Ended Long Ago"):
        assert name in everything
    assert "4 associations" in everything

    def names(**params) -> str:
        return client.get(REGISTER, params).content.decode().split('data-testid="register"')[1]

    assert "Reassessed High" in names(risk="high") and "Low One" not in names(risk="high")
    assert "Reassessed High" not in names(risk="low")
    assert "Not Yet Assessed" in names(risk="none") and "Low One" not in names(risk="none")
    assert "Ended Long Ago" in names(status="ended") and "Low One" not in names(status="ended")
    media = names(category="media")
    assert "Reassessed High" in media and "Low One" not in media
    assert "Low One" in names(q="low one") and "Reassessed" not in names(q="low one")
    searched = names(q=high.declarant.staff_number)
    assert "Reassessed High" in searched and "Low One" not in searched


def test_register_search_terms_stay_out_of_the_access_log(client_for, ccu_analyst):
    live_association(associate_name="Gareth Secret")
    client_for(ccu_analyst).get(REGISTER, {"q": "Gareth Secret"})
    log = AccessLogEntry.objects.get()
    assert (log.action, log.area, log.result_count) == (AccessAction.SEARCH, Area.CCU, 1)
    assert log.search_terms == ""
    assert "Gareth" not in log.record_label


def test_register_query_count_does_not_grow_with_rows(
    client_for, ccu_analyst, django_assert_max_num_queries
):
    for n in range(60):
        if n % 3:
            live_association(risk=[Risk.LOW, Risk.MEDIUM, Risk.HIGH][n % 3])
        else:
            AssociationFactory()
    client = client_for(ccu_analyst)
    # One more than the page needs: the access-log row's CCU details go into a table of their own.
    with django_assert_max_num_queries(13):
        response = client.get(REGISTER)
    body = response.content.decode()
    assert "60 associations" in body
    assert body.count('href="/registers/associations/') >= 50
    with django_assert_max_num_queries(13):
        high = client.get(REGISTER, {"risk": "high"})
    assert len(high.context["page"]) == 20  # every third live association was assessed high


# --- the record ------------------------------------------------------------------------------


def test_detail_shows_everything_and_logs_an_opaque_consultation(client_for, ccu_analyst, declared):
    response = client_for(ccu_analyst).get(_detail(declared))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kyle Ormesby" in body
    assert declared.declarant.staff_number in body
    assert "Awaiting assessment" in body
    assert "Not yet assessed" in body
    assert ">Assess<" in body
    log = AccessLogEntry.objects.get()
    assert (log.action, log.area) == (AccessAction.CONSULTATION, Area.CCU)
    assert log.record_ref.startswith("CCU-")
    assert log.object_id == "" and log.record_label == ""


def test_assessing_through_the_page(client_for, ccu_analyst, declared, staff_member):
    client = client_for(ccu_analyst)
    form = client.get(_assess(declared)).content.decode()
    next_year = services.default_next_review(timezone.localdate())
    assert f'value="{next_year.year}"' in form  # 12 months by default
    assert "never the risk, the rationale or your name" in form

    response = client.post(_assess(declared), _assessment_post(risk=Risk.HIGH))

    assert response["Location"] == _detail(declared)
    assessment = AssociationAssessment.objects.get()
    assert (assessment.risk, assessment.decided_by) == (Risk.HIGH, ccu_analyst)
    declared.refresh_from_db()
    assert declared.status == AssociationStatus.LIVE
    assert Notification.objects.filter(recipient=staff_member).count() == 1
    page = client.get(_detail(declared)).content.decode()
    assert "Cousin with a 2019 burglary conviction" in page
    assert ">Reassess<" in page


def test_a_bad_assessment_through_the_page_stores_nothing(client_for, ccu_analyst, declared):
    past = timezone.localdate() - dt.timedelta(days=1)
    response = client_for(ccu_analyst).post(
        _assess(declared),
        _assessment_post(
            risk="",
            rationale="",
            advice="<script>alert('x')</script>",
            next_review_on_day=str(past.day),
            next_review_on_month=str(past.month),
            next_review_on_year=str(past.year),
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Select the risk" in body
    assert "Enter the rationale for the risk" in body
    assert "Remove the HTML or script" in body
    assert not AssociationAssessment.objects.exists()

    # Past review date: the form parses it, the service refuses it, beside the field.
    response = client_for(ccu_analyst).post(
        _assess(declared),
        _assessment_post(
            next_review_on_day=str(past.day),
            next_review_on_month=str(past.month),
            next_review_on_year=str(past.year),
        ),
    )
    assert "The date of the next review must be in the future" in response.content.decode()
    assert 'href="#id_next_review_on_day"' in response.content.decode()
    assert not AssociationAssessment.objects.exists()

    # A date with no year: the message names the missing part, and only that input is marked.
    body = (
        client_for(ccu_analyst)
        .post(
            _assess(declared),
            _assessment_post(
                next_review_on_day="31", next_review_on_month="2", next_review_on_year=""
            ),
        )
        .content.decode()
    )
    assert (
        '<a href="#id_next_review_on_year">The date of the next review must include a year' in body
    )
    assert body.count("govuk-input--error") == 1
    assert not AssociationAssessment.objects.exists()


def test_a_reassessment_keeps_the_earlier_decision_in_the_timeline(
    client_for, ccu_analyst, ccu_head, declared
):
    services.association_assess(
        association=declared,
        acting_user=ccu_analyst,
        risk=Risk.LOW,
        rationale="First rationale: spent conviction.",
        advice="First advice.",
        next_review_on=timezone.localdate() + dt.timedelta(days=300),
    )
    services.association_update(
        association=declared,
        acting_user=declared.submitted_by,
        **{
            **{
                f: getattr(declared, f)
                for f in services.ANSWER_FIELDS
                if f not in {"contact_frequency"}
            },
            "contact_frequency": "daily",
        },
    )
    services.association_assess(
        association=declared,
        acting_user=ccu_head,
        risk=Risk.HIGH,
        rationale="Second rationale: now living together.",
        advice="Second advice.",
        conditions="Do not use force systems to look him up.",
        next_review_on=timezone.localdate() + dt.timedelta(days=180),
    )
    body = client_for(ccu_analyst).get(_detail(declared)).content.decode()
    current = body.split('data-testid="assessment"')[1].split("</dl>")[0]
    assert "Second rationale" in current and "First rationale" not in current
    timeline = body.split('data-testid="timeline"')[1]
    assert "Reassessed: risk changed to high" in timeline
    assert "Assessed: low risk" in timeline
    assert "First rationale: spent conviction." in timeline
    assert "Second rationale: now living together." in timeline
    assert "Answers changed" in timeline
    assert "Contact frequency: Monthly → Daily" in timeline
    assert ccu_head.person.display_name in timeline
    assert ccu_analyst.person.display_name in timeline
    # Newest first.
    assert (
        timeline.index("Reassessed")
        < timeline.index("Answers changed")
        < timeline.index("Assessed: low risk")
    )


def test_an_ended_association_cannot_be_assessed(client_for, ccu_analyst, declared):
    services.association_end(
        association=declared,
        ended_on=timezone.localdate(),
        reason="Moved away.",
        acting_user=declared.submitted_by,
    )
    client = client_for(ccu_analyst)
    assert client.get(_assess(declared))["Location"] == _detail(declared)
    client.post(_assess(declared), _assessment_post())
    assert not AssociationAssessment.objects.exists()
    body = client.get(_detail(declared)).content.decode()
    assert "Moved away." in body and ">Assess<" not in body


# --- the review-queues page (/registers/) -------------------------------------------------------


def test_review_queues_page_counts_for_the_ccu_and_says_nothing_to_others(
    client_for, ccu_analyst, line_manager, psd_head, declared, django_assert_max_num_queries
):
    AssociationFactory.create_batch(50)
    old = AssociationFactory(submitted_at=timezone.now() - dt.timedelta(days=35))
    live_association(review_due=timezone.localdate() - dt.timedelta(days=2))
    queues = reverse("registers:queues")
    # The register's own part of the page is one aggregate query, however many rows wait.
    policy.holds(ccu_analyst, Role.CCU_ANALYST)  # roles are read once a request
    with django_assert_max_num_queries(1):
        selectors.association_review_queues(user=ccu_analyst)
    body = client_for(ccu_analyst).get(queues).content.decode()
    awaiting = body.split('data-testid="queue-associations-awaiting"')[1].split("</tr>")[0]
    assert ">52<" in awaiting
    assert f">{old.days_waiting}<" in awaiting
    assert "1 overdue" in awaiting
    reviews = body.split('data-testid="queue-associations-reviews"')[1].split("</tr>")[0]
    assert "1 overdue" in reviews
    for outsider in (line_manager, psd_head):
        page = client_for(outsider).get(queues).content.decode()
        assert "associations" not in page.lower().split('id="main-content"')[1]


# --- access in the selectors, next steps, one vocabulary -------------------------------------


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_the_list_selectors_are_a_404_outside_the_ccu(request, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(Http404):
        selectors.association_queue_for_user(user=user)
    with pytest.raises(Http404):
        selectors.association_register_for_user(user=user, params={})


def test_after_an_assessment_the_pages_say_what_happens_next(client_for, ccu_analyst, declared):
    client = client_for(ccu_analyst)
    waiting = client.get(_detail(declared)).content.decode()
    assert "waiting 0 days for its first assessment" in waiting.split('data-testid="next-step"')[1]
    review = timezone.localdate() + dt.timedelta(days=200)
    response = client.post(
        _assess(declared),
        _assessment_post(
            conditions="Do not look him up on force systems.",
            next_review_on_day=str(review.day),
            next_review_on_month=str(review.month),
            next_review_on_year=str(review.year),
        ),
        follow=True,
    )
    body = response.content.decode()
    banner = body.split("govuk-notification-banner__heading")[1].split("</p>")[0]
    assert "told to read the advice and conditions" in banner
    assert f"next review is due by {review:%-d %B %Y}" in banner
    next_step = body.split('data-testid="next-step"')[1].split("</div>")[0]
    assert "told to read the advice and keep to the conditions" in next_step
    assert f"The next review is due by {review:%-d %B %Y}" in next_step


def test_risk_and_status_read_the_same_on_every_tag_and_in_the_timeline(
    client_for, ccu_head, declared
):
    live_association(risk=Risk.HIGH, associate_name="High Risk One")
    changed = live_association(risk=Risk.LOW, associate_name="Low Changed")
    changed.declarant_changed_at = timezone.now()
    changed.save()
    client = client_for(ccu_head)
    register = client.get(REGISTER).content.decode().split('data-testid="register"')[1]
    queue = client.get(QUEUE).content.decode()
    detail = client.get(_detail(changed)).content.decode()
    waiting = client.get(_detail(declared)).content.decode()
    # Each label once, from the model's choices, in one colour wherever it shows.
    assert '<strong class="govuk-tag govuk-tag--red">High</strong>' in register
    assert '<strong class="govuk-tag govuk-tag--green">Low</strong>' in register
    assert '<strong class="govuk-tag govuk-tag--green">Low</strong>' in queue
    assert '<strong class="govuk-tag govuk-tag--green">Low</strong>' in detail
    assert '<strong class="govuk-tag govuk-tag--grey">Not yet assessed</strong>' in register
    assert '<strong class="govuk-tag govuk-tag--grey">Not yet assessed</strong>' in waiting
    assert '<strong class="govuk-tag govuk-tag--blue">Live</strong>' in register + detail
    assert '<strong class="govuk-tag govuk-tag--yellow">Awaiting assessment</strong>' in register
    # The filter offers the same words as the tag.
    assert ">Not yet assessed</option>" in client.get(REGISTER).content.decode()
    assert "Not assessed<" not in register + queue + detail + waiting
    assert "Assessed: low risk" in detail.split('data-testid="timeline"')[1]


def test_the_changed_queue_marks_the_rows_its_overdue_count_counts(client_for, ccu_analyst):
    old = live_association(associate_name="Changed Long Ago")
    old.reviewed_at = timezone.now() - dt.timedelta(days=90)
    old.declarant_changed_at = timezone.now() - dt.timedelta(days=services.ASSESSMENT_DUE_DAYS)
    old.save()
    recent = live_association(associate_name="Changed Recently")
    recent.reviewed_at = timezone.now() - dt.timedelta(days=90)
    recent.declarant_changed_at = timezone.now() - dt.timedelta(days=2)
    recent.save()
    queues = {q.key: q for q in selectors.association_review_queues(user=ccu_analyst)}
    assert queues["associations-changed"].overdue == 1
    body = client_for(ccu_analyst).get(QUEUE).content.decode()
    changed = body.split('data-testid="queue-changed"')[1].split("</table>")[0]
    days = services.ASSESSMENT_DUE_DAYS
    assert changed.count("govuk-tag--red") == 1
    assert f'<strong class="govuk-tag govuk-tag--red">{days}</strong>' in changed
    assert changed.index("Changed Long Ago") < changed.index("Changed Recently")
