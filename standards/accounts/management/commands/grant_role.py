"""``manage.py grant_role USERNAME ROLE --reason "..." --by ADMINISTRATOR``

Proposes a role (it waits for its approver, as from the role pages) or, for a role nobody needs
to approve, grants it at once. ``--first-dcc`` is the bootstrap for the deputy chief constable's
integrity-board role in a new installation (see ``role_grant_first_dcc``).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from standards.access.roles import Role
from standards.accounts import roles
from standards.accounts.management.commands._roles import (
    find_login,
    find_role,
    refusals_as_errors,
)


class Command(BaseCommand):
    help = "Propose (or, for a role that needs no approval, grant) a role."

    def add_arguments(self, parser):
        parser.add_argument("username", help="The login to receive the role")
        parser.add_argument("role", help='The role, e.g. "CCU analyst"')
        parser.add_argument("--reason", required=True, help="Why they need it (recorded)")
        parser.add_argument("--by", required=True, help="The administrator proposing it")
        parser.add_argument(
            "--first-dcc",
            action="store_true",
            help="Grant the integrity-board role to the deputy chief constable of a new "
            "installation, while nobody is the DCC",
        )

    def handle(self, *args, username, reason, by, first_dcc, **options):
        user = find_login(username, what="the person")
        acting_user = find_login(by, what="--by")
        wanted = find_role(options["role"])
        if first_dcc and wanted != Role.INTEGRITY_BOARD:
            raise CommandError("--first-dcc grants the Integrity board role only.")
        with refusals_as_errors():
            if first_dcc:
                role_request = roles.role_grant_first_dcc(
                    user=user, reason=reason, acting_user=acting_user
                )
            else:
                role_request = roles.role_grant_propose(
                    user=user, role=wanted, reason=reason, acting_user=acting_user
                )
        if role_request.is_pending:
            message = f"Proposed ({role_request.reference}). {roles.waiting_for(role_request)}."
        else:
            message = f"Granted ({role_request.reference}): {username} now holds {wanted}."
        self.stdout.write(self.style.SUCCESS(message))
