"""The complaints area's answer to "is there an open criminal or misconduct case about this
person?" (``standards.core.extensions.register_open_cases_provider``), which the CCU asks before a
management intervention. It reads every case, not only those a viewer may see: the question is
about the person, and only the references go back (the CCU is told no more than that one is
open)."""

from __future__ import annotations

from complaints.models import Case, CaseKind


def open_cases_about(*, person) -> list[str]:
    """References of the open complaints and conduct matters in which ``person`` is a subject."""
    cases = (
        Case.objects.open()
        .filter(kind__in=(CaseKind.COMPLAINT, CaseKind.CONDUCT), subjects__person=person)
        .distinct()
        .order_by("pk")
        .only("pk", "kind")
    )
    return [case.reference for case in cases]
