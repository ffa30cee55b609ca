"""``manage.py create_administrator USERNAME``: the first administrator of a new installation.

Django's ``createsuperuser`` is no use here: the service ignores the superuser flag (access comes
from roles only), and the admin site admits the Administrator role alone.
"""

from __future__ import annotations

import getpass

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from standards.access.roles import Role
from standards.accounts.models import User


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
        user = User(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        with transaction.atomic():
            user.set_password(password)
            user._change_reason = "First administrator created from the command line"
            user.save()
            user.groups.add(Group.objects.get(name=Role.ADMINISTRATOR.value))
        self.stdout.write(
            self.style.SUCCESS(
                f"{username} can now sign in; they set up their authenticator app the first time."
            )
        )
