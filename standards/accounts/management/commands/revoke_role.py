"""``manage.py revoke_role USERNAME ROLE --reason "..." --by ADMINISTRATOR``

Removes a role at once (removing access needs no approval); recorded, and the person and the head
who answers for the role are told.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from standards.accounts import roles
from standards.accounts.management.commands._roles import (
    find_login,
    find_role,
    refusals_as_errors,
)


class Command(BaseCommand):
    help = "Remove a role from a login at once (recorded and notified)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="The login to lose the role")
        parser.add_argument("role", help='The role, e.g. "CCU analyst"')
        parser.add_argument("--reason", required=True, help="Why it is removed (recorded)")
        parser.add_argument("--by", required=True, help="The administrator removing it")

    def handle(self, *args, username, reason, by, **options):
        user = find_login(username, what="the person")
        acting_user = find_login(by, what="--by")
        unwanted = find_role(options["role"])
        with refusals_as_errors():
            role_request = roles.role_revoke(
                user=user, role=unwanted, reason=reason, acting_user=acting_user
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Removed ({role_request.reference}): {username} no longer holds {unwanted}."
            )
        )
