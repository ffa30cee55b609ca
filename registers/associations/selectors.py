"""Reads of notifiable associations.

Two separate doors, never mixed:
- the CCU's (``association_*_for_user``): through the access policy, so everyone outside the CCU,
  and a CCU member looking at their own declaration, gets the same 404 as for a missing record;
- the declarant's (``association_*_for_declarant``): their own declarations only, filtered on the
  declarant, and loading only what the member may read: their own answers, the advice and
  conditions, the review date. The risk, the rationale and who assessed it are never selected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Min, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from registers.associations.filters import AssociationFilter
from registers.associations.models import (
    AssociationAssessment,
    AssociationStatus,
    NotifiableAssociation,
)
from registers.associations.rules import ASSESSING_ROLES
from registers.associations.services import (
    ANSWER_FIELDS,
    ASSESSMENT_DUE_DAYS,
    REASON_CHANGED,
    REASON_ENDED,
    REASON_ENDED_BY_CCU,
)
from standards.access import policy
from standards.core.extensions import PersonLink, ReviewQueue, TimelineEntry

# Reviews falling due within this many days are shown in the CCU's queue.
REVIEW_WINDOW_DAYS = 30


def may_assess(user) -> bool:
    return policy.holds(user, *ASSESSING_ROLES)


def _require_ccu(user) -> None:
    """The register's lists exist only inside the CCU: anyone else gets the 404 of a page that
    does not exist, not an empty list that would confirm there is a register to hide."""
    if not may_assess(user):
        raise Http404


# --- the CCU ---------------------------------------------------------------------------------


def _latest_assessment():
    return AssociationAssessment.objects.filter(association=OuterRef("pk")).order_by(
        "-decided_at", "-pk"
    )


def association_list_for_user(*, user) -> QuerySet[NotifiableAssociation]:
    """Every association the user may see (the CCU's, less their own), with its current risk."""
    return (
        policy.visible(user, NotifiableAssociation.objects.all())
        .select_related("declarant__org_unit")
        .annotate(current_risk=Subquery(_latest_assessment().values("outcome")[:1]))
    )


def association_get_for_user(*, user, pk: int) -> NotifiableAssociation:
    """The association, or 404: the same 404 whether it is missing or out of the user's sight."""
    association = (
        policy.visible(
            user,
            NotifiableAssociation.objects.select_related(
                "declarant__org_unit", "submitted_by__person"
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if association is None:
        raise Http404
    return association


def association_register_for_user(*, user, params) -> AssociationFilter:
    """The CCU's register, filtered by ``params``; a 404 outside the CCU."""
    _require_ccu(user)
    associations = association_list_for_user(user=user).order_by(
        "declarant__last_name", "declarant__first_name", "-submitted_at", "-pk"
    )
    return AssociationFilter(params or None, queryset=associations)


@dataclass(frozen=True)
class WorkQueue:
    """The CCU's work on the associations register, each part oldest first."""

    awaiting: list[NotifiableAssociation]
    changed: list[NotifiableAssociation]
    reviews: list[NotifiableAssociation]
    today: dt.date
    # A declaration or a change waiting this many days or more is overdue: the same rule as the
    # review-queues page, so its "n overdue" are the rows marked here.
    overdue_after_days: int

    @property
    def total(self) -> int:
        return len(self.awaiting) + len(self.changed) + len(self.reviews)


@dataclass(frozen=True)
class AssociationActions:
    """What the viewer may still do on an association's CCU page: an ended one offers nothing."""

    assess: bool
    end: bool

    @property
    def any(self) -> bool:
        return self.assess or self.end


def association_actions_for_user(*, user, association: NotifiableAssociation) -> AssociationActions:
    """The actions the page offers; the services refuse the same ones (an ended association)."""
    open_to_change = not association.is_ended and policy.can_change(user, association)
    return AssociationActions(assess=open_to_change, end=open_to_change)


def association_queue_for_user(*, user, today: dt.date | None = None) -> WorkQueue:
    """The CCU's work queue; a 404 outside the CCU."""
    _require_ccu(user)
    today = today or timezone.localdate()
    visible = association_list_for_user(user=user)
    reviews = list(
        visible.live()
        .filter(review_due__lte=today + dt.timedelta(days=REVIEW_WINDOW_DAYS))
        .order_by("review_due", "pk")
    )
    for association in reviews:
        # Days until the review (negative once overdue), for the queue's "due in" column.
        association.review_in_days = (association.review_due - today).days
        association.review_overdue_days = -association.review_in_days
    return WorkQueue(
        awaiting=list(visible.awaiting_assessment().order_by("submitted_at", "pk")),
        changed=list(visible.changed_since_assessment().order_by("declarant_changed_at", "pk")),
        reviews=reviews,
        today=today,
        overdue_after_days=ASSESSMENT_DUE_DAYS,
    )


def association_review_queues(*, user) -> list[ReviewQueue]:
    """The queues this user has in the associations register (for /registers/): none outside
    the CCU, so the page lists nothing, not even a zero, to anyone else."""
    if not may_assess(user):
        return []
    today = timezone.localdate()
    now = timezone.now()
    waited_too_long = now - dt.timedelta(days=ASSESSMENT_DUE_DAYS)
    awaiting = Q(status=AssociationStatus.AWAITING_ASSESSMENT)
    changed = Q(status=AssociationStatus.LIVE, declarant_changed_at__gt=F("reviewed_at"))
    reviews = Q(
        status=AssociationStatus.LIVE,
        review_due__lte=today + dt.timedelta(days=REVIEW_WINDOW_DAYS),
    )
    overdue_reviews = Q(status=AssociationStatus.LIVE, review_due__lt=today)
    # One query for all three queues.
    figures = policy.visible(user, NotifiableAssociation.objects.all()).aggregate(
        awaiting=Count("pk", filter=awaiting),
        awaiting_oldest=Min("submitted_at", filter=awaiting),
        awaiting_overdue=Count("pk", filter=awaiting & Q(submitted_at__lte=waited_too_long)),
        changed=Count("pk", filter=changed),
        changed_oldest=Min("declarant_changed_at", filter=changed),
        changed_overdue=Count("pk", filter=changed & Q(declarant_changed_at__lte=waited_too_long)),
        reviews=Count("pk", filter=reviews),
        reviews_oldest=Min("review_due", filter=overdue_reviews),
        reviews_overdue=Count("pk", filter=overdue_reviews),
    )
    url = reverse("associations:queue")
    oldest_review = figures["reviews_oldest"]
    return [
        ReviewQueue(
            key="associations-awaiting",
            title="Notifiable associations awaiting assessment",
            url=f"{url}#awaiting",
            count=figures["awaiting"],
            oldest=figures["awaiting_oldest"],
            overdue=figures["awaiting_overdue"],
            overdue_after_days=ASSESSMENT_DUE_DAYS,
        ),
        ReviewQueue(
            key="associations-changed",
            title="Notifiable associations changed since assessment",
            url=f"{url}#changed",
            count=figures["changed"],
            oldest=figures["changed_oldest"],
            overdue=figures["changed_overdue"],
            overdue_after_days=ASSESSMENT_DUE_DAYS,
        ),
        ReviewQueue(
            key="associations-reviews",
            title=f"Notifiable association reviews overdue or due within {REVIEW_WINDOW_DAYS} days",
            url=f"{url}#reviews",
            count=figures["reviews"],
            # For reviews, "oldest" is the day the most overdue one fell due.
            oldest=(
                timezone.make_aware(dt.datetime.combine(oldest_review, dt.time.min))
                if oldest_review
                else None
            ),
            overdue=figures["reviews_overdue"],
        ),
    ]


def association_assessments(*, association: NotifiableAssociation) -> list[AssociationAssessment]:
    """Every assessment of the association, oldest first (for the CCU only)."""
    return list(
        association.assessments.select_related("decided_by__person").order_by("decided_at", "pk")
    )


def _changes(before, after) -> str:
    """What the member changed between two versions, one line a field, in their own words."""
    lines = []
    for name in ANSWER_FIELDS:
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            field = NotifiableAssociation._meta.get_field(name)
            lines.append(
                f"{field.verbose_name.capitalize()}: {_shown(field, old)} → {_shown(field, new)}"
            )
    return "\n".join(lines)


def _shown(field, value) -> str:
    if value in (None, ""):
        return "(blank)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dt.date):
        return f"{value:%-d %B %Y}"
    return str(value)


def _versions(association: NotifiableAssociation):
    """Every version of the declaration, oldest first (one query)."""
    return list(
        association.history.select_related("history_user__person").order_by(
            "history_date", "history_id"
        )
    )


def _member_entries(association, versions, *, for_member: bool) -> list[TimelineEntry]:
    """The member's own steps: declared, each change (what changed) and the ending, whether the
    member told the CCU or the CCU recorded it. The CCU's other saves (an assessment) are told by
    the assessment rows instead."""
    entries = []
    previous = None
    for version in versions:
        reason = version.history_change_reason
        own = bool(version.history_user) and (
            version.history_user.person_id == association.declarant_id
        )
        # The member never learns which CCU colleague did anything on their record.
        who = ("you" if own else "") if for_member else _by(version)
        if version.history_type == "+":
            if own:
                title = "Declared"
            else:
                title = "Recorded for you" if for_member else "Recorded for the member"
            entries.append(TimelineEntry(title, version.history_date, who))
        elif reason == REASON_CHANGED:
            body = _changes(previous, version) if previous is not None else ""
            entries.append(TimelineEntry("Answers changed", version.history_date, who, body))
        elif reason in (REASON_ENDED, REASON_ENDED_BY_CCU):
            body = f"Ended on {version.ended_on:%-d %B %Y}.\n{version.end_reason}"
            if reason == REASON_ENDED_BY_CCU:
                body = f"Recorded by the Counter Corruption Unit.\n{body}"
            title = AssociationStatus.ENDED.label
            entries.append(TimelineEntry(title, version.history_date, who, body))
        previous = version
    return entries


def _by(version) -> str:
    return version.history_user.display_name if version.history_user else ""


def association_timeline(
    *, association: NotifiableAssociation, assessments: list[AssociationAssessment]
) -> list[TimelineEntry]:
    """The CCU's timeline, newest first: the member's declaration and changes, and every
    assessment with its risk, rationale, advice, conditions, who and when."""
    entries = _member_entries(association, _versions(association), for_member=False)
    previous_risk = None
    for assessment in assessments:
        risk = assessment.get_risk_display().lower()
        if previous_risk is None:
            title = f"Assessed: {risk} risk"
        elif previous_risk == assessment.risk:
            title = f"Reassessed: {risk} risk (unchanged)"
        else:
            title = f"Reassessed: risk changed to {risk}"
        body = [f"Rationale: {assessment.rationale}", f"Advice: {assessment.advice}"]
        if assessment.conditions:
            body.append(f"Conditions: {assessment.conditions}")
        body.append(f"Next review: {assessment.next_review_on:%-d %B %Y}")
        entries.append(
            TimelineEntry(
                title, assessment.decided_at, assessment.decided_by.display_name, "\n\n".join(body)
            )
        )
        previous_risk = assessment.risk
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


# --- the declarant ---------------------------------------------------------------------------


def association_list_for_declarant(*, user) -> QuerySet[NotifiableAssociation]:
    """The user's own declarations (the staff portal)."""
    if not user.is_authenticated or not user.person_id:
        return NotifiableAssociation.objects.none()
    return NotifiableAssociation.objects.for_declarant(user.person_id).order_by(
        "status", "-submitted_at", "-pk"
    )


def association_get_for_declarant(*, user, pk: int) -> NotifiableAssociation:
    """The user's own declaration, or 404 (someone else's is as missing as one never made)."""
    association = association_list_for_declarant(user=user).filter(pk=pk).first()
    if association is None:
        raise Http404
    return association


@dataclass(frozen=True)
class AdviceGiven:
    """What the member may read of one assessment: no risk, no rationale, no assessor."""

    given_at: dt.datetime
    advice: str
    conditions: str
    next_review_on: dt.date


def association_advice_for_declarant(*, association: NotifiableAssociation) -> list[AdviceGiven]:
    """The advice given on the member's own declaration, newest first."""
    rows = association.assessments.order_by("-decided_at", "-pk").values_list(
        "decided_at", "advice", "conditions", "next_review_on"
    )
    return [AdviceGiven(*row) for row in rows]


def association_timeline_for_declarant(
    *, association: NotifiableAssociation, advice: list[AdviceGiven]
) -> list[TimelineEntry]:
    """The member's timeline, newest first: what they did, and each time the CCU gave advice,
    attributed to the unit, never to the analyst."""
    entries = _member_entries(association, _versions(association), for_member=True)
    for given in advice:
        body = [given.advice]
        if given.conditions:
            body.append(f"Conditions: {given.conditions}")
        body.append(f"Next review by {given.next_review_on:%-d %B %Y}")
        entries.append(
            TimelineEntry(
                "Reviewed by the Counter Corruption Unit", given.given_at, "", "\n\n".join(body)
            )
        )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


# --- A person's page (standards.core.extensions) ----------------------------------------------


def association_links_for_person(*, viewer, person) -> list[PersonLink]:
    """The associations line on a person's page, for the CCU only: outside it there is no line
    at all, not even a zero, so a person's page says nothing of whether they declared any."""
    if not may_assess(viewer) or person.pk == viewer.person_id:
        return []
    count = association_list_for_user(user=viewer).filter(declarant=person).count()
    url = f"{reverse('associations:register')}?q={person.staff_number}"
    return [PersonLink("Notifiable associations", count=count, url=url)]
