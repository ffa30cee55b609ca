"""``manage.py create_administrator USERNAME``: the first administrator of a new installation.

Django's ``createsuperuser`` is no use here: the service ignores the superuser flag (access comes
from roles only), and the admin site admits the Administrator role alone.

This is the one grant with nobody to propose or approve it, so it works only while there is no
active administrator; after that a further administrator is proposed (``manage.py grant_role``)
and the deputy chief constable approves (``standards.accounts.roles``). It is recorded like
every other grant.
"""

from __future__ import annotations

import getpass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from standards.accounts.models import User
from standards.accounts.roles import role_grant_first_administrator

REASON = "First administrator created from the command line"


class Command(BaseCommand):
    help = "Create a login with the Administrator role. It sets up its authenticator at sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username: str, email: str, **options):
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A login called {username!r} already exists.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        user = User(username=username, email=email)
        try:
            validate_password(password, user)
            with transaction.atomic():
                user.set_password(password)
                user._change_reason = REASON
                user.save()
                role_grant_first_administrator(user=user, reason=REASON)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{username} can now sign in; they set up their authenticator app the first time."
            )
        )
