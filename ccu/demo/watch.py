"""Demo data for the CCU's watchlists and risk tools (filled in below)."""

from __future__ import annotations

import datetime as dt
import random


def seed_watch(*, today: dt.date, rng: random.Random) -> int:
    return 0
