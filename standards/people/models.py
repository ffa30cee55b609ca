"""The staff directory: everyone the service is about, and the force's organisation units."""

from __future__ import annotations

import datetime as dt

from django.db import models
from simple_history.models import HistoricalRecords


class OrgUnit(models.Model):
    """A command, department or team. Units form a tree through ``parent``."""

    code = models.CharField(max_length=32, unique=True, help_text="The HR system's unit code.")
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    is_active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "organisation unit"

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[OrgUnit]:
        """From the top of the tree down to this unit's parent (one query per level)."""
        chain: list[OrgUnit] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class RoleType(models.TextChoices):
    OFFICER = "officer", "Police officer"
    STAFF = "staff", "Police staff"
    PCSO = "pcso", "Police community support officer (PCSO)"
    SPECIAL = "special", "Special constable"
    PARTNERSHIP = "partnership", "Partnership or contractor staff"
    VOLUNTEER = "volunteer", "Police support volunteer"


class VettingLevel(models.TextChoices):
    NONE = "", "Not vetted"
    RV = "RV", "Recruitment vetting (RV)"
    MV = "MV", "Management vetting (MV)"
    NPPV1 = "NPPV1", "Non-police personnel vetting level 1"
    NPPV2 = "NPPV2", "Non-police personnel vetting level 2"
    NPPV3 = "NPPV3", "Non-police personnel vetting level 3"
    SC = "SC", "Security check (SC)"
    DV = "DV", "Developed vetting (DV)"


# Which vetting level satisfies which (College of Policing, Vetting APP and the Vetting Code of
# Practice). Force vetting has two levels for police personnel, recruitment vetting (RV) and
# management vetting (MV), and three for non-police personnel: NPPV1 (limited, escorted
# access) is below RV, NPPV2 is the RV equivalent and NPPV3 the MV equivalent. National security
# vetting sits above: a post designated for security check (SC) or developed vetting (DV) must
# also hold MV, so a member recorded at SC or DV is taken to hold MV as well, and DV covers SC.
# A level satisfies a post's requirement when its rank is at least the required level's rank.
VETTING_RANKS: dict[str, int] = {
    VettingLevel.NONE: 0,
    VettingLevel.NPPV1: 1,
    VettingLevel.RV: 2,
    VettingLevel.NPPV2: 2,
    VettingLevel.MV: 3,
    VettingLevel.NPPV3: 3,
    VettingLevel.SC: 4,
    VettingLevel.DV: 5,
}


def vetting_satisfies(held: str, required: str) -> bool:
    """Whether vetting at level ``held`` is enough for a post that requires ``required``
    (blank required: the post asks for nothing)."""
    return VETTING_RANKS.get(held or "", 0) >= VETTING_RANKS.get(required or "", 0)


class Sex(models.TextChoices):
    NOT_HELD = "", "Not held"
    FEMALE = "F", "Female"
    MALE = "M", "Male"


class PersonQuerySet(models.QuerySet["Person"]):
    def serving(self, on: dt.date | None = None) -> PersonQuerySet:
        """People who have not left by ``on`` (default: today)."""
        on = on or dt.date.today()
        return self.filter(models.Q(leave_date__isnull=True) | models.Q(leave_date__gt=on))

    def leavers(self, on: dt.date | None = None) -> PersonQuerySet:
        on = on or dt.date.today()
        return self.filter(leave_date__lte=on)


class Person(models.Model):
    """A member of the workforce: officer, staff, PCSO, special, partnership staff or volunteer.

    Ethnicity and sex are held only for the integrity board's disproportionality figures and
    are never shown on case pages.
    """

    staff_number = models.CharField(max_length=20, unique=True)
    collar_number = models.CharField(max_length=20, blank=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    role_type = models.CharField(max_length=20, choices=RoleType.choices)
    rank_or_grade = models.CharField(max_length=100, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="members")
    line_manager = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="direct_reports"
    )
    email = models.EmailField(blank=True)
    vetting_level = models.CharField(
        max_length=10, choices=VettingLevel.choices, blank=True, default=VettingLevel.NONE
    )
    vetting_expires = models.DateField(null=True, blank=True)
    # The level the member's post requires, from the HR extract (HMICFRS 2019, recommendation
    # 1: forces should know the vetting level each post needs and that its holder has it).
    post_vetting_level = models.CharField(
        max_length=10,
        choices=VettingLevel.choices,
        blank=True,
        default=VettingLevel.NONE,
        help_text="The vetting level the member's post requires.",
    )
    start_date = models.DateField(null=True, blank=True)
    leave_date = models.DateField(null=True, blank=True)
    ethnicity = models.CharField(
        max_length=10, blank=True, help_text="The 2021 census code, where held. Board use only."
    )
    sex = models.CharField(max_length=1, choices=Sex.choices, blank=True, default=Sex.NOT_HELD)

    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "staff_number"]
        indexes = [
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["org_unit"]),
        ]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.display_name} ({self.staff_number})"

    @property
    def display_name(self) -> str:
        rank = f"{self.rank_or_grade} " if self.role_type == RoleType.OFFICER else ""
        return f"{rank}{self.first_name} {self.last_name}".strip()

    @property
    def has_left(self) -> bool:
        return self.leave_date is not None and self.leave_date <= dt.date.today()
