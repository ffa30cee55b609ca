"""Fixtures shared by the whole suite: named personas, one per role, and signed-in clients."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client

from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.helpers import sign_in


@pytest.fixture(scope="session", autouse=True)
def _collected_static(tmp_path_factory):
    """Tests run with production settings, whose static storage needs collectstatic's manifest;
    running it here also proves every asset the templates and stylesheets name exists. Each test
    session collects into its own folder, so parallel runs never see each other's half-copy."""
    django_settings.STATIC_ROOT = tmp_path_factory.mktemp("static")
    call_command("collectstatic", "--noinput", verbosity=0)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 at production strength costs ~0.3 s a user; tests create hundreds of users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _board_figures_counted_afresh(settings):
    """The board keeps its figures for a few minutes in the shared cache; a test counts them
    from its own records (tests/board/test_summary.py tests the keeping)."""
    settings.BOARD_FIGURES_CACHE_SECONDS = 0


@pytest.fixture
def staff_member(db):
    return UserFactory(username="staff.member", roles=[Role.STAFF])


@pytest.fixture
def line_manager(db):
    return UserFactory(username="line.manager", roles=[Role.STAFF, Role.LINE_MANAGER])


@pytest.fixture
def caseworker(db):
    return UserFactory(username="psd.caseworker", roles=[Role.STAFF, Role.PSD_CASEWORKER])


@pytest.fixture
def psd_head(db):
    return UserFactory(username="psd.head", roles=[Role.STAFF, Role.PSD_DECISION_MAKER])


@pytest.fixture
def ccu_analyst(db):
    return UserFactory(username="ccu.analyst", roles=[Role.STAFF, Role.CCU_ANALYST])


@pytest.fixture
def ccu_head(db):
    return UserFactory(username="ccu.head", roles=[Role.STAFF, Role.CCU_HEAD])


@pytest.fixture
def board_member(db):
    return UserFactory(username="board.member", roles=[Role.STAFF, Role.INTEGRITY_BOARD])


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", roles=[Role.ADMINISTRATOR], is_staff=True)


@pytest.fixture
def auditor(db):
    return UserFactory(username="auditor", roles=[Role.AUDITOR])


@pytest.fixture
def reviewer(db):
    """A reviewer at the local policing body (the review body role)."""
    return UserFactory(username="review.body", roles=[Role.REVIEW_BODY])


@pytest.fixture
def subject_officer(db):
    return UserFactory(username="subject.officer", roles=[Role.STAFF])


@pytest.fixture
def client_for():
    """``client_for(user)``: a test client signed in as ``user`` with both factors."""

    def make(user) -> Client:
        return sign_in(Client(), user)

    return make
