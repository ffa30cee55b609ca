"""Access rules for the board's own records: the HMICFRS tracker (inspections, recommendations,
their updates and actions) and the national and similar-force reference figures.

The integrity board, the head of PSD and the head of the CCU read and update them; to anyone else
they do not exist (404). None of them is about a person (an action's owner is who does the work,
not its subject), so there is no self-conflict path.

The board's figures are not records: who reads which section of the summary is
``standards.board.figures.BoardSection.audience``, decided in ``selectors/summary.py``.
"""

from __future__ import annotations

from django.db.models import Q

from standards.access import policy
from standards.access.models import Area
from standards.access.roles import Role
from standards.board.models import (
    Inspection,
    Recommendation,
    RecommendationUpdate,
    ReferenceFigure,
    TrackerAction,
)

READERS = frozenset({Role.INTEGRITY_BOARD, Role.PSD_DECISION_MAKER, Role.CCU_HEAD})


def is_board_reader(user) -> bool:
    """The integrity board, the head of PSD or the head of the CCU."""
    return any(policy.holds(user, role) for role in READERS)


def _readers(user) -> Q:
    return policy.EVERYTHING if is_board_reader(user) else policy.NOTHING


for _model in (Inspection, Recommendation, RecommendationUpdate, TrackerAction, ReferenceFigure):
    policy.register(
        policy.Rule(model=_model, area=Area.BOARD, visible=_readers, changeable=_readers)
    )
