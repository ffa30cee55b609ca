"""Lessons: published only from a closed case, never naming anyone or giving the reference, and
read force-wide by every member of staff."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from complaints.models import CaseStatus, Lesson
from complaints.services.proceedings import lesson_publish
from tests.complaints.factories import CaseFactory, ComplainantFactory, SubjectFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "title": "Explain a search before it starts",
    "what_happened": "An officer searched a young person without explaining why.",
    "learning": "Use GOWISELY every time, and record it on body-worn video.",
}


@pytest.fixture
def closed_case():
    case = CaseFactory(status=CaseStatus.CLOSED)
    SubjectFactory(case=case, person=PersonFactory(first_name="Morwenna", last_name="Trelawny"))
    ComplainantFactory(case=case, name="Dana Whitlock")
    return case


def test_a_lesson_is_refused_from_an_open_case(psd_head):
    case = CaseFactory()
    with pytest.raises(ValidationError) as error:
        lesson_publish(case=case, acting_user=psd_head, **GOOD)
    assert "closed case" in str(error.value)
    assert not Lesson.objects.exists()


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("what_happened", "PC Trelawny searched a young person."),
        ("what_happened", "morwenna trelawny searched a young person."),
        ("learning", "Dana Whitlock was right to complain."),
        ("title", "Whitlock's complaint"),
    ],
)
def test_a_lesson_naming_a_subject_or_complainant_is_refused(psd_head, closed_case, field, text):
    with pytest.raises(ValidationError) as error:
        lesson_publish(case=closed_case, acting_user=psd_head, **(GOOD | {field: text}))
    assert field in error.value.message_dict
    assert not Lesson.objects.exists()


def test_a_lesson_giving_the_reference_is_refused(psd_head, closed_case):
    with pytest.raises(ValidationError):
        lesson_publish(
            case=closed_case,
            acting_user=psd_head,
            **(GOOD | {"learning": f"See {closed_case.reference.lower()}."}),
        )


def test_a_sanitised_lesson_is_published_and_read_by_all_staff(
    psd_head, closed_case, client_for, staff_member, administrator, reviewer
):
    lesson = lesson_publish(case=closed_case, acting_user=psd_head, **GOOD)
    assert lesson.history.first().history_change_reason == "Lesson published"
    response = client_for(staff_member).get(reverse("complaints:lessons"))
    body = response.content.decode()
    assert response.status_code == 200
    assert GOOD["title"] in body
    assert closed_case.reference not in body
    # Not for accounts outside the force's staff.
    assert client_for(administrator).get(reverse("complaints:lessons")).status_code == 404
    assert client_for(reviewer).get(reverse("complaints:lessons")).status_code == 404


def test_the_lessons_page_query_count_does_not_grow(
    psd_head, client_for, staff_member, django_assert_max_num_queries
):
    for number in range(15):
        lesson_publish(
            case=CaseFactory(status=CaseStatus.CLOSED),
            acting_user=psd_head,
            **(GOOD | {"title": f"Lesson {number}"}),
        )
    client = client_for(staff_member)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("complaints:lessons"))
    assert response.content.decode().count('data-testid="lesson"') == 15
