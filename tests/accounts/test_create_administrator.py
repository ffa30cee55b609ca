from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from standards.access.roles import Role, has_role
from standards.accounts.models import User

pytestmark = pytest.mark.django_db


def test_creates_an_administrator(monkeypatch, capsys):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "a long and unusual passphrase 7")
    call_command("create_administrator", "first.admin", email="it@force.example")
    user = User.objects.get(username="first.admin")
    assert user.is_staff and not user.is_superuser
    assert has_role(user, Role.ADMINISTRATOR)
    assert user.check_password("a long and unusual passphrase 7")


def test_refuses_a_weak_password_and_saves_nothing(monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "password")
    with pytest.raises(CommandError):
        call_command("create_administrator", "first.admin")
    assert not User.objects.filter(username="first.admin").exists()
