"""Fixtures for the gifts and hospitality tests: the staff member reports to the line manager."""

from __future__ import annotations

import pytest


@pytest.fixture
def team(staff_member, line_manager):
    """``staff_member`` reports to ``line_manager`` (as HR's data says)."""
    person = staff_member.person
    person.line_manager = line_manager.person
    person.save()
    return staff_member, line_manager
