"""Every read of the gifts and hospitality register, through the access policy (rules.py).

Three doors: reviewers (PSD, the CCU read-only, line managers) read through ``policy.visible``,
which also hides a reviewer's own declarations from them; a member reads their own declarations
through the ``..._for_declarant`` selectors, which look only at ``declarant_id``; and anyone,
signed in or not, reads what the public register publishes (``gift_list_published``,
``public_entries``), which is decided here and nowhere else. Missing and forbidden records, and
pages a user may not open, give the same 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, F, Min, Prefetch, Q, QuerySet, Value, When
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import timezone

from registers.gifts.filters import GiftFilter
from registers.gifts.models import (
    CHIEF_OFFICER_RANKS,
    LINE_MANAGER_OVERDUE_DAYS,
    PSD_OVERDUE_DAYS,
    DonorType,
    Gift,
    GiftDecision,
    GiftStatus,
    GiftThreshold,
    Outcome,
    Response,
    Stage,
    chief_officer_filter,
    overdue_with_line_manager,
    overdue_with_psd,
)
from registers.gifts.rules import (
    may_browse_register,
    may_decide,
    may_export_register,
    may_recommend,
    may_record_for_others,
    reports_of,
)
from registers.gifts.services import DECISION_REASON_PREFIX
from standards.access import policy
from standards.access.roles import Role
from standards.core.extensions import PersonLink, RecordLine, ReviewQueue, TimelineEntry
from standards.people.models import Person

PORTAL_ROWS = 10
PERSON_PAGE_ROWS = 5


def _gifts() -> QuerySet[Gift]:
    return Gift.objects.select_related("declarant__org_unit").with_outcome()


# --- Reviewers ---------------------------------------------------------------------------------


def gift_list_for_user(*, user) -> QuerySet[Gift]:
    """The whole register as this user may read it, newest first, each row with its decision
    and whether it is overdue. 404 for anyone but PSD and the CCU: a line manager has their
    team page instead."""
    if not may_browse_register(user):
        raise Http404
    return (
        policy.visible(user, _gifts()).with_overdue(timezone.now()).order_by("-submitted_at", "-pk")
    )


def gift_register_for_user(*, user, params: QueryDict) -> GiftFilter:
    """The register narrowed by the filters in ``params`` (the register page's query string)."""
    return GiftFilter(params or None, queryset=gift_list_for_user(user=user))


def gift_export_for_user(*, user, params: QueryDict) -> GiftFilter:
    """The filtered register as PSD may disclose it in an export; 404 for anyone else."""
    if not may_export_register(user):
        raise Http404
    return gift_register_for_user(user=user, params=params)


@dataclass(frozen=True)
class RegisterActions:
    """What the register page offers this user beside the list."""

    export: bool
    record: bool


def gift_register_actions_for_user(*, user) -> RegisterActions:
    return RegisterActions(export=may_export_register(user), record=may_record_for_others(user))


def is_reviewing_line_manager(user) -> bool:
    """A line manager by role, or anyone HR's data shows people reporting to today."""
    if not user.is_authenticated or not user.person_id:
        return False
    if policy.holds(user, Role.LINE_MANAGER):
        return True
    return Person.objects.serving().filter(line_manager_id=user.person_id).exists()


def gift_get_for_user(*, user, pk: int) -> Gift:
    gifts = _gifts().select_related("declarant__line_manager")
    gift = policy.visible(user, gifts).filter(pk=pk).first()
    if gift is None:
        raise Http404
    return gift


def gift_team_list_for_user(*, user) -> QuerySet[Gift]:
    """The declarations of the user's own reports: those waiting for them first, longest
    waiting (the overdue ones) at the top; then the rest, newest first."""
    if not is_reviewing_line_manager(user):
        raise Http404
    waiting = Q(status=GiftStatus.AWAITING_LINE_MANAGER)
    waiting_first = Case(When(waiting, then=Value(0)), default=Value(1))
    waiting_since = Case(When(waiting, then=F("submitted_at")))
    return (
        policy.visible(user, _gifts().filter(reports_of(user)))
        # Overdue here means late with this line manager, as their queue counts it.
        .with_overdue(timezone.now(), with_psd=False)
        .order_by(waiting_first, waiting_since.asc(nulls_last=True), "-submitted_at", "-pk")
    )


def gift_overdue_count(*, gifts: QuerySet[Gift]) -> int:
    """How many rows of a list (``gift_register_for_user(...).qs`` or
    ``gift_team_list_for_user``) are marked overdue."""
    return gifts.filter(is_overdue=True).count()


def gift_get_for_recommendation(*, user, pk: int) -> Gift:
    """A report's declaration their line manager may give their view on, or 404."""
    gift = gift_get_for_user(user=user, pk=pk)
    if not may_recommend(user, gift):
        raise Http404
    return gift


def gift_get_for_decision(*, user, pk: int) -> Gift:
    gift = gift_get_for_user(user=user, pk=pk)
    if not may_decide(user, gift):
        raise Http404
    return gift


def gift_actions_for_user(*, user, gift: Gift) -> dict[str, bool]:
    """Which buttons a reviewer gets on a declaration's page (the services check again)."""
    return {
        "recommend": gift.status == GiftStatus.AWAITING_LINE_MANAGER and may_recommend(user, gift),
        "decide": gift.status != GiftStatus.WITHDRAWN and may_decide(user, gift),
    }


def gift_decisions(*, gift: Gift) -> list[GiftDecision]:
    """Every decision on one declaration (already checked visible), oldest first."""
    return list(
        GiftDecision.objects.filter(gift=gift)
        .select_related("decided_by__person")
        .order_by("decided_at", "pk")
    )


def gift_timeline(*, gift: Gift) -> list[TimelineEntry]:
    """The declaration's story, newest first: each change to it (declared, changed, sent on,
    withdrawn) with who and why, and every decision, superseded ones included."""
    entries: list[TimelineEntry] = []
    for row in gift.history.select_related("history_user__person").order_by("history_id"):
        reason = row.history_change_reason or ""
        if reason.startswith(DECISION_REASON_PREFIX):
            continue  # the decision's own entry below says it, with its rationale
        entries.append(
            TimelineEntry(
                title=reason or "Changed",
                at=row.history_date,
                by=row.history_user.display_name if row.history_user else "",
            )
        )
    for decision in gift_decisions(gift=gift):
        body = decision.rationale
        if decision.conditions:
            body += f"\n\nConditions: {decision.conditions}"
        entries.append(
            TimelineEntry(
                title=f"{decision.get_stage_display()}: {decision.get_outcome_display()}",
                at=decision.decided_at,
                by=decision.decided_by.display_name,
                body=body,
            )
        )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def gift_review_queues(*, user) -> list[ReviewQueue]:
    """The queues this user has in the gifts register (the review-queues page, home page).

    One query whatever the user's roles: both queues are counted in a single aggregate, each
    through its own condition. A line manager by role always gets their queue; anyone else
    whose reports' declarations wait for them (HR's data knows a sergeant before the roles do)
    gets it too.
    """
    if not user.is_authenticated:
        return []
    now = timezone.now()
    mine = reports_of(user) & Q(status=GiftStatus.AWAITING_LINE_MANAGER)
    psd = Q(status=GiftStatus.AWAITING_PSD) if policy.in_psd(user) else policy.NOTHING
    # The same rule marks these rows overdue on the lists the queues link to.
    lm_late = mine & overdue_with_line_manager(now)
    psd_late = psd & overdue_with_psd(now)
    stats = (
        policy.visible(user, Gift.objects.all())
        .filter(mine | psd)
        .aggregate(
            lm_count=Count("pk", filter=mine),
            lm_oldest=Min("submitted_at", filter=mine),
            lm_overdue=Count("pk", filter=lm_late),
            psd_count=Count("pk", filter=psd),
            psd_oldest=Min("submitted_at", filter=psd),
            psd_overdue=Count("pk", filter=psd_late),
        )
    )
    queues: list[ReviewQueue] = []
    if stats["lm_count"] or (user.person_id and policy.holds(user, Role.LINE_MANAGER)):
        queues.append(
            ReviewQueue(
                key="gifts-line-manager",
                title="Gifts and hospitality waiting for you as line manager",
                url=reverse("gifts:team"),
                count=stats["lm_count"],
                oldest=stats["lm_oldest"],
                overdue=stats["lm_overdue"],
                overdue_after_days=LINE_MANAGER_OVERDUE_DAYS,
            )
        )
    if policy.in_psd(user):
        queues.append(
            ReviewQueue(
                key="gifts-psd",
                title="Gifts and hospitality waiting for a PSD decision",
                url=f"{reverse('gifts:register')}?status={GiftStatus.AWAITING_PSD}",
                count=stats["psd_count"],
                oldest=stats["psd_oldest"],
                overdue=stats["psd_overdue"],
                overdue_after_days=PSD_OVERDUE_DAYS,
            )
        )
    return queues


def gift_export_rows(*, gifts: QuerySet[Gift]) -> QuerySet[Gift]:
    """The rows of an export (``gifts``: ``gift_export_for_user(...).qs``), with what each row
    prints, in one query for the rows and one for their decisions."""
    deciding = GiftDecision.objects.filter(
        stage__in=(Stage.LINE_MANAGER_DECISION, Stage.PSD_DECISION)
    ).select_related("decided_by__person")
    return gifts.select_related("declarant__org_unit").prefetch_related(
        Prefetch("decisions", queryset=deciding.order_by("decided_at", "pk"), to_attr="deciding")
    )


# --- The member's own declarations -------------------------------------------------------------


def gift_list_for_declarant(*, user) -> QuerySet[Gift]:
    if not user.is_authenticated or not user.person_id:
        return Gift.objects.none()
    return (
        Gift.objects.for_declarant(user.person_id).with_outcome().order_by("-submitted_at", "-pk")
    )


def gift_get_for_declarant(*, user, pk: int) -> Gift:
    gift = gift_list_for_declarant(user=user).filter(pk=pk).first()
    if gift is None:
        raise Http404
    return gift


def gift_portal_rows(*, user) -> list[Gift]:
    """The member's latest declarations, for their section of the staff portal (/my/)."""
    return list(gift_list_for_declarant(user=user)[:PORTAL_ROWS])


def is_chief_officer(*, user) -> bool:
    if not user.person_id:
        return False
    return Person.objects.filter(chief_officer_filter(), pk=user.person_id).exists()


def person_list_for_recording(*, user) -> QuerySet[Person]:
    """The people PSD may record a paper declaration for; 404 for anyone else."""
    if not may_record_for_others(user):
        raise Http404
    return policy.visible(user, Person.objects.select_related("org_unit", "line_manager"))


def person_get_for_recording(*, user, staff_number: str) -> Person | None:
    """Someone PSD records a declaration for, found by staff number (None: nobody has it)."""
    people = person_list_for_recording(user=user)
    return people.filter(staff_number__iexact=staff_number.strip()).first()


# --- Policy and the public register -----------------------------------------------------------


def active_thresholds() -> list[GiftThreshold]:
    """The force policy as it stands, for the guidance beside the declaration form."""
    return list(
        GiftThreshold.objects.filter(is_active=True).order_by(
            "donor_type", "applies_to", "min_value"
        )
    )


# What the public sees of each chief officer's settled entry: who was offered it (name and rank,
# or a director's post, from the staff directory), when, what, a value band, the donor and the
# outcome. Nothing else leaves: not the exact value, the business reason, the reasons for a
# decision, the staff number, the unit or anything else about the officer.

# (upper bound, exclusive; None for no bound), label. The public sees a band, never the value.
VALUE_BANDS: tuple[tuple[Decimal | None, str], ...] = (
    (Decimal("25"), "Under £25"),
    (Decimal("100"), "£25 to £100"),
    (Decimal("250.01"), "£100 to £250"),
    (None, "Over £250"),
)

# Donors who are private individuals are not named to the public (UK GDPR: their name is
# personal data, and publishing it serves no purpose the register needs).
PRIVATE_DONOR = "A member of the public"


def value_band(value: Decimal) -> str:
    for upper, label in VALUE_BANDS:
        if upper is None or value < upper:
            return label
    raise AssertionError("the last band has no upper bound")  # pragma: no cover


@dataclass(frozen=True)
class PublicEntry:
    offered_on: dt.date
    chief_officer: str
    role: str
    description: str
    value_band: str
    donor: str
    decision: str

    COLUMNS = ("Date", "Chief officer", "Role", "Description", "Value", "Donor", "Decision")

    def as_row(self) -> tuple[str, ...]:
        return (
            self.offered_on.isoformat(),
            self.chief_officer,
            self.role,
            self.description,
            self.value_band,
            self.donor,
            self.decision,
        )


def _public_role(person: Person) -> str:
    """A chief officer's rank; for a police staff director, their post (Director of Finance)."""
    if person.rank_or_grade in CHIEF_OFFICER_RANKS:
        return person.rank_or_grade
    return person.job_title or person.rank_or_grade


def gift_list_published() -> QuerySet[Gift]:
    """Chief officers' settled entries, newest first: read by anyone, signed in or not."""
    return (
        Gift.objects.published()
        .select_related("declarant")
        .with_outcome()
        .order_by("-offered_on", "-pk")
    )


def public_entries(gifts) -> list[PublicEntry]:
    """What the public sees of each entry (``gifts`` from ``gift_list_published``). An entry
    that was only recorded (declined, or within the threshold) shows the officer's own answer,
    in the same words as a decision."""
    entries = []
    for gift in gifts:
        person = gift.declarant
        outcome = getattr(gift, "outcome", None)
        decision = Outcome(outcome).label if outcome else Response(gift.response).label
        donor = PRIVATE_DONOR if gift.donor_type == DonorType.INDIVIDUAL else gift.donor_name
        entries.append(
            PublicEntry(
                offered_on=gift.offered_on,
                chief_officer=f"{person.first_name} {person.last_name}",
                role=_public_role(person),
                description=gift.description,
                value_band=value_band(gift.estimated_value),
                donor=donor,
                decision=decision,
            )
        )
    return entries


# --- A person's page (standards.core.extensions) ----------------------------------------------


def gift_links_for_person(*, viewer, person: Person) -> list[PersonLink]:
    """The gifts line on a person's page: for PSD and the CCU, the register filtered to them;
    for their line manager, their declarations themselves (a few, newest first, from the team
    list). Counted through the list the viewer has, so the number is what they may open."""
    if person.pk == viewer.person_id:
        return []  # their own declarations are under /my/, not seen as a reviewer
    if may_browse_register(viewer):
        count = gift_list_for_user(user=viewer).filter(declarant=person).count()
        url = f"{reverse('gifts:register')}?person={person.staff_number}"
        return [PersonLink("Gifts and hospitality", count=count, url=url)]
    if not is_reviewing_line_manager(viewer):
        return []
    theirs = gift_team_list_for_user(user=viewer).filter(declarant=person)
    latest = list(theirs[:PERSON_PAGE_ROWS])
    if not latest:
        return []
    return [
        PersonLink(
            "Gifts and hospitality",
            count=theirs.count() if len(latest) == PERSON_PAGE_ROWS else len(latest),
            records=tuple(
                RecordLine(
                    f"{gift.reference}: {gift.get_status_display()}",
                    reverse("gifts:detail", kwargs={"pk": gift.pk}),
                )
                for gift in latest
            ),
        )
    ]
