"""What the role commands share: finding logins and roles by name, and turning a service's
refusal into a clear command-line error."""

from __future__ import annotations

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.http import Http404

from standards.access.roles import Role
from standards.accounts.models import User


def find_login(username: str, *, what: str) -> User:
    user = User.objects.select_related("person").filter(username=username).first()
    if user is None:
        raise CommandError(f"There is no login called {username!r} ({what}).")
    return user


def find_role(name: str) -> Role:
    for candidate in Role:
        if candidate.value.casefold() == name.strip().casefold():
            return candidate
    known = ", ".join(f'"{r.value}"' for r in Role)
    raise CommandError(f"There is no role called {name!r}. The roles are {known}.")


@contextmanager
def refusals_as_errors():
    try:
        yield
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from error
    except (PermissionDenied, Http404) as error:
        raise CommandError(str(error) or "Not allowed.") from error
