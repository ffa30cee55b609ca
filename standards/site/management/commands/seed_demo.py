"""``manage.py seed_demo``: the synthetic Northmoor Police force and one demo login per role."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from standards.core.extensions import seed_activity
from standards.notifications.reminders import send_due_reminders
from standards.people.models import RoleType
from standards.site.demo import (
    FULL_SIZE,
    demo_logins_path,
    read_demo_logins,
    seed_force,
    seed_logins,
    write_demo_logins,
)


class Command(BaseCommand):
    help = (
        "Seed a synthetic force shaped like Cleveland Police in 2017 and one login per role. "
        "Safe to rerun: it keeps what is there, the password and the authenticator secrets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--people", type=int, default=FULL_SIZE, help=f"Force size (default {FULL_SIZE})."
        )
        parser.add_argument(
            "--password",
            help="The password for every demo login (default: the last run's, or a random one).",
        )
        parser.add_argument(
            "--seed", type=int, default=2017, help="Seed for the invented people (default 2017)."
        )

    def handle(self, *args, **options):
        path = demo_logins_path()
        try:
            existing = read_demo_logins(path)
            with transaction.atomic():
                summary = seed_force(people=options["people"], seed=options["seed"])
                logins = seed_logins(password=options["password"], existing=existing)
                activity = seed_activity(today=timezone.localdate(), seed=options["seed"])
        except ValidationError as exc:
            raise CommandError("The password is not acceptable: " + " ".join(exc.messages)) from exc
        except ValueError as exc:  # too small, a different force, no migrations, a bad file
            raise CommandError(str(exc)) from exc
        write_demo_logins(logins, path)
        # The demo has no worker: the reminders the beat would send this morning, sent now
        # (as ``manage.py send_reminders`` does; a rerun sends none twice).
        reminders = send_due_reminders(today=timezone.localdate())

        out = self.stdout
        out.write(
            self.style.MIGRATE_HEADING(
                f"Northmoor Police: {summary.people:,} people in {summary.units} units "
                f"({summary.people_created:,} people and {summary.units_created} units added now)"
            )
        )
        for role_type in RoleType:
            count = summary.people_by_role_type.get(role_type.value, 0)
            if count:
                out.write(f"  {role_type.label:<48} {count:>6,}")

        out.write("")
        out.write(self.style.MIGRATE_HEADING("A year of activity (rows added now)"))
        for title, count in activity.items():
            out.write(f"  {title:<48} {count:>6,}")

        out.write(f"  {'Reminders sent':<48} {reminders:>6,}")

        out.write("")
        out.write(self.style.MIGRATE_HEADING("Demo logins"))
        width = max(len(login.username) for login in logins)
        roles_width = max(len(", ".join(login.roles)) for login in logins)
        out.write(f"  {'Username':<{width}}  {'Roles':<{roles_width}}  Authenticator (TOTP) secret")
        for login in logins:
            roles = ", ".join(login.roles)
            out.write(f"  {login.username:<{width}}  {roles:<{roles_width}}  {login.totp_secret}")
        out.write("")
        out.write(f"Password for every demo login: {self.style.SUCCESS(logins[0].password)}")
        out.write(
            "Add the secret to an authenticator app, or read "
            f"{_shown(path)} (readable by you alone) for the logins, password and secrets."
        )


def _shown(path) -> str:
    try:
        return str(path.relative_to(settings.BASE_DIR))
    except ValueError:
        return str(path)
