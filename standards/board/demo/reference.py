"""Stub: the demo's national and most-similar-forces figures."""

import datetime as dt
import random


def seed_reference_figures(*, today: dt.date, rng: random.Random) -> int:
    return 0
