"""Triage: what the CCU decides to do with a report, and the work that follows.

Each decision is a new ``TriageDecision`` row with its rationale, and the report's status follows
the latest. No further action, develop and covert are decided on the report's triage tab
(``report_triage``); a management intervention and a sanitised referral have their own steps
(``intervention_propose``, ``report_refer``) because each needs more than a rationale: an
intervention only when there is no criminal or misconduct case, authorised by the head of the CCU;
a referral only by the head, carrying nothing of the original report or its source.

Notices stay inside the CCU and never name the person a report is about.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from ccu.models import (
    Action,
    IntelligenceReport,
    InterventionStatus,
    ManagementIntervention,
    ReportReferral,
    ReportSource,
    ReportStatus,
    TriageDecision,
    TriageOutcome,
)
from ccu.services.common import clean_text, locked_report, not_in_future, save_with_history
from standards.access import policy
from standards.access.roles import Role
from standards.core import extensions
from standards.exchange.services import sanitised_referral_send
from standards.notifications.services import notifications_done, notify

# The status each outcome puts a report in.
OUTCOME_STATUS = {
    TriageOutcome.NO_FURTHER_ACTION: ReportStatus.CLOSED,
    TriageOutcome.DEVELOP: ReportStatus.DEVELOP,
    TriageOutcome.INTERVENTION: ReportStatus.INTERVENTION,
    TriageOutcome.REFERRAL: ReportStatus.REFERRED,
    TriageOutcome.COVERT: ReportStatus.COVERT,
}
# Decided on the triage tab with a rationale alone.
SIMPLE_OUTCOMES = (TriageOutcome.NO_FURTHER_ACTION, TriageOutcome.DEVELOP, TriageOutcome.COVERT)
# A referral's summary may not share this many consecutive words with the original report.
SHARED_WORDS_LIMIT = 6
# An action falls due at most this far ahead: a later date is a slip of the keyboard.
LONGEST_ACTION = dt.timedelta(days=366 * 2)


def _is_head(user) -> bool:
    return policy.holds(user, Role.CCU_HEAD)


def _decide(report: IntelligenceReport, outcome: str, rationale: str, acting_user) -> None:
    """The decision row, and the report's status that follows from it (report already locked)."""
    decision = TriageDecision(
        report=report, outcome=outcome, rationale=rationale, decided_by=acting_user
    )
    save_with_history(decision, f"Triaged: {TriageOutcome(outcome).label}", acting_user)
    report.status = OUTCOME_STATUS[TriageOutcome(outcome)]
    save_with_history(
        report,
        f"Status: {ReportStatus(report.status).label}",
        acting_user,
        update_fields=["status"],
    )


def _heads_who_may_see(report: IntelligenceReport) -> list:
    """The CCU heads a notice about the report may go to: never one the report is about."""
    from standards.accounts.models import User

    heads = User.objects.filter(groups__name=Role.CCU_HEAD.value, is_active=True)
    return [head for head in heads.distinct() if policy.can_view(head, report)]


# --- the decision -------------------------------------------------------------------------------


@transaction.atomic
def report_triage(
    *, report: IntelligenceReport, outcome: str, rationale: str, acting_user
) -> TriageDecision:
    """No further action, develop or covert investigation, with the rationale. A later decision
    supersedes an earlier one, which stays on the record."""
    report = locked_report(report, acting_user)
    if outcome == TriageOutcome.INTERVENTION:
        raise ValidationError(
            {
                "outcome": "Propose a management intervention on the page for it: it needs the "
                "subject, the proposal and the head of the CCU's authority"
            }
        )
    if outcome == TriageOutcome.REFERRAL:
        raise ValidationError(
            {
                "outcome": "Refer the report to PSD on the referral page: only the head of the "
                "CCU sends a sanitised referral"
            }
        )
    if outcome not in SIMPLE_OUTCOMES:
        raise ValidationError({"outcome": "Select the outcome of triage"})
    if report.status == ReportStatus.REFERRED:
        raise ValidationError({"outcome": "The report has been referred to PSD"})
    rationale = clean_text(rationale, "rationale", required="Enter the rationale for the decision")
    _decide(report, outcome, rationale, acting_user)
    return report.triage_decisions.first()


# --- development actions --------------------------------------------------------------------------


def may_own_action(user, report: IntelligenceReport) -> bool:
    """An action's owner is a CCU member who may see the report (its compartment)."""
    return (
        user is not None
        and user.is_active
        and policy.in_ccu(user)
        and policy.can_view(user, report)
    )


@transaction.atomic
def action_add(
    *, report: IntelligenceReport, description: str, owner, due_on: dt.date | None, acting_user
) -> Action:
    report = locked_report(report, acting_user)
    if report.status in (ReportStatus.CLOSED, ReportStatus.REFERRED):
        raise ValidationError(
            f"The report is {ReportStatus(report.status).label.lower()}: triage it again to "
            "add actions"
        )
    description = clean_text(description, "description", required="Enter what needs to be done")[
        :300
    ]
    if not may_own_action(owner, report):
        raise ValidationError({"owner": "Select a CCU colleague who may see the report"})
    if due_on is None:
        raise ValidationError({"due_on": "Enter the date the action is due"})
    today = timezone.localdate()
    if due_on < today:
        raise ValidationError({"due_on": "The due date must be today or in the future"})
    if due_on > today + LONGEST_ACTION:
        raise ValidationError({"due_on": "The due date must be within 2 years"})
    action = Action(
        report=report, description=description, owner=owner, due_on=due_on, created_by=acting_user
    )
    save_with_history(action, "Action added", acting_user)
    if owner.pk != acting_user.pk:
        notify(
            recipients=[owner],
            key=f"ccu-action-{action.pk}-owner",
            subject=f"an action for you, due {due_on:%-d %B %Y}",
            url=reverse("ccu:action_complete", kwargs={"pk": action.pk}),
            record=action,
            step="complete",
        )
    return action


@transaction.atomic
def action_complete(*, action: Action, result: str, acting_user) -> Action:
    """The action's owner (or the head of the CCU) records that it is done and what it found."""
    locked = (
        policy.changeable(acting_user, Action.objects.select_for_update(of=("self",)))
        .filter(pk=action.pk)
        .first()
    )
    if locked is None or not (locked.owner_id == acting_user.pk or _is_head(acting_user)):
        raise Http404("No such action")
    if locked.done_on:
        raise ValidationError("The action has already been completed")
    locked.result = clean_text(result, "result", required="Enter what the action found")
    locked.done_on = timezone.localdate()
    save_with_history(locked, "Action completed", acting_user)
    notifications_done(record=locked, steps=("complete",))
    return locked


# --- management interventions ---------------------------------------------------------------------


def open_case_refusal(person) -> ValidationError | None:
    """The refusal while a criminal or misconduct case about ``person`` is open. It names no
    case: the CCU need not learn more of PSD's work than that there is one."""
    if extensions.open_cases_for(person=person):
        return ValidationError(
            f"There is an open criminal or misconduct case about {person.display_name}: a "
            "management intervention is not possible"
        )
    return None


def _person_name(person) -> str:
    return getattr(person, "display_name", None) or str(person)


@transaction.atomic
def intervention_propose(
    *, report: IntelligenceReport, subject, proposal: str, no_case_confirmed: bool, acting_user
) -> ManagementIntervention:
    """An analyst (or the head) proposes an ethical meeting with a subject of the report. It
    waits for the head of the CCU to authorise it."""
    report = locked_report(report, acting_user)
    if report.status == ReportStatus.REFERRED:
        raise ValidationError("The report has been referred to PSD")
    subject_ids = set(report.report_subjects.values_list("person_id", flat=True))
    if subject is None or subject.pk not in subject_ids:
        raise ValidationError({"subject": "Select the subject of the report the meeting is with"})
    proposal = clean_text(
        proposal, "proposal", required="Enter why a meeting, who holds it and what it should say"
    )
    if not no_case_confirmed:
        raise ValidationError(
            {
                "no_case_confirmed": "Confirm there is no criminal or misconduct case about "
                f"{_person_name(subject)}"
            }
        )
    if refusal := open_case_refusal(subject):
        raise refusal
    live = (InterventionStatus.PROPOSED, InterventionStatus.AUTHORISED)
    if report.interventions.filter(subject=subject, status__in=live).exists():
        raise ValidationError(
            {"subject": "A management intervention with this person is already under way"}
        )
    intervention = ManagementIntervention(
        report=report,
        subject=subject,
        proposal=proposal,
        no_case_confirmed=True,
        proposed_by=acting_user,
    )
    save_with_history(intervention, "Management intervention proposed", acting_user)
    _decide(report, TriageOutcome.INTERVENTION, proposal, acting_user)
    heads = [head for head in _heads_who_may_see(report) if head.pk != acting_user.pk]
    notify(
        recipients=heads,
        key=f"ccu-intervention-{intervention.pk}-proposed",
        subject="management intervention waiting for your authorisation",
        url=reverse("ccu:intervention_detail", kwargs={"pk": intervention.pk}),
        record=intervention,
        step="authorise",
    )
    return intervention


def _locked_intervention(intervention: ManagementIntervention, acting_user):
    locked = (
        policy.changeable(
            acting_user,
            ManagementIntervention.objects.select_for_update(of=("self",)).select_related(
                "subject", "report"
            ),
        )
        .filter(pk=intervention.pk)
        .first()
    )
    if locked is None:
        raise Http404("No such intervention")
    return locked


@transaction.atomic
def intervention_decide(
    *, intervention: ManagementIntervention, authorise: bool, rationale: str, acting_user
) -> ManagementIntervention:
    """The head of the CCU authorises the meeting, or not, with the rationale. Nobody else
    decides, whoever proposed it."""
    if not _is_head(acting_user):
        raise Http404("No such intervention")
    locked = _locked_intervention(intervention, acting_user)
    if locked.status != InterventionStatus.PROPOSED:
        raise ValidationError("The intervention has already been decided")
    rationale = clean_text(rationale, "rationale", required="Enter the rationale for the decision")
    if authorise and (refusal := open_case_refusal(locked.subject)):
        raise refusal
    locked.status = InterventionStatus.AUTHORISED if authorise else InterventionStatus.DECLINED
    locked.decided_by = acting_user
    locked.decided_at = timezone.now()
    locked.decision_rationale = rationale
    save_with_history(
        locked,
        "Management intervention authorised" if authorise else "Management intervention declined",
        acting_user,
    )
    notifications_done(record=locked, steps=("authorise",))
    if not authorise:
        # The report needs another decision: it goes back to the intake queue.
        report = locked_report(locked.report, acting_user)
        if report.status == ReportStatus.INTERVENTION:
            report.status = ReportStatus.NEW
            save_with_history(
                report,
                "Management intervention not authorised: back to triage",
                acting_user,
                update_fields=["status"],
            )
    if locked.proposed_by_id != acting_user.pk:
        notify(
            recipients=[locked.proposed_by],
            key=f"ccu-intervention-{locked.pk}-decided",
            subject="management intervention authorised"
            if authorise
            else "management intervention not authorised",
            url=reverse("ccu:intervention_detail", kwargs={"pk": locked.pk}),
            record=locked,
        )
    return locked


@transaction.atomic
def intervention_record_meeting(
    *,
    intervention: ManagementIntervention,
    meeting_on: dt.date | None,
    held_by: str,
    advice: str,
    follow_up_on: dt.date | None,
    acting_user,
) -> ManagementIntervention:
    """The meeting, once authorised: when, who held it, the advice given and when to follow up."""
    locked = _locked_intervention(intervention, acting_user)
    if locked.status != InterventionStatus.AUTHORISED:
        raise ValidationError(
            "The meeting can be recorded only once the head of the CCU has authorised it, "
            "and only once"
        )
    if meeting_on is None:
        raise ValidationError({"meeting_on": "Enter the date of the meeting"})
    not_in_future(meeting_on, "meeting_on", "The date of the meeting")
    decided_on = timezone.localdate(locked.decided_at)
    if meeting_on < decided_on:
        raise ValidationError(
            {
                "meeting_on": "The meeting must be on or after the day it was authorised "
                f"({decided_on:%-d %B %Y})"
            }
        )
    held_by = clean_text(held_by, "held_by", required="Enter who held the meeting")[:200]
    advice = clean_text(advice, "advice", required="Enter the advice given")
    if follow_up_on is None:
        raise ValidationError({"follow_up_on": "Enter the date to follow up"})
    if follow_up_on <= meeting_on:
        raise ValidationError({"follow_up_on": "The follow-up must be after the meeting"})
    locked.meeting_on = meeting_on
    locked.held_by = held_by
    locked.advice = advice
    locked.follow_up_on = follow_up_on
    locked.status = InterventionStatus.HELD
    save_with_history(locked, "Meeting held", acting_user)
    return locked


# --- sanitised referral to PSD -------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", (text or "").lower())


def _runs(words: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def shares_words(summary: str, original: str, size: int = SHARED_WORDS_LIMIT) -> bool:
    """Whether ``summary`` repeats ``size`` or more consecutive words of ``original`` (case,
    punctuation and spacing aside)."""
    return bool(_runs(_words(summary), size) & _runs(_words(original), size))


def _contains(summary: str, text: str) -> bool:
    words = _words(text)
    if not words:
        return False
    return f" {' '.join(words)} " in f" {' '.join(_words(summary))} "


# Capitalised words that say nothing about who a source is.
_COMMON_TITLES = frozenset(
    [
        "police",
        "constable",
        "sergeant",
        "inspector",
        "chief",
        "superintendent",
        "detective",
        "officer",
        "staff",
        "member",
        "force",
        "unit",
        "team",
        "department",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


def _names_from(text: str, people: list) -> set[str]:
    """The proper names in the source details (capitalised words of four letters or more), less
    the names of the people referred: naming the source in the summary would identify it."""
    names = {word.lower() for word in re.findall(r"\b[A-Z][A-Za-z'-]{3,}", text or "")}
    for person in people:
        names -= set(_words(f"{person.first_name} {person.last_name}"))
    return {name for name in names if name.isalpha() and name not in _COMMON_TITLES}


def clean_referral(*, report: IntelligenceReport, summary: str, subjects: Iterable) -> tuple:
    """The summary and subjects of a referral, checked: nothing of the original report, its
    source or the CCU's own references may reach PSD. The referral page calls it before asking
    to confirm, so a refusal never comes after."""
    summary = clean_text(
        summary, "summary", required="Enter the sanitised summary PSD will receive"
    )
    subject_ids = set(report.report_subjects.values_list("person_id", flat=True))
    people = list(dict.fromkeys(subjects))
    if not people:
        raise ValidationError({"subjects": "Select who the referral is about"})
    if any(person.pk not in subject_ids for person in people):
        raise ValidationError({"subjects": "Select only subjects of the report"})
    source = ReportSource.objects.filter(report=report).first()
    if source is not None:
        if shares_words(summary, source.original_text):
            raise ValidationError(
                {
                    "summary": f"The summary repeats {SHARED_WORDS_LIMIT} or more words in a row "
                    "from the original report: write it in your own words"
                }
            )
        if (
            _contains(summary, source.source_details)
            or shares_words(summary, source.source_details, size=3)
            or _names_from(source.source_details, people) & set(_words(summary))
        ):
            raise ValidationError(
                {"summary": "The summary names or describes the source: take it out"}
            )
    followable = [report.reference]
    if report.operation_id:
        followable.append(report.operation.code_name)
    if any(_contains(summary, text) for text in followable):
        raise ValidationError(
            {
                "summary": "The summary gives a CCU reference or operation name PSD could "
                "follow back: take it out"
            }
        )
    return summary, people


@transaction.atomic
def report_refer(
    *,
    report: IntelligenceReport,
    summary: str,
    subjects: Iterable,
    acting_user,
    rationale: str = "",
) -> ReportReferral:
    """The head of the CCU refers the report to PSD: the exchange opens a conduct matter from the
    summary and the people alone. The CCU keeps its link to the report here, on its side."""
    if not _is_head(acting_user):
        raise Http404("No such report")
    report = locked_report(report, acting_user)
    if report.referrals.exists():
        raise ValidationError("The report has already been referred to PSD")
    summary, people = clean_referral(report=report, summary=summary, subjects=subjects)
    rationale = clean_text(rationale, "rationale") or "Sanitised referral sent to PSD."
    referral = sanitised_referral_send(summary=summary, subjects=people, acting_user=acting_user)
    link = ReportReferral(report=report, referral=referral)
    save_with_history(link, "Referred to PSD", acting_user)
    _decide(report, TriageOutcome.REFERRAL, rationale, acting_user)
    return link
