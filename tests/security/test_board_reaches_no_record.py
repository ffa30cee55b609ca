"""The integrity board sees aggregates only (DESIGN.md, "Who uses it"): of every page in the
corridor registry that shows one record, the board's persona reaches only the board's own
records (the HMICFRS tracker, the national figures), the business-interest appeals put to it as a
chief officer, its own sign-in details and what anyone may read in public. Every other record
page is a 404 to it, as test_corridor proves page by page; this test fails when a new record page
lets the board in."""

from __future__ import annotations

from tests.security.registry import REGISTRY

BOARD = "dcc"

# Record pages the board reaches, and why.
REACHED = {
    # The appeals put to a chief officer, who decides them personally (Police Regulations 2003).
    "interests:detail": "the business interest whose appeal is put to the board",
    "interests:decide_appeal": "the chief officer's decision on that appeal",
    # Not case material: the board member's own login, and a notice published to everyone.
    "accounts:set_password": "the board member's own password",
    "public_complaints:hearing": "a misconduct hearing's public notice",
}


def test_the_board_reaches_no_record_page_but_its_own_and_the_appeals_put_to_it():
    reached = {
        name
        for name, page in REGISTRY.items()
        if page.shows_record and page.expected(BOARD) == 200 and not name.startswith("board:")
    }
    assert reached == set(REACHED)


def test_every_board_page_is_in_the_corridor_registry_and_only_board_readers_reach_it():
    readers = {"dcc", "psd_head", "ccu_head"}
    board_pages = {name: page for name, page in REGISTRY.items() if name.startswith("board:")}
    assert len(board_pages) >= 15
    for name, page in board_pages.items():
        reaching = {persona for persona in page.allowed if page.expected(persona) == 200}
        assert reaching <= readers, name
