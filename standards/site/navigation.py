"""The primary navigation, by role. A link appears only to roles that may use the page behind it;
the page itself still checks access (a menu is never the only guard)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from standards.access.roles import Role, role_names


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[Role] | None  # None: every signed-in user
    active_prefix: str  # "=/path/" marks the item current on that exact path only


CCU = frozenset({Role.CCU_ANALYST, Role.CCU_HEAD})
PSD_AND_CCU = frozenset({Role.PSD_CASEWORKER, Role.PSD_DECISION_MAKER}) | CCU

NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem("Home", "core:home", None, "/"),
    NavItem("My declarations", "my:declarations", None, "/my/"),
    NavItem(
        "Review queues",
        "registers:queues",
        frozenset(
            {
                Role.LINE_MANAGER,
                Role.PSD_CASEWORKER,
                Role.PSD_DECISION_MAKER,
                Role.CCU_ANALYST,
                Role.CCU_HEAD,
                Role.INTEGRITY_BOARD,
            }
        ),
        "=/registers/",
    ),
    NavItem(
        "Staff directory",
        "people:list",
        frozenset(
            {
                Role.PSD_CASEWORKER,
                Role.PSD_DECISION_MAKER,
                Role.CCU_ANALYST,
                Role.CCU_HEAD,
            }
        ),
        "/people/",
    ),
    NavItem("Gifts", "gifts:register", PSD_AND_CCU, "/registers/gifts/"),
    NavItem("Business interests", "interests:list", PSD_AND_CCU, "/registers/interests/"),
    NavItem(
        "Complaints",
        "complaints:queue",
        PSD_AND_CCU | {Role.REVIEW_BODY},
        "/complaints/",
    ),
    # PSD's lists of people put up for intelligence checks (promotion boards, transferees).
    NavItem("Check lists", "checks:list_index", PSD_AND_CCU - CCU, "/checks/"),
    # The cross-checks' findings and runs: PSD's and the CCU's findings are separate pages (the
    # corridor), so each side's item leads to its own list. Nobody holds roles on both sides, so
    # one prefix marks either item current on every cross-checks page its side can reach
    # (its findings and the runs).
    NavItem("Cross-checks", "crosschecks:findings", PSD_AND_CCU - CCU, "/registers/crosschecks/"),
    NavItem("Counter corruption", "ccu:home", CCU, "/ccu/"),
    NavItem("Cross-checks", "crosschecks:ccu_findings", CCU, "/registers/crosschecks/"),
    NavItem("Associations", "associations:queue", CCU, "/registers/associations/"),
    # The local policing body's reviewers: the complaint reviews with them (complaints area).
    NavItem("Reviews", "complaints:reviews", frozenset({Role.REVIEW_BODY}), "/complaints/reviews/"),
    # The integrity board's figures, tracker and report: the board and the two unit heads.
    NavItem(
        "Integrity board",
        "board:summary",
        frozenset({Role.INTEGRITY_BOARD, Role.PSD_DECISION_MAKER, Role.CCU_HEAD}),
        "/board/",
    ),
    NavItem("Access log", "audit:access_log", frozenset({Role.AUDITOR}), "=/audit/"),
    NavItem("CCU audit", "audit:ccu_log", frozenset({Role.CCU_HEAD}), "/audit/ccu/"),
    NavItem("Administration", "admin:index", frozenset({Role.ADMINISTRATOR}), "/admin/"),
)


def nav_for(user, path: str) -> list[dict[str, object]]:
    held = role_names(user)
    items = []
    for item in NAV_ITEMS:
        if item.roles is not None and not (held & item.roles):
            continue
        if item.url_name == "my:declarations" and not user.person_id:
            continue
        url = reverse(item.url_name)
        prefix = item.active_prefix
        if prefix == "/" or prefix.startswith("="):
            active = path == prefix.lstrip("=")
        else:
            active = path.startswith(prefix)
        items.append({"label": item.label, "url": url, "active": active})
    return items
