"""The annual declaration: once a year every member of the workforce confirms they have read the
force's current gifts and hospitality, business interests and notifiable associations policies,
and that their own declarations are complete and up to date.

Inspectors found no way to check that staff had understood the policies; the declaration is that
check, made per member per declaration year, and it records exactly which version of each policy
the member confirmed.

**The declaration year** is the force's financial year (1 April to 31 March), the year its
integrity reporting and the HMICFRS returns use; it is named by the year it starts ("2026/27" is
2026). Each year's declaration falls due on a day in that year that the force sets
(``ANNUAL_DECLARATION_DUE_MONTH`` / ``ANNUAL_DECLARATION_DUE_DAY``, default 30 June: three months
to make it). ``year_of`` and ``due_on`` are the only places that know this.

**Policy versions are data** (``PolicyVersion``): one current version of each kind at a time. A
declaration counts for its year if it confirmed every version current when it was made (the
service refuses one that does not, so a version published while the member had the page open is
shown to them before they can confirm). A version published later in the year does not undo
declarations already made: PSD briefs the change, and the next year's declaration confirms it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from standards.people.models import Person

YEAR_STARTS = (4, 1)  # the financial year: 1 April


def year_of(day: dt.date) -> int:
    """The declaration year ``day`` falls in (named by the year it starts)."""
    return day.year if (day.month, day.day) >= YEAR_STARTS else day.year - 1


def due_on(year: int) -> dt.date:
    """The day the ``year``'s declaration falls due: the setting's day and month, in that year."""
    month = settings.ANNUAL_DECLARATION_DUE_MONTH
    day = settings.ANNUAL_DECLARATION_DUE_DAY
    # A due date in January to March belongs to the second calendar year of the financial year.
    calendar_year = year if (month, day) >= YEAR_STARTS else year + 1
    return dt.date(calendar_year, month, day)


def year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def latest_due_year(today: dt.date) -> int:
    """The latest year whose declaration has fallen due by ``today`` (last year's, until this
    year's due date has passed)."""
    year = year_of(today)
    return year if due_on(year) < today else year - 1


def is_running(year: int) -> bool:
    """Whether the force asks for ``year``'s declaration (``ANNUAL_DECLARATION_FIRST_YEAR``):
    only then is anyone reminded of it or found without it."""
    first = settings.ANNUAL_DECLARATION_FIRST_YEAR
    return first is not None and year >= first


class PolicyKind(models.TextChoices):
    GIFTS = "gifts", "Gifts and hospitality"
    INTERESTS = "interests", "Business interests"
    ASSOCIATIONS = "associations", "Notifiable associations"


# The order the registers appear in everywhere else (gifts, interests, associations).
KIND_ORDER = models.Case(
    *(models.When(kind=kind, then=index) for index, kind in enumerate(PolicyKind.values)),
    output_field=models.IntegerField(),
)


class PolicyVersionQuerySet(models.QuerySet["PolicyVersion"]):
    def current(self) -> PolicyVersionQuerySet:
        return self.filter(is_current=True).order_by(KIND_ORDER, "pk")

    def in_order(self) -> PolicyVersionQuerySet:
        """Gifts, business interests, then associations (the order staff meet them in), each
        newest first."""
        return self.order_by(KIND_ORDER, "-published_on", "-pk")


class PolicyVersion(models.Model):
    """One published version of one of the force's integrity policies."""

    kind = models.CharField(max_length=20, choices=PolicyKind.choices)
    version = models.CharField(max_length=20, help_text='As the policy names itself: "3.1".')
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="In a few plain sentences, what the policy asks of staff.")
    url = models.URLField(max_length=300, help_text="Where staff read the whole policy.")
    published_on = models.DateField()
    is_current = models.BooleanField(default=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-published_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="annual_policy_version_once"),
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(is_current=True),
                name="annual_one_current_policy_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"


class AnnualDeclarationQuerySet(models.QuerySet["AnnualDeclaration"]):
    def for_year(self, year: int) -> AnnualDeclarationQuerySet:
        return self.filter(year=year)


class AnnualDeclaration(models.Model):
    """One member's declaration for one year: the policy versions they confirmed having read
    and understood, that their declarations are complete and up to date, and, where they have
    nothing in a register, a nil return for it.

    There is no nil return for notifiable associations: the declaration is PSD's to read, and a
    missing "none" would tell PSD that the member may have one, which only the Counter
    Corruption Unit may know.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="yearly_declarations")
    year = models.PositiveSmallIntegerField(help_text="The financial year it is for, by its start.")
    policies = models.ManyToManyField(PolicyVersion, related_name="declarations")
    declarations_complete = models.BooleanField(
        help_text="My declarations are complete and up to date."
    )
    nil_gifts = models.BooleanField(
        default=False, help_text="Nothing to declare in gifts and hospitality this year."
    )
    nil_interests = models.BooleanField(
        default=False, help_text="No business interests to declare."
    )
    made_at = models.DateTimeField(default=timezone.now)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(m2m_fields=[policies])
    objects = AnnualDeclarationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-made_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"], name="annual_declaration_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"AD-{year_label(self.year)}-{self.person_id}"

    @property
    def year_label(self) -> str:
        return year_label(self.year)


class DeclaringMember(Person):
    """A member as the annual declaration's reminders name them: the record their notices hang
    off before the declaration exists (``notifications_done`` closes them when it is made). A
    proxy, so nothing is stored; its reference keeps the member's name out of the notice's
    opening words."""

    class Meta:
        proxy = True
        verbose_name = "member due to declare"

    @property
    def reference(self) -> str:
        return "Annual declaration"
