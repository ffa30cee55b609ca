"""Stub: the tracker's demo (the recommendations of seeds 002 and 003)."""

import datetime as dt
import random


def seed_tracker(*, today: dt.date, rng: random.Random) -> int:
    return 0
