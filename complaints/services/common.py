"""What every stage's services share: clean free text, a locked case for its team, a save that
writes who and why into the history, and dates that cannot be in the future."""

from __future__ import annotations

from django.http import Http404

from complaints.models import Case
from standards.access import policy
from standards.core.records import clean_text, not_in_future, save_with_history

__all__ = ["clean_text", "locked_case", "not_in_future", "save_with_history"]


def locked_case(case: Case, acting_user) -> Case:
    """The case's row, locked for this transaction. The one guard against misuse: only the case
    team changes a case (the pages reach it through ``case_get_for_work`` already); anyone else
    gets the 404 of a missing case."""
    if not policy.can_change(acting_user, case):
        raise Http404("No such case")
    return Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
