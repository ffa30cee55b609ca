"""``manage.py import_people FILE.csv``: bring the staff directory into line with an HR extract.

The file's format is documented in :mod:`standards.people.importing`. All or nothing: if any row
has a problem, every problem is listed with its line number and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from standards.people.importing import COLUMNS, REQUIRED_COLUMNS
from standards.people.services import people_import


class Command(BaseCommand):
    help = (
        "Import an HR extract (CSV, UTF-8, with a header row) into the staff directory, keyed on "
        "staff number. Columns: "
        + ", ".join(COLUMNS)
        + ". Required: "
        + ", ".join(REQUIRED_COLUMNS)
        + "; an optional column left out leaves that field as it is. Dates are YYYY-MM-DD or "
        "DD/MM/YYYY. A leave_date marks a leaver; nobody is ever deleted. If any row has a "
        "problem, every problem is listed with its line number and nothing is written. "
        "Importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path, help="the HR extract (CSV, UTF-8)")
        parser.add_argument(
            "--full-extract",
            action="store_true",
            help="the file lists the whole workforce: anyone in the directory who is not in it "
            "is marked as a leaver from today (if not already). Never use with a partial file.",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="the login recorded in the directory's history as having made the import",
        )

    def handle(self, *args, csv_file: Path, full_extract: bool, user: str | None, **options):
        acting_user = None
        if user:
            User = get_user_model()
            try:
                acting_user = User.objects.get(username=user)
            except User.DoesNotExist:
                raise CommandError(f'there is no user "{user}"') from None
        try:
            # utf-8-sig: Excel's "CSV UTF-8" starts with a byte-order mark.
            # newline="": the csv module handles line endings inside quoted cells itself.
            with csv_file.open(encoding="utf-8-sig", newline="") as source:
                report = people_import(
                    source=source,
                    filename=csv_file.name,
                    acting_user=acting_user,
                    full_extract=full_extract,
                )
        except OSError as exc:
            raise CommandError(f"cannot read {csv_file}: {exc.strerror}") from exc

        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            problems = "1 problem" if len(report.errors) == 1 else f"{len(report.errors)} problems"
            raise CommandError(f"{csv_file.name}: {problems}; nothing was imported")
        self.stdout.write(self.style.SUCCESS(report.summary()))
        if report.absent_from_full_extract:
            self.stdout.write(
                "Not in the full extract, marked as leavers: "
                + ", ".join(report.absent_from_full_extract)
            )
