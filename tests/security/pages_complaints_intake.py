"""Corridor entries for complaints intake: the public complaint form (/public/complaints/), open to
anyone signed in or not, and PSD's intake pages (/complaints/intake/), PSD only.

The record: one new complaint in the intake queue. It is the complainant's own words and
details, not yet a case, so nobody outside PSD (not even the CCU) may see it.
"""

from __future__ import annotations

from tests.complaints.factories import IntakeFactory
from tests.security.registry import PSD, Page, _pk
from tests.security.world import ALL_SIGNED_IN, ANONYMOUS, World

EVERYONE = ALL_SIGNED_IN | {ANONYMOUS}

PAGES: dict[str, Page] = {
    # The public form: no sign-in. The question pages and check-your-answers take a POST from
    # anyone (they keep answers in the session; the send is rate-limited per address); the start
    # and confirmation pages are GET only, for everyone.
    "public_complaints:start": Page(allowed=EVERYONE, post_overrides={ANONYMOUS: 405}),
    "public_complaints:about_you": Page(allowed=EVERYONE, acts=EVERYONE),
    "public_complaints:what_happened": Page(allowed=EVERYONE, acts=EVERYONE),
    "public_complaints:check": Page(allowed=EVERYONE, acts=EVERYONE),
    "public_complaints:sent": Page(allowed=EVERYONE, post_overrides={ANONYMOUS: 405}),
    # PSD's intake: the queue logs its search; recording and deciding are PSD's.
    "complaints:intake_queue": Page(allowed=PSD, logs=1),
    "complaints:intake_record": Page(allowed=PSD, acts=PSD),
    "complaints:intake_detail": Page(allowed=PSD, kwargs=_pk("intake_new"), acts=PSD),
}


def build(world: World) -> None:
    world.records["intake_new"] = IntakeFactory(
        name="Matrix Complainant", email="matrix.complainant@example.org"
    )
