"""The statutory clocks of a case, in the units the law and the IOPC use.

Working days (England and Wales bank holidays excluded, ``standards.core.working_days``) for the
IOPC's measures and the 5-working-day limits; calendar days where the regulations say "days",
"weeks" or "months" (the 28-day review window, the 4-weekly suspension review, the 12-month
report). Each clock says when it falls due and whether it is done; ``refresh`` stores the earliest
running one on the case so the queue can sort and filter on it in SQL.

Durations are reported with and without sub judice pauses, because the IOPC publishes both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone

from complaints.models import (
    BarredListNotification,
    Case,
    CaseStatus,
    IopcMode,
    LetterKind,
    Pause,
    ReflectivePractice,
    Restriction,
)
from standards.core.dates import shift_years
from standards.core.working_days import add_working_days, is_working_day, working_days_between

# The force's service standards for a new complaint (the IOPC measures both; the law sets no
# number): logged within 2 working days of receipt, the complainant contacted within 10.
LOG_WITHIN_WORKING_DAYS = 2
CONTACT_WITHIN_WORKING_DAYS = 10
# Reg 29: 28 days starting with the day after the day the complainant is told the outcome.
REVIEW_WINDOW_DAYS = 28
# RPRP: the officer's account within 5 working days; the barred-list notice within 5.
RPRP_ACCOUNT_WORKING_DAYS = 5
BARRED_LIST_WORKING_DAYS = 5
# Suspension or restricted duties: reviewed at least every 4 weeks.
RESTRICTION_REVIEW_DAYS = 28
# Reg 13 / conduct reg 19: report at 12 months, then every 6 months, counted from the day the
# complaint was made or the conduct or DSI matter came to the appropriate authority's attention
# (``Case.received_on``), not from the day the investigation began.
FIRST_REPORT_MONTHS = 12
LATER_REPORT_MONTHS = 6
REPORT_CLOCK = "Report to the local policing body and the IOPC ({months} months)"
# Investigations the Director General reports on instead of the force (reg 13(2)).
IOPC_REPORTS_MODES = (IopcMode.DIRECTED, IopcMode.INDEPENDENT)
RESTRICTION_NOUNS = {"suspended": "suspension", "restricted": "restricted duties"}
# A clock within this many working days of its due date is "due soon".
DUE_SOON_WORKING_DAYS = 5


class ClockState(StrEnum):
    DONE = "done"
    RUNNING = "running"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


STATE_LABELS = {
    ClockState.DONE: ("Done", "green"),
    ClockState.RUNNING: ("Running", "blue"),
    ClockState.DUE_SOON: ("Due soon", "orange"),
    ClockState.OVERDUE: ("Overdue", "red"),
}


@dataclass(frozen=True)
class Clock:
    name: str
    due_on: dt.date
    done_on: dt.date | None = None
    unit: str = "working days"
    # Which clock it is, for a page that links a clock to the step that stops it ("report").
    kind: str = ""

    def state(self, today: dt.date) -> ClockState:
        if self.done_on is not None:
            return ClockState.DONE
        if today > self.due_on:
            return ClockState.OVERDUE
        if working_days_between(today, self.due_on) <= DUE_SOON_WORKING_DAYS:
            return ClockState.DUE_SOON
        return ClockState.RUNNING

    def label(self, today: dt.date) -> str:
        return STATE_LABELS[self.state(today)][0]

    def colour(self, today: dt.date) -> str:
        return STATE_LABELS[self.state(today)][1]

    @property
    def met(self) -> bool | None:
        """Whether a finished clock finished in time (None while it runs)."""
        if self.done_on is None:
            return None
        return self.done_on <= self.due_on


def shift_months(day: dt.date, months: int) -> dt.date:
    years, month_index = divmod(day.month - 1 + months, 12)
    moved = shift_years(day, years)
    month = month_index + 1
    for day_of_month in (day.day, 30, 29, 28):
        try:
            return moved.replace(month=month, day=day_of_month)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def review_last_day(told_on: dt.date) -> dt.date:
    """The last day to apply for a review of an outcome the complainant was told on ``told_on``."""
    return told_on + dt.timedelta(days=REVIEW_WINDOW_DAYS)


def review_is_late(*, told_on: dt.date, applied_on: dt.date) -> bool:
    return applied_on > review_last_day(told_on)


@dataclass(frozen=True)
class RelevantPeriod:
    """A relevant period of reg 13(3) (conduct reg 19(2)): the first is the 12 months starting
    with the day the complaint was made or the matter came to attention, each later one the 6
    months starting the day after the one before ended. The report on it is due the day after
    it ends ("as soon as practicable after the end of that period")."""

    number: int
    starts_on: dt.date
    ends_on: dt.date

    @property
    def report_due_on(self) -> dt.date:
        return self.ends_on + dt.timedelta(days=1)

    def following(self) -> RelevantPeriod:
        """The next relevant period: the 6 months starting the day after this one ends."""
        starts_on = self.ends_on + dt.timedelta(days=1)
        ends_on = shift_months(starts_on, LATER_REPORT_MONTHS) - dt.timedelta(days=1)
        return RelevantPeriod(self.number + 1, starts_on, ends_on)

    @property
    def months(self) -> int:
        """How many months from the start of the first period to this one's end: 12, 18, 24..."""
        return FIRST_REPORT_MONTHS + (self.number - 1) * LATER_REPORT_MONTHS


def relevant_periods(started_on: dt.date) -> Iterator[RelevantPeriod]:
    """Every relevant period, in order, without end. Each later period starts the day after the
    previous one ended (the law chains them), so a month end is counted from where the last
    period actually ended."""
    ends_on = shift_months(started_on, FIRST_REPORT_MONTHS) - dt.timedelta(days=1)
    period = RelevantPeriod(1, started_on, ends_on)
    while True:
        yield period
        period = period.following()


def report_period_start(case: Case) -> dt.date:
    """The day the first relevant period of reg 13 (Complaints and Misconduct Regulations 2020)
    and reg 19 (Conduct Regulations 2020) starts: the day the complaint was made, or the day the
    conduct or DSI matter came to the attention of the appropriate authority. A late start to
    the investigation does not move the report."""
    return case.received_on


def reports_apply(case: Case) -> bool:
    """Whether the appropriate authority owes timeliness reports on the case now: an open case
    whose investigation has begun and has no outcome. An investigation the IOPC directs or
    carries out itself is reported on by the Director General (reg 13(2)), not the force."""
    return (
        case.investigation_started_on is not None
        and case.outcome_on is None
        and case.is_open
        and case.iopc_mode not in IOPC_REPORTS_MODES
    )


def period_owes_report(case: Case, period: RelevantPeriod) -> bool:
    """Whether the investigation was under way, and not completed, when the period ended: an
    investigation begun after a period ended was not "not completed within" it, and one with
    its outcome before the end was completed within it."""
    if case.investigation_started_on is None or case.investigation_started_on > period.ends_on:
        return False
    return case.outcome_on is None or case.outcome_on > period.ends_on


def reported_periods(case: Case) -> set[dt.date]:
    """The ends of the periods a report has been recorded for (prefetch ``timeliness_reports``
    on a page reading many cases)."""
    return {report.period_ended_on for report in case.timeliness_reports.all()}


def report_period_due(case: Case, reported: set[dt.date] | None = None) -> RelevantPeriod:
    """The period the next report answers: the earliest one owed a report that has none,
    ended or not. A period that ended with no report recorded stays the one due (and goes
    overdue) until its report is recorded; with every ended period reported, the next one.
    For an investigation not begun, or with its outcome, the first period from which no more
    can be owed (a page saying what would fall due)."""
    if reported is None:
        reported = reported_periods(case)
    for period in relevant_periods(report_period_start(case)):
        if period_owes_report(case, period):
            if period.ends_on not in reported:
                return period
            continue
        finished = case.outcome_on is not None and case.outcome_on <= period.ends_on
        if case.investigation_started_on is None or finished:
            return period
    raise AssertionError("unreachable: the periods never end")


def report_period_ending(case: Case, ends_on: dt.date) -> RelevantPeriod | None:
    """The case's relevant period ending on ``ends_on``, or None when no period ends that day."""
    for period in relevant_periods(report_period_start(case)):
        if period.ends_on >= ends_on:
            return period if period.ends_on == ends_on else None
    return None


def report_due(case: Case) -> dt.date:
    """The day the next timeliness report on the case's investigation is due: the day after
    the earliest relevant period still owed one ends; in the past when a report was missed."""
    return report_period_due(case).report_due_on


def restriction_review_due(restriction: Restriction) -> dt.date:
    reviewed = [review.reviewed_on for review in restriction.reviews.all()]
    last = max([restriction.started_on, *reviewed])
    return last + dt.timedelta(days=RESTRICTION_REVIEW_DAYS)


def case_clocks(case: Case, *, today: dt.date | None = None) -> list[Clock]:
    """Every clock on the case, running or done, in due order.

    Reads the case's related rows; a page showing clocks for many cases prefetches
    ``pauses``, ``letters``, ``subjects__restrictions__reviews``, ``subjects__reflections``,
    ``subjects__listings`` and ``timeliness_reports``.
    """
    today = today or timezone.localdate()
    clocks: list[Clock] = []
    if case.kind != "conduct":
        clocks.append(
            Clock(
                "Log the complaint",
                add_working_days(case.received_on, LOG_WITHIN_WORKING_DAYS),
                case.logged_on,
            )
        )
    if case.kind == "complaint":
        clocks.append(
            Clock(
                "Contact the complainant",
                add_working_days(case.received_on, CONTACT_WITHIN_WORKING_DAYS),
                case.first_contact_on,
            )
        )
    if reports_apply(case):
        period = report_period_due(case)
        name = REPORT_CLOCK.format(months=period.months)
        clocks.append(Clock(name, period.report_due_on, unit="months", kind="report"))
    outcome_letters = [letter for letter in case.letters.all() if letter.kind == LetterKind.OUTCOME]
    if outcome_letters and case.status == CaseStatus.OUTCOME:
        told_on = outcome_letters[-1].issued_on
        last_day = review_last_day(told_on)
        # The window is the complainant's, not a task for PSD: it "runs" until it closes.
        clocks.append(
            Clock(
                "Review window closes",
                last_day,
                last_day if today > last_day else None,
                unit="days",
            )
        )
    for subject in case.subjects.all():
        for restriction in subject.restrictions.all():
            if restriction.ended_on is None:
                clocks.append(
                    Clock(
                        f"Review the {RESTRICTION_NOUNS[restriction.kind]} of {subject}",
                        restriction_review_due(restriction),
                        unit="days",
                    )
                )
        for reflection in subject.reflections.all():
            clocks.append(_rprp_clock(subject, reflection))
        for listing in subject.listings.all():
            clocks.append(_listing_clock(subject, listing))
    return sorted(clocks, key=lambda clock: (clock.done_on is not None, clock.due_on))


def _rprp_clock(subject, reflection: ReflectivePractice) -> Clock:
    return Clock(
        f"Reflective practice account from {subject}",
        add_working_days(reflection.referred_on, RPRP_ACCOUNT_WORKING_DAYS),
        reflection.account_received_on,
    )


def _listing_clock(subject, listing: BarredListNotification) -> Clock:
    return Clock(
        f"{listing.get_barred_list_display()} notification for {subject}",
        add_working_days(listing.trigger_on, BARRED_LIST_WORKING_DAYS),
        listing.notified_on,
    )


def refresh(case: Case, *, today: dt.date | None = None, reason: str = "") -> None:
    """Store the earliest running clock on the case (``next_due_on``/``next_due_label``).

    Called by every service that changes a date a clock reads, inside its transaction. It writes
    with ``save(update_fields=...)`` so the history row it adds says what moved. ``reason``: a
    step recorded on another row that the case's own history (and so its timeline) should say
    happened, such as a timeliness report sent; the row is written even if no date moved.
    """
    running = [clock for clock in case_clocks(case, today=today) if clock.done_on is None]
    first = running[0] if running else None
    due_on = first.due_on if first else None
    label = first.name[:80] if first else ""
    if reason or (case.next_due_on, case.next_due_label) != (due_on, label):
        case.next_due_on = due_on
        case.next_due_label = label
        case._change_reason = (reason or "Clocks recalculated")[:100]
        case.save(update_fields=["next_due_on", "next_due_label"])


@dataclass(frozen=True)
class Duration:
    """How long something took, with and without the sub judice pauses."""

    calendar_days: int
    working_days: int
    paused_calendar_days: int
    paused_working_days: int

    @property
    def calendar_days_excluding_pauses(self) -> int:
        return self.calendar_days - self.paused_calendar_days

    @property
    def working_days_excluding_pauses(self) -> int:
        return self.working_days - self.paused_working_days


def duration(
    start: dt.date, end: dt.date, pauses: list[Pause] | tuple[Pause, ...] = ()
) -> Duration:
    """From ``start`` to ``end`` (e.g. received to finalised), and the part of it paused.

    A pause still running counts up to ``end``; overlapping pauses count once.
    """
    # Counted like the whole (the days after ``start`` up to and including ``end``): a day is
    # paused when it falls after a pause began and no later than the day it ended.
    paused_days: set[dt.date] = set()
    for pause in pauses:
        first = max(pause.started_on, start)
        last = min(pause.ended_on or end, end)
        day = first + dt.timedelta(days=1)
        while day <= last:
            paused_days.add(day)
            day += dt.timedelta(days=1)
    return Duration(
        calendar_days=(end - start).days,
        working_days=working_days_between(start, end),
        paused_calendar_days=len(paused_days),
        paused_working_days=sum(1 for day in paused_days if is_working_day(day)),
    )
