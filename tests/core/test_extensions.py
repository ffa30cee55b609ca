"""The extension points in standards/core/extensions.py: every area registers its demo seeder,
and ``seed_demo`` runs whatever is registered, in order, each with a random stream of its own."""

from __future__ import annotations

import datetime as dt

from standards.core import extensions


def test_every_area_registers_its_demo_seeder_in_order():
    assert [seeder.title for seeder in extensions.demo_seeders()] == [
        "Gifts and hospitality",
        "Business interests",
        "Notifiable associations",
        "CCU operations",
        "Complaints and conduct",
        "CCU reports",
        "CCU nominals",
        "CCU triage",
        "CCU reporting line",
        "Annual declarations",
        "CCU watchlists and risk",
        "CCU checks",
        "CCU transfers",
        "Cross-checks",
        "HMICFRS recommendations",
        "National figures",
    ]


def test_seed_activity_runs_what_is_registered_each_with_its_own_stream(monkeypatch):
    drawn: dict[str, float] = {}

    def seeder(title, rows):
        def seed(*, today, rng):
            drawn[title] = rng.random()
            return rows

        return seed

    monkeypatch.setattr(extensions, "_SEEDERS", {})
    extensions.register_demo_seeder("Later", seeder("Later", 2), order=20)
    extensions.register_demo_seeder("First", seeder("First", 5), order=10)

    activity = extensions.seed_activity(today=dt.date(2026, 1, 5), seed=2017)
    assert list(activity.items()) == [("First", 5), ("Later", 2)]
    first_run = dict(drawn)
    assert first_run["First"] != first_run["Later"]
    extensions.seed_activity(today=dt.date(2026, 1, 5), seed=2017)
    assert drawn == first_run
