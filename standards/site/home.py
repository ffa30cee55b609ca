"""What each role sees on its home page: one panel per role the user holds.

Each panel is a template fragment plus the context it needs, assembled from selectors so the
home page reads nothing the user may not see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from standards.access.roles import CCU_ROLES, PSD_ROLES, Role, role_names
from standards.accounts import selectors as account_selectors
from standards.board.selectors.summary import build_summary, summary_query_string
from standards.core.extensions import review_queues_for
from standards.core.periods import Period, Quarter
from standards.people import selectors as people_selectors


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def _board_headlines(user) -> dict[str, Any]:
    """The board's headline figures for the current quarter: each section's first figure."""
    quarter = Quarter.holding(timezone.localdate())
    summary = build_summary(
        user=user, period=Period.quarter(quarter.financial_year, quarter.number)
    )
    rows = [section.figures[0] for section in summary.sections if section.figures][:6]
    return {
        "summary": summary,
        "rows": rows,
        # Today's workforce, as the home page and the directory count it (the quarter's rates
        # use the workforce on its last day, on the board's own pages).
        "workforce": f"{people_selectors.workforce_counts().total:,}",
        "query": summary_query_string(summary.period),
    }


def home_panels(user) -> list[Panel]:
    held = role_names(user)
    panels: list[Panel] = [
        Panel(
            "me",
            "Your details",
            "core/panels/me.html",
            {"person": people_selectors.person_for_user(user=user)},
        )
    ]
    queues = review_queues_for(user)
    if queues:
        panels.append(
            Panel("queues", "Waiting for you", "core/panels/queues.html", {"queues": queues})
        )
    if Role.LINE_MANAGER in held and user.person_id:
        panels.append(
            Panel(
                "team",
                "Your team",
                "core/panels/team.html",
                {"reports": people_selectors.direct_reports_for_user(user=user)},
            )
        )
    if held & (PSD_ROLES | CCU_ROLES):
        title = "Counter Corruption Unit" if held & CCU_ROLES else "Professional Standards"
        panels.append(
            Panel(
                "directory",
                title,
                "core/panels/directory.html",
                {"counts": people_selectors.workforce_counts()},
            )
        )
    if Role.INTEGRITY_BOARD in held:
        panels.append(
            Panel(
                "board",
                "Integrity board",
                "core/panels/board.html",
                _board_headlines(user),
            )
        )
    if Role.ADMINISTRATOR in held:
        panels.append(
            Panel(
                "admin",
                "Administration",
                "core/panels/admin.html",
                {"summary": account_selectors.account_summary()},
            )
        )
    if Role.AUDITOR in held:
        panels.append(
            Panel(
                "audit",
                "Audit",
                "core/panels/audit.html",
                {"activity": account_selectors.sign_in_activity(days=7)},
            )
        )
    return panels
