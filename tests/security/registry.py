"""The corridor registry: every URL pattern of the project, who may reach it, and how to build a
URL for it. tests/security/test_corridor.py fails when a pattern is missing from here, and walks
every entry for every persona. A later step adds its URLs here, or the suite fails.

Outcomes: 200 (served), 302 (sent to sign-in, or onwards), 404 (invisible), 405 (wrong method).
A persona not named in ``allowed`` or ``overrides`` must get 404 when signed in and a redirect to
sign-in when anonymous.

POST: ``acts`` names the personas who may take the page's action (None: the page takes no POST,
and every signed-in persona gets 405). Everyone else's POST is refused - 404 when they cannot
see the page either, 403 where ``post_overrides`` says the record is visible but the action is
not theirs - and stores nothing.

Access log: a 200 on a page that shows a protected record (``kwargs`` names one) writes exactly
one access-log row about it; ``logs`` overrides the count for a page whose 200 writes another
number (a list's one search row, or none for a page that shows no protected record).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.security.world import ALL_SIGNED_IN, ANONYMOUS, World

CCU = frozenset({"ccu_analyst", "ccu_head", "subject"})
PSD = frozenset({"psd_caseworker", "psd_head"})
ADMIN = frozenset({"admin"})


def _NO_RECORD(world: World) -> dict:  # noqa: N802 - a sentinel: the page shows no one record
    return {}


@dataclass(frozen=True)
class Page:
    allowed: frozenset[str]
    kwargs: Callable[[World], dict] = field(default=_NO_RECORD)
    overrides: dict[str, int] = field(default_factory=dict)
    query: str = ""
    acts: frozenset[str] | None = None
    post_overrides: dict[str, int] = field(default_factory=dict)
    logs: int | None = None

    def expected(self, persona: str) -> int:
        if persona in self.overrides:
            return self.overrides[persona]
        if persona in self.allowed:
            return 200
        return 302 if persona == ANONYMOUS else 404

    def expected_post(self, persona: str) -> int | None:
        """The status a POST from ``persona`` must get; None for a persona who may act (their
        POST is the page working, tested with the page's own tests)."""
        if persona in self.post_overrides:
            return self.post_overrides[persona]
        if self.acts is not None and persona in self.acts:
            return None
        if persona == ANONYMOUS:
            return 302
        return 405 if self.acts is None else 404

    @property
    def shows_record(self) -> bool:
        return self.kwargs is not _NO_RECORD


def _pk(record: str) -> Callable[[World], dict]:
    return lambda world: {"pk": world.records[record].pk}


REGISTRY: dict[str, Page] = {
    # Sign-in pages: open to anonymous visitors; a signed-in user is sent on.
    "accounts:sign_in": Page(
        allowed=frozenset({ANONYMOUS}),
        overrides=dict.fromkeys(ALL_SIGNED_IN, 302),
        acts=frozenset({ANONYMOUS}),
        post_overrides=dict.fromkeys(ALL_SIGNED_IN, 302),
    ),
    "accounts:sign_in_code": Page(
        allowed=frozenset(),
        overrides=dict.fromkeys(ALL_SIGNED_IN | {ANONYMOUS}, 302),
        post_overrides=dict.fromkeys(ALL_SIGNED_IN | {ANONYMOUS}, 302),
    ),
    "accounts:set_up_authenticator": Page(
        allowed=frozenset(),
        overrides=dict.fromkeys(ALL_SIGNED_IN | {ANONYMOUS}, 302),
        post_overrides=dict.fromkeys(ALL_SIGNED_IN | {ANONYMOUS}, 302),
    ),
    # Sign-out asks first (GET), then signs out (POST).
    "accounts:sign_out": Page(allowed=ALL_SIGNED_IN, acts=ALL_SIGNED_IN),
    "core:healthz": Page(allowed=ALL_SIGNED_IN | {ANONYMOUS}, post_overrides={ANONYMOUS: 405}),
    "core:home": Page(allowed=ALL_SIGNED_IN),
    # The staff directory.
    "people:list": Page(allowed=PSD | CCU, logs=1),
    "people:detail": Page(allowed=PSD | CCU | {"manager"}, kwargs=_pk("report")),
    # CCU: invisible outside the CCU; the operation is granted to the analyst (and to its own
    # subject, who must still not see it); the head sees it after giving a reason.
    "ccu:home": Page(allowed=CCU, logs=1),
    "ccu:operation_open": Page(allowed=frozenset({"ccu_head"}), acts=frozenset({"ccu_head"})),
    "ccu:operation_detail": Page(
        allowed=frozenset({"ccu_analyst", "ccu_head"}),
        kwargs=_pk("operation"),
        acts=frozenset({"ccu_analyst", "ccu_head"}),
    ),
    "ccu:operation_access": Page(
        allowed=frozenset({"ccu_head"}), kwargs=_pk("operation"), acts=frozenset({"ccu_head"})
    ),
    "ccu:operation_close": Page(
        allowed=frozenset({"ccu_head"}), kwargs=_pk("operation"), acts=frozenset({"ccu_head"})
    ),
    # The access log: auditors only.
    "audit:access_log": Page(allowed=frozenset({"auditor"}), logs=1),
    "audit:access_log_export": Page(allowed=frozenset({"auditor"}), logs=1),
    # The CCU's own rows in full: the CCU head only, not even the auditor.
    "audit:ccu_log": Page(allowed=frozenset({"ccu_head"}), logs=1),
    "audit:ccu_log_export": Page(allowed=frozenset({"ccu_head"}), logs=1),
}

# Portal, queues and notifications: every signed-in person has a portal and notices; the queues
# page exists only for reviewing roles (the registers add the queues).
REGISTRY.update(
    {
        # Everyone with a record in the staff directory declares, administrators and auditors too.
        "my:declarations": Page(allowed=ALL_SIGNED_IN),
        # Only reviewing roles have queues (the DCC: the business-interest appeals).
        "registers:queues": Page(allowed=PSD | CCU | {"manager", "dcc"}),
        "notifications:list": Page(allowed=ALL_SIGNED_IN),
        # A notice's link: its recipient is sent on to the record (marked read); anyone else
        # gets the 404 of a missing notice. It takes no POST.
        "notifications:open": Page(
            allowed=frozenset(),
            kwargs=_pk("notification"),
            overrides={"staff": 302},
        ),
    }
)


def _load_register_pages() -> None:
    """Each area keeps its entries in tests/security/pages_<area>.py (``PAGES``), beside a
    ``build(world)`` that adds its records to the world."""
    import importlib
    import pkgutil

    import tests.security as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("pages_"):
            pages = importlib.import_module(f"tests.security.{module.name}").PAGES
            clash = set(pages) & set(REGISTRY)
            assert not clash, f"{module.name} registers {clash} twice"
            REGISTRY.update(pages)


_load_register_pages()

# Namespaces reached through one representative set of URLs (Django's admin has dozens of
# generated patterns; all share one gate, StandardsAdminSite.admin_view).
NAMESPACES: dict[str, dict[str, Page]] = {
    "admin": {
        "/admin/": Page(allowed=ADMIN, acts=ADMIN),
        "/admin/accounts/user/": Page(allowed=ADMIN, acts=ADMIN),
        "/admin/people/person/": Page(allowed=ADMIN, acts=ADMIN),
        "/admin/auth/group/": Page(allowed=ADMIN, acts=ADMIN),
    }
}
