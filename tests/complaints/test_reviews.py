"""Reviews (reg 29): the window (28 days starting the day after the outcome letter), a late
application flagged not refused, the review body's result, and what the review body sees."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from complaints.models import CaseStatus, Review, ReviewBody
from complaints.services.reviews import review_decide, review_record_application
from standards.access.models import AccessLogEntry
from standards.notifications.models import Notification
from tests.complaints.test_letters_cases import TODAY, ready_case, with_outcome_letter

pytestmark = pytest.mark.django_db


def _letter_days_ago(user, days, **case_kwargs):
    case = ready_case([user], **case_kwargs)
    with_outcome_letter(case, user, issued_on=TODAY() - dt.timedelta(days=days))
    case.refresh_from_db()
    return case


def _apply(case, user, **kwargs):
    kwargs = {"applied_on": TODAY(), "grounds": "The search was not explained."} | kwargs
    return review_record_application(case=case, acting_user=user, **kwargs)


def test_an_application_on_day_28_is_in_time(caseworker):
    case = _letter_days_ago(caseworker, 28)
    review = _apply(case, caseworker)
    assert review.late is False
    assert review.body == ReviewBody.LOCAL_POLICING_BODY
    case.refresh_from_db()
    assert case.status == CaseStatus.REVIEW


def test_an_application_on_day_29_is_flagged_late_not_refused(caseworker):
    case = _letter_days_ago(caseworker, 29)
    with pytest.raises(ValidationError) as error:
        _apply(case, caseworker)  # late, and no explanation given
    assert "late_reason" in error.value.error_dict
    assert not Review.objects.exists()
    review = _apply(case, caseworker, late_reason="She was in hospital until last week.")
    assert review.late is True
    assert review.late_reason == "She was in hospital until last week."
    assert review.history.first().history_change_reason == "Review application (late)"


def test_a_review_needs_the_outcome_letter_first(caseworker):
    case = ready_case([caseworker])
    with pytest.raises(ValidationError, match="Issue the outcome letter first"):
        _apply(case, caseworker)
    assert not Review.objects.exists()


def test_the_application_goes_to_the_body_the_letter_named(caseworker):
    case = _letter_days_ago(caseworker, 3, referred=True)
    with pytest.raises(ValidationError, match="named the iopc"):
        _apply(case, caseworker, body=ReviewBody.LOCAL_POLICING_BODY)
    assert _apply(case, caseworker).body == ReviewBody.IOPC


def test_one_open_review_at_a_time(caseworker):
    case = _letter_days_ago(caseworker, 3)
    _apply(case, caseworker)
    with pytest.raises(ValidationError, match="already with the review body"):
        _apply(case, caseworker)
    assert Review.objects.count() == 1


def test_the_review_body_is_told_and_the_notice_closes_when_it_decides(caseworker, reviewer):
    case = _letter_days_ago(caseworker, 3)
    review = _apply(case, caseworker)
    notice = Notification.objects.get(recipient=reviewer)
    assert notice.step == "decide" and notice.done_at is None
    review_decide(
        review=review,
        result="upheld",
        recommendation="Look at the search again.",
        rationale="The search record gives no grounds.",
        acting_user=reviewer,
    )
    notice.refresh_from_db()
    assert notice.done_at is not None
    review.refresh_from_db()
    assert review.decided_by == reviewer and review.decided_on == TODAY()


def test_an_upheld_review_says_what_is_recommended(caseworker, reviewer):
    review = _apply(_letter_days_ago(caseworker, 3), caseworker)
    with pytest.raises(ValidationError) as error:
        review_decide(
            review=review, result="upheld", recommendation="", rationale="", acting_user=reviewer
        )
    assert set(error.value.error_dict) == {"recommendation", "rationale"}
    review.refresh_from_db()
    assert review.is_open and review.result == ""


def test_the_review_body_does_not_decide_an_iopc_review(caseworker, reviewer, psd_head):
    review = _apply(_letter_days_ago(caseworker, 3, referred=True), caseworker)
    with pytest.raises(ValidationError):
        review_decide(
            review=review,
            result="not_upheld",
            recommendation="",
            rationale="Fine.",
            acting_user=reviewer,
        )
    # The head of PSD records the IOPC's result.
    review_decide(
        review=review,
        result="not_upheld",
        recommendation="",
        rationale="IOPC: reasonable.",
        acting_user=psd_head,
    )


# --- the pages ----------------------------------------------------------------------------------


def test_recording_an_application_in_the_browser_flags_a_late_one(caseworker, client_for):
    case = _letter_days_ago(caseworker, 29)
    url = reverse("complaints:review_apply", args=[case.pk])
    client = client_for(caseworker)
    page = client.get(url).content.decode()
    last_day = TODAY() - dt.timedelta(days=1)
    assert f"The last day to apply was {last_day.day} {last_day:%B %Y}" in page
    data = {
        "applied_on_day": TODAY().day,
        "applied_on_month": TODAY().month,
        "applied_on_year": TODAY().year,
        "grounds": "Not satisfied with the search finding.",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "The application is late" in refused.content.decode()
    assert not Review.objects.exists()
    response = client.post(url, data | {"late_reason": "He was abroad."})
    review = Review.objects.get()
    assert response["Location"] == reverse("complaints:review", args=[review.pk])
    shown = client.get(response["Location"]).content.decode()
    assert "flagged late" in shown
    assert 'data-testid="late-tag"' in shown and 'data-testid="late-warning"' in shown


def test_the_review_body_sees_only_the_reviews_with_it(caseworker, reviewer, client_for):
    mine = _apply(_letter_days_ago(caseworker, 3), caseworker)
    iopc = _apply(_letter_days_ago(caseworker, 3, referred=True), caseworker)
    client = client_for(reviewer)
    listing = client.get(reverse("complaints:reviews")).content.decode()
    assert mine.case.reference in listing
    assert iopc.case.reference not in listing
    assert client.get(reverse("complaints:review", args=[iopc.pk])).status_code == 404
    assert client.get(reverse("complaints:review_decide", args=[iopc.pk])).status_code == 404
    page = client.get(reverse("complaints:review", args=[mine.pk]))
    assert page.status_code == 200


def test_the_review_page_gives_the_reviewer_what_they_need(caseworker, reviewer, client_for):
    review = _apply(_letter_days_ago(caseworker, 3), caseworker)
    body = client_for(reviewer).get(reverse("complaints:review", args=[review.pk]))
    text = body.content.decode()
    assert "searched his car without a reason" in text  # the case summary
    assert "His car was searched without a reason being given." in text  # an allegation
    assert "Service not acceptable" in text  # its result
    assert "Body-worn video" in text  # the outcome's reasons
    assert "you have the right to apply for a review" in text  # the outcome letter itself
    assert "Record the result" in text


def test_the_review_body_cannot_change_the_case(caseworker, reviewer, client_for):
    review = _apply(_letter_days_ago(caseworker, 3), caseworker)
    client = client_for(reviewer)
    case = review.case
    for name in ("complaints:outcome", "complaints:letter_new", "complaints:review_apply"):
        assert client.get(reverse(name, args=[case.pk])).status_code == 404
        assert client.post(reverse(name, args=[case.pk]), {"issue": "1"}).status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.REVIEW


def test_the_review_body_records_the_result(caseworker, reviewer, client_for):
    review = _apply(_letter_days_ago(caseworker, 3), caseworker)
    url = reverse("complaints:review_decide", args=[review.pk])
    client = client_for(reviewer)
    refused = client.post(url, {"result": "upheld", "rationale": ""})
    assert "Say what the review body recommends" in refused.content.decode()
    assert "Give the reasons for the result" in refused.content.decode()
    response = client.post(
        url,
        {
            "result": "upheld",
            "recommendation": "Apologise for the search.",
            "rationale": "No grounds were recorded.",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.result == "upheld" and review.recommendation == "Apologise for the search."
    # Decided: the page to decide it is gone; the review stays visible to its decider.
    assert client.get(url).status_code == 404
    assert client.get(reverse("complaints:review", args=[review.pk])).status_code == 200


def test_the_review_list_logs_its_search_and_is_one_query_per_page(
    caseworker, psd_head, client_for, django_assert_max_num_queries
):
    for days in range(3, 13):
        _apply(_letter_days_ago(caseworker, days), caseworker)
    client = client_for(psd_head)
    client.get(reverse("complaints:reviews"))  # warm the session and role caches
    before = AccessLogEntry.objects.count()
    with django_assert_max_num_queries(12):
        response = client.get(reverse("complaints:reviews"))
    assert response.content.decode().count('href="/complaints/reviews/') == 10
    assert AccessLogEntry.objects.count() == before + 1


def test_the_review_list_is_not_for_everyone(staff_member, client_for):
    assert client_for(staff_member).get(reverse("complaints:reviews")).status_code == 404


def test_the_review_page_is_no_way_round_break_glass(caseworker, client_for):
    """Another caseworker opens a review of a case not allocated to them only after giving a
    reason, as for the case (the grounds are the complainant's words); the review page then
    shows them the review, not the case file."""
    from standards.access.models import AccessAction, AccessLogEntry
    from tests.accounts.factories import UserFactory

    review = _apply(_letter_days_ago(caseworker, 3), caseworker)
    other = UserFactory(username="other.caseworker", roles=["PSD caseworker"])
    client = client_for(other)
    url = reverse("complaints:review", args=[review.pk])
    asked = client.get(url)
    assert "access/justify.html" in [t.name for t in asked.templates]
    assert "The search was not explained." not in asked.content.decode()
    assert client.post(url, {"justification": "Covering for the lead."})["Location"] == url
    assert AccessLogEntry.objects.filter(user=other, action=AccessAction.JUSTIFICATION).exists()
    text = client.get(url).content.decode()
    assert "The search was not explained." in text  # the review itself
    assert 'data-testid="case-not-allocated"' in text
    assert "searched his car without a reason" not in text  # the case summary
    assert "Body-worn video" not in text  # the outcome
    assert "Alex Morgan" not in text  # the letter's addressee
