"""The answers to the intelligence checks asked on a case's subjects, as PSD may see them."""

from __future__ import annotations

from complaints.models import Case
from standards.access import policy
from standards.exchange.selectors import check_outcomes_by_subject


def check_panels(*, user, case: Case) -> dict:
    """The people tab's checks: each identified subject's answers and dates, for PSD only (the
    answer is PSD's; the CCU keeps its own record), and whether the user may ask for one."""
    if not policy.in_psd(user):
        return {"subject_checks": None}
    outcomes = check_outcomes_by_subject(case)
    rows = [
        (subject, outcomes.get(subject.person_id, []))
        for subject in case.subjects.exclude(person=None).select_related("person")
    ]
    return {"subject_checks": rows}
