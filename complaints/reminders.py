"""The statutory clocks of complaint, conduct and DSI cases as reminders (one mechanism:
``standards.notifications.reminders``; registered from ComplaintsConfig.ready).

Three sources, each reading the clocks the way ``complaints.clocks`` defines them:

- "case-clock": the working-day clocks (log the complaint, contact the complainant, the
  officer's reflective practice account, the College of Policing notification): the case team
  is reminded once the clock is "due soon" (within ``clocks.DUE_SOON_WORKING_DAYS`` working
  days) and the PSD decision makers are told once it is overdue;
- "case-restriction": the 4-weekly review of a suspension or restricted duties, the same way;
- "case-report": the timeliness report (reg 13; conduct reg 19) at 12 months and every 6 months
  after, 30 and 7 days before each; a report not recorded as sent stays due on its period (the
  date does not roll on), so once overdue the PSD decision makers and the lead are told.

Who hears: the case team (the lead and every caseworker granted the case, the need-to-know
grants ``case_allocate`` writes), or the PSD decision makers while the case is unallocated;
overdue clocks go to the PSD decision makers (the head of PSD) and the lead. Nobody is told
about a case they are a subject or complainant of.

A notice names the case's reference and the clock, nothing else: never a subject, a
complainant, the allegation or where a matter came from (a conduct matter may have come from
the CCU, and the corridor says nothing of that leaves the notice). A reminder closes on the
next run once its clock stops or the case closes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse

from complaints import clocks
from complaints.models import (
    BarredListNotification,
    Case,
    CaseKind,
    CaseUserObjectPermission,
    Complainant,
    ReflectivePractice,
    Restriction,
    Subject,
    TimelinessReport,
)
from standards.access.roles import Role
from standards.accounts.models import User
from standards.notifications.reminders import OVERDUE, Due, Message, ReminderSource

DUE_SOON = "due-soon"
# Calendar days that always cover ``DUE_SOON_WORKING_DAYS`` working days, Christmas included.
CLOCK_LOOKAHEAD_DAYS = 21

CLOCK_NAMES = {
    "log": "log the complaint",
    "contact": "contact the complainant",
    "rprp": "reflective practice account",
    "barred-list": "College of Policing notification",
    "suspended": "review of the suspension",
    "restricted": "review of the restricted duties",
    "report": "timeliness report to the local policing body and the IOPC",
}


def clock_stage(due_on: dt.date, today: dt.date) -> str | None:
    """The stage of a clock as the case page shows it: "due-soon", "overdue" or nothing."""
    state = clocks.Clock("", due_on).state(today)
    if state == clocks.ClockState.OVERDUE:
        return OVERDUE
    if state == clocks.ClockState.DUE_SOON:
        return DUE_SOON
    return None


# --- who hears ---------------------------------------------------------------------------------


class _Audience:
    """The case teams and the PSD decision makers for a set of cases, read in three queries."""

    def __init__(self, case_ids: Iterable[int]):
        ids = set(case_ids)
        self.heads = list(
            User.objects.filter(groups__name=Role.PSD_DECISION_MAKER.value, is_active=True)
        )
        self.team: dict[int, list[User]] = {}
        grants = CaseUserObjectPermission.objects.filter(
            content_object_id__in=ids, permission__codename="view_case", user__is_active=True
        ).select_related("user")
        for grant in grants:
            self.team.setdefault(grant.content_object_id, []).append(grant.user)
        self.about: dict[int, set[int]] = {}
        for model in (Subject, Complainant):
            rows = model.objects.filter(case_id__in=ids, person__isnull=False)
            for case_id, person_id in rows.values_list("case_id", "person_id"):
                self.about.setdefault(case_id, set()).add(person_id)

    def _not_about(self, case: Case, users: Iterable[User]) -> list[User]:
        about = self.about.get(case.pk, set())
        return [user for user in users if user.person_id is None or user.person_id not in about]

    def remind(self, case: Case) -> list[User]:
        team = list(self.team.get(case.pk, []))
        if case.lead is not None and case.lead.pk not in {u.pk for u in team}:
            team.append(case.lead)
        return self._not_about(case, team or self.heads)

    def escalate(self, case: Case) -> list[User]:
        return self._not_about(case, [*self.heads, *([case.lead] if case.lead else [])])


def _due(case: Case, due_on: dt.date, step: str, audience: _Audience) -> Due:
    return Due(
        record=case,
        due_on=due_on,
        step=step,
        remind=audience.remind(case),
        escalate=audience.escalate(case),
    )


# --- the working-day clocks --------------------------------------------------------------------


def _clock_due(*, today: dt.date, until: dt.date) -> list[Due]:  # noqa: ARG001 - by stage
    rprp = ReflectivePractice.objects.filter(
        subject__case=OuterRef("pk"), account_received_on__isnull=True
    )
    listing = BarredListNotification.objects.filter(
        subject__case=OuterRef("pk"), notified_on__isnull=True
    )
    cases = list(
        Case.objects.open()
        .filter(
            Q(logged_on__isnull=True, kind__in=[CaseKind.COMPLAINT, CaseKind.DSI])
            | Q(first_contact_on__isnull=True, kind=CaseKind.COMPLAINT)
            | Exists(rprp)
            | Exists(listing)
        )
        .select_related("lead")
        .order_by("pk")
    )
    reflections: dict[int, list[ReflectivePractice]] = {}
    for reflection in ReflectivePractice.objects.filter(
        subject__case__in=cases, account_received_on__isnull=True
    ).select_related("subject"):
        reflections.setdefault(reflection.subject.case_id, []).append(reflection)
    listings: dict[int, list[BarredListNotification]] = {}
    for item in BarredListNotification.objects.filter(
        subject__case__in=cases, notified_on__isnull=True
    ).select_related("subject"):
        listings.setdefault(item.subject.case_id, []).append(item)
    audience = _Audience(case.pk for case in cases)
    due: list[Due] = []
    for case in cases:
        if case.kind != CaseKind.CONDUCT and case.logged_on is None:
            on = clocks.add_working_days(case.received_on, clocks.LOG_WITHIN_WORKING_DAYS)
            due.append(_due(case, on, "log", audience))
        if case.kind == CaseKind.COMPLAINT and case.first_contact_on is None:
            on = clocks.add_working_days(case.received_on, clocks.CONTACT_WITHIN_WORKING_DAYS)
            due.append(_due(case, on, "contact", audience))
        for reflection in reflections.get(case.pk, []):
            on = clocks.add_working_days(reflection.referred_on, clocks.RPRP_ACCOUNT_WORKING_DAYS)
            due.append(_due(case, on, f"rprp-{reflection.pk}", audience))
        for item in listings.get(case.pk, []):
            on = clocks.add_working_days(item.trigger_on, clocks.BARRED_LIST_WORKING_DAYS)
            due.append(_due(case, on, f"barred-list-{item.pk}", audience))
    return [row for row in due if row.due_on <= until]


# --- suspension and restricted duties ----------------------------------------------------------


def _restriction_due(*, today: dt.date, until: dt.date) -> list[Due]:  # noqa: ARG001
    restrictions = list(
        Restriction.objects.filter(ended_on__isnull=True, subject__case__in=Case.objects.open())
        .select_related("subject__case__lead")
        .prefetch_related("reviews")
        .order_by("pk")
    )
    audience = _Audience(r.subject.case_id for r in restrictions)
    due = [
        _due(
            restriction.subject.case,
            clocks.restriction_review_due(restriction),
            f"{restriction.kind}-{restriction.pk}",
            audience,
        )
        for restriction in restrictions
    ]
    return [row for row in due if row.due_on <= until]


# --- the 12-month reports ----------------------------------------------------------------------


def _report_due(*, today: dt.date, until: dt.date) -> list[Due]:  # noqa: ARG001
    """Each investigation's report still owed: the earliest relevant period with no report
    recorded, as the case's clock reads it, so a report not sent goes overdue and escalates."""
    cases = list(
        Case.objects.open()
        .filter(investigation_started_on__isnull=False, outcome_on__isnull=True)
        .exclude(iopc_mode__in=clocks.IOPC_REPORTS_MODES)
        .select_related("lead")
        .prefetch_related(
            Prefetch(
                "timeliness_reports",
                queryset=TimelinessReport.objects.only("case_id", "period_ended_on"),
            )
        )
        .order_by("pk")
    )
    reports = [(case, clocks.report_period_due(case).report_due_on) for case in cases]
    reports = [(case, on) for case, on in reports if on <= until]
    audience = _Audience(case.pk for case, _ in reports)
    return [_due(case, on, "report", audience) for case, on in reports]


# --- the notices -------------------------------------------------------------------------------


def _clock_name(due: Due) -> str:
    return CLOCK_NAMES[due.step.rsplit("-", 1)[0] if due.step[-1].isdigit() else due.step]


def _reminder(due: Due) -> Message:
    name = _clock_name(due)
    return Message(
        subject=f"{name} due on {due.due_on:%-d %B %Y}",
        body=f"The clock for the {name} on {due.record.reference} falls due on "
        f"{due.due_on:%-d %B %Y}. Open the case to record it: this reminder closes when the "
        "clock stops.",
        url=reverse("complaints:case", kwargs={"pk": due.record.pk}),
    )


def _escalation(due: Due) -> Message:
    name = _clock_name(due)
    return Message(
        subject=f"{name} overdue",
        body=f"The clock for the {name} on {due.record.reference} fell due on "
        f"{due.due_on:%-d %B %Y} and has not stopped. Open the case to see who is working it.",
        url=reverse("complaints:case", kwargs={"pk": due.record.pk}),
    )


CASE_CLOCKS = ReminderSource(
    name="case-clock",
    step="clock",
    due=_clock_due,
    reminder=_reminder,
    escalation=_escalation,
    stage=clock_stage,
    lookahead=CLOCK_LOOKAHEAD_DAYS,
)
RESTRICTION_REVIEWS = ReminderSource(
    name="case-restriction",
    step="restriction",
    due=_restriction_due,
    reminder=_reminder,
    escalation=_escalation,
    stage=clock_stage,
    lookahead=CLOCK_LOOKAHEAD_DAYS,
)
REPORTS = ReminderSource(
    name="case-report",
    step="report",
    due=_report_due,
    reminder=_reminder,
    escalation=_escalation,
)
SOURCES = (CASE_CLOCKS, RESTRICTION_REVIEWS, REPORTS)
