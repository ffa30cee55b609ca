"""What complaints contributes to a transfer disclosure pack (``standards.core.extensions``): the
cases the person is a subject of, with their allegation categories and outcome. Never a
complainant's details, and no case's narrative."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q

from complaints.models import Allegation, Case, Proceedings
from standards.core.extensions import DisclosureSection


def _outcomes(person) -> dict[int, str]:
    """Each case's proceedings for the person, in words: "Misconduct proven: Written warning"."""
    outcomes: dict[int, list[str]] = defaultdict(list)
    for proceedings in Proceedings.objects.filter(subject__person=person).order_by("held_on"):
        words = [proceedings.get_form_display()]
        if proceedings.finding:
            words.append(proceedings.get_finding_display())
        if proceedings.outcome:
            words.append(proceedings.get_outcome_display())
        outcomes[proceedings.case_id].append(": ".join(words))
    return {case_id: "; ".join(items) for case_id, items in outcomes.items()}


def _allegations(person, case_ids) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Per case, the categories of the allegations against the person (or against nobody named)
    and their results."""
    categories: dict[int, list[str]] = defaultdict(list)
    results: dict[int, list[str]] = defaultdict(list)
    allegations = (
        Allegation.objects.filter(case_id__in=case_ids)
        .filter(Q(subjects__person=person) | Q(subjects__isnull=True))
        .select_related("category")
        .distinct()
        .order_by("pk")
    )
    for allegation in allegations:
        if allegation.category.name not in categories[allegation.case_id]:
            categories[allegation.case_id].append(allegation.category.name)
        if allegation.result:
            results[allegation.case_id].append(allegation.get_result_display())
    return categories, results


def complaint_history(*, person) -> list[DisclosureSection]:
    cases = list(Case.objects.filter(subjects__person=person).distinct().order_by("received_on"))
    categories, results = _allegations(person, [case.pk for case in cases])
    outcomes = _outcomes(person)
    rows = tuple(
        (
            case.reference,
            case.get_kind_display(),
            f"{case.received_on.day} {case.received_on:%B %Y}",
            ", ".join(categories[case.pk]) or "Not recorded",
            case.get_status_display(),
            outcomes.get(case.pk) or ", ".join(results[case.pk]) or "Not decided",
        )
        for case in cases
    )
    return [
        DisclosureSection(
            title="Complaints and conduct history",
            headings=("Reference", "Kind", "Received", "Allegations", "Status", "Outcome"),
            rows=rows,
            empty="No complaint, conduct or DSI matter about them is recorded.",
        )
    ]
