"""Fixtures for role administration: the DCC, a second administrator, and e-mail sent as it would
be once the transaction commits."""

from __future__ import annotations

import pytest

from standards.access.roles import Role
from standards.accounts.rules import DCC_RANK
from tests.accounts.factories import UserFactory


@pytest.fixture
def dcc(db):
    """The deputy chief constable: on the integrity board, with the DCC's rank in the directory."""
    return UserFactory(
        username="the.dcc",
        roles=[Role.STAFF, Role.INTEGRITY_BOARD],
        person__rank_or_grade=DCC_RANK,
        person__email="dcc@force.example",
    )


@pytest.fixture
def other_administrator(db):
    return UserFactory(username="other.administrator", roles=[Role.ADMINISTRATOR], is_staff=True)


@pytest.fixture
def sent_on_commit(django_capture_on_commit_callbacks, settings):
    """Run the block's on-commit callbacks, with Celery tasks run in the process (as the demo
    does), so the e-mail a change sends is in ``mail.outbox`` afterwards."""
    from contextlib import contextmanager

    from standards.celery import app

    @contextmanager
    def capture():
        settings.CELERY_TASK_ALWAYS_EAGER = True
        app.conf.task_always_eager = True
        try:
            with django_capture_on_commit_callbacks(execute=True):
                yield
        finally:
            app.conf.task_always_eager = False

    return capture
