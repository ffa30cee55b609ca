"""Every change to a business interest: one function per step of the application, decision and
appeal, each taking the acting user, validating, and writing history with the reason. One module
a stage:

- ``application``: the member applies, and may withdraw until it is decided;
- ``recommendation``: their line manager recommends;
- ``checks``: PSD asks the CCU for an intelligence check (the corridor crossing);
- ``decision``: the head of PSD decides, and reviews an approved interest;
- ``appeal``: the member appeals to a chief officer, who decides it;
- ``lifecycle``: the member ends an interest; a change of role or unit marks it for review.

Who may act is the stage's selector (``selectors.interest_get_for_<step>``), called once by the
opening every decision shares (``common.open_decision``): a user who may not take a step gets
the same 404 as for a missing record (it tells nobody the record exists); a step taken at the
wrong time (already decided, not yet checked) is a ``ValidationError`` with a message for the
person.

Notices go out in the same transaction (``notify`` sends its e-mail on commit). The member and
their line manager are never told an intelligence check was asked: to them the application is
"with PSD for decision" until the decision comes back (DESIGN.md, corridor rule 5).
"""

from registers.interests.models import (
    APPEAL_LODGED,
    ENDED,
    REVIEW_DUE_NOW,
    SUBMITTED,
    WITHDRAWN,
)
from registers.interests.services.appeal import interest_appeal, interest_decide_appeal
from registers.interests.services.application import interest_apply, interest_withdraw
from registers.interests.services.checks import (
    check_purpose,
    interest_check_answered,
    interest_request_check,
)
from registers.interests.services.common import one_year_on
from registers.interests.services.decision import interest_decide, interest_review
from registers.interests.services.lifecycle import interest_end, interest_mark_review_due_now
from registers.interests.services.recommendation import interest_recommend

__all__ = [
    "APPEAL_LODGED",
    "ENDED",
    "REVIEW_DUE_NOW",
    "SUBMITTED",
    "WITHDRAWN",
    "check_purpose",
    "interest_appeal",
    "interest_apply",
    "interest_check_answered",
    "interest_decide",
    "interest_decide_appeal",
    "interest_end",
    "interest_mark_review_due_now",
    "interest_recommend",
    "interest_request_check",
    "interest_review",
    "interest_withdraw",
    "one_year_on",
]
