"""A year of declarations, decisions and CCU work for the demo force, after its people and logins.

Each area seeds itself (its ``demo.py``) through its own services, idempotently; this module
only fixes the order and gives each a random stream of its own, so adding data to one area never
changes what another invents.
"""

from __future__ import annotations

import datetime as dt
import random

from ccu.demo import seed_operations
from registers.associations.demo import seed_associations
from registers.gifts.demo import seed_gifts
from registers.interests.demo import seed_interests

AREAS = (
    ("Gifts and hospitality", seed_gifts),
    ("Business interests", seed_interests),
    ("Notifiable associations", seed_associations),
    ("CCU operations", seed_operations),
)


def seed_activity(*, today: dt.date, seed: int) -> dict[str, int]:
    """Rows created per area (all zero on a rerun)."""
    return {
        title: seeder(today=today, rng=random.Random(f"{seed}:{index}"))
        for index, (title, seeder) in enumerate(AREAS)
    }
