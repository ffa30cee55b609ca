"""User accounts (a login belongs to at most one person in the staff directory) and the requests
that change what a login may do."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from standards.access.roles import Approver, Role

APPROVER_CHOICES = [
    (Approver.CCU_HEAD.value, "The head of the Counter Corruption Unit"),
    (Approver.PSD_HEAD.value, "The head of Professional Standards"),
    (Approver.DCC.value, "The deputy chief constable"),
]


class User(AbstractUser):
    """A login. Roles are Django groups (see ``standards.access.roles``)."""

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="user",
        help_text="The staff-directory record of the person who holds this login.",
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.person_id:
            return self.person.display_name
        full = self.get_full_name()
        return full or self.username


class RoleRequestKind(models.TextChoices):
    GRANT = "grant", "Grant a role"
    REVOKE = "revoke", "Remove a role"
    PASSWORD_RESET = "password_reset", "Reset password"
    SECOND_FACTOR_RESET = "second_factor_reset", "Reset authenticator app"


class RoleRequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved and done"
    REFUSED = "refused", "Refused"
    DONE = "done", "Done (no approval needed)"


class RoleRequest(models.Model):
    """A change to someone's access: a role granted or removed, or their password or authenticator
    app reset. Every such change is one of these, whether it needed approval or not, so the
    history of who could see what, who asked for it and who agreed is in one place.

    ``approver`` names the head who approves the change (and who is told when a role of their
    unit is removed); empty for roles nobody needs to approve. ``ccu`` marks Counter Corruption
    Unit (CCU) material: a change to a CCU role, or a reset for someone who holds one. Nobody
    outside the CCU, bar the administrator who proposed it and the DCC when the change is theirs
    to approve, learns that it exists (``standards.accounts.rules``).
    """

    kind = models.CharField(max_length=24, choices=RoleRequestKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="role_requests"
    )
    role = models.CharField(
        max_length=40, blank=True, choices=[(role.value, role.value) for role in Role]
    )
    approver = models.CharField(max_length=16, blank=True, choices=APPROVER_CHOICES)
    needs_approval = models.BooleanField(default=False)
    ccu = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=RoleRequestStatus.choices)
    reason = models.TextField(help_text="Why the change was asked for.")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            # One open proposal per change: a second one would only confuse the approver.
            models.UniqueConstraint(
                fields=["user", "kind", "role"],
                condition=models.Q(status="pending"),
                name="rolerequest_one_pending_per_change",
            )
        ]
        indexes = [models.Index(fields=["approver", "status"])]

    def __str__(self) -> str:
        return f"{self.reference}: {self.summary}"

    @property
    def reference(self) -> str:
        return f"RC-{self.pk:05d}" if self.pk else "RC-new"

    @property
    def summary(self) -> str:
        match self.kind:
            case RoleRequestKind.GRANT:
                return f"Grant {self.role} to {self.user.display_name}"
            case RoleRequestKind.REVOKE:
                return f"Remove {self.role} from {self.user.display_name}"
            case RoleRequestKind.PASSWORD_RESET:
                return f"Reset the password of {self.user.display_name}"
            case _:
                return f"Reset the authenticator app of {self.user.display_name}"

    @property
    def is_pending(self) -> bool:
        return self.status == RoleRequestStatus.PENDING
