"""Demo data for complaints and conduct: a year shaped like Cleveland's DSE report.

Cleveland Police's Directorate of Standards and Ethics reported, for October 2019 to March 2020,
410 complaint cases, 41 reviews ("appeals", 10%), 56 death or serious injury (DSI) referrals to
the IOPC, 50 conduct cases and one misconduct hearing, which ended in a final written warning
(``shared/seeds/001_*``). The demo's year has those figures:

- 410 complaints received over the last 365 days, through every public channel: most recorded
  under Schedule 3 (handled otherwise than by investigation, or investigated), some handled
  outside it; each with its complainant, its subjects from the force's officers (some not yet
  identified) and 1-3 allegations with an IOPC category and the standards they may breach;
- 41 applications for a review, some late, most decided by the local policing body (some still
  with it: the ``review.body`` login's work), a few with the IOPC;
- 56 DSI matters referred to the IOPC with its mode decision (return, local, directed,
  independent), in Cleveland's mix (pursuit, making off, missing from home, custody);
- 50 conduct matters (internal reports, CCU sanitised referrals and ones arising from
  complaints) with severity assessments and their rationale, some re-assessed with the reason,
  reflective practice for practice requiring improvement, and the one hearing: gross misconduct,
  notice published, final written warning, outcome published;
- suspensions and restricted duties with their 4-weekly reviews, two sub judice pauses, and
  investigations carried over from the year before that are past 12 months;
- new complaints waiting in the intake queue, one of them from a complainant whose case is open
  (the duplicate the caseworker should add as an update).

Allocation is the need-to-know grant: the lead and (for investigations) a second caseworker hold
``view_case`` and ``work_case``. ``psd.caseworker`` leads a share of the cases; the department's
other caseworkers get a login-less user each (unusable password, no authenticator), because a
case's lead is a user. New complaints and some DSI matters are left unallocated for ``psd.head``.

The year is written in bulk with its history (``bulk_create_with_history``, each row dated when
it happened); many-to-many rows (an allegation's subjects and standards, a referral's criteria)
go in with their historical copies. Each case's next clock is computed by
``complaints.clocks.case_clocks`` as ``refresh`` does, in one pass. Deterministic from ``rng``;
a rerun on a database that already holds cases adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from complaints import letters as wording
from complaints.clocks import case_clocks, review_is_late, review_last_day
from complaints.models import (
    Allegation,
    AllegationCategory,
    Case,
    CaseAction,
    CaseKind,
    CaseStatus,
    CaseUserObjectPermission,
    Channel,
    Complainant,
    ComplaintResult,
    ContactPreference,
    Finding,
    Handling,
    HandlingDecision,
    Intake,
    IntakeStatus,
    IopcMode,
    Letter,
    LetterKind,
    LetterTemplate,
    Pause,
    Proceedings,
    ProceedingsForm,
    ProceedingsOutcome,
    ProfessionalStandard,
    RecordingReason,
    Referral,
    ReferralCriterion,
    ReflectivePractice,
    Restriction,
    RestrictionKind,
    RestrictionReview,
    Review,
    ReviewBody,
    ReviewResult,
    Severity,
    SeverityAssessment,
    Subject,
)
from complaints.services.reviews import relevant_review_body
from standards.access.roles import Role
from standards.accounts.models import User
from standards.core.working_days import add_working_days
from standards.people.models import Person, RoleType
from standards.site.demo import DISTRICTS, FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES

# Cleveland, October 2019 - March 2020 (DOMAIN.md).
COMPLAINTS = 410
REVIEWS = 41
IOPC_REVIEWS = 4
DSI_REFERRALS = 56
CONDUCT_MATTERS = 50
# Investigations begun more than a year ago and still open (the 12-month report is due).
CARRIED_OVER_COMPLAINTS = 5
CARRIED_OVER_CONDUCT = 3
WAITING_INTAKES = 6
OTHER_CASEWORKERS = 3

LOGINS = ("psd.caseworker", "psd.head", "review.body")
CHANGE_REASON = "Demo data (manage.py seed_demo)"

CHANNEL_WEIGHTS = {
    Channel.ONLINE: 40,
    Channel.PHONE: 20,
    Channel.EMAIL: 15,
    Channel.LETTER: 7,
    Channel.IN_PERSON: 5,
    Channel.POLICING_BODY: 13,
}
PLACES = tuple(
    f"{street}, {team}"
    for _, _, teams in DISTRICTS
    for team in teams
    for street in ("High Street", "the railway station", "Church Lane", "the retail park")
)
EMAIL_DOMAINS = ("example.com", "example.org", "example.net")

# Standards each allegation group may breach (indexes into the standards' order).
HONESTY, RESPECT, EQUALITY, FORCE, ORDERS, DUTIES, CONFIDENTIALITY, _, DISCREDITABLE, _ = range(10)


@dataclass(frozen=True)
class _Allegation:
    code: str
    text: str
    standards: tuple[int, ...]


@dataclass(frozen=True)
class _Scenario:
    summary: str
    allegations: tuple[_Allegation, ...]
    investigate: bool = False  # serious enough to investigate when recorded


def _a(code: str, text: str, *standards: int) -> _Allegation:
    return _Allegation(code, text, standards)


# fmt: off
SCENARIOS: tuple[_Scenario, ...] = (
    _Scenario("Reported a burglary and nobody came for three days; the officer who finally "
              "attended was dismissive.", (
        _a("A1", "No officer attended the burglary for three days.", DUTIES),
        _a("H5", "The officer said it was not worth investigating and yawned.", RESPECT),
    )),
    _Scenario("Was not told that the man who assaulted them had been released on bail.", (
        _a("A3", "Nobody told the complainant of the suspect's release.", DUTIES),
    )),
    _Scenario("Says the officer at the front counter was rude and refused to take a report "
              "of harassment.", (
        _a("H1", "The officer raised their voice and told the complainant to go away.", RESPECT),
        _a("A2", "The officer refused to record the harassment.", DUTIES),
    )),
    _Scenario("Was stopped and searched outside the railway station and says there was no "
              "reason for it.", (
        _a("B4", "The search had no reasonable grounds.", ORDERS),
        _a("F1", "The officer picked the complainant out because of their race.", EQUALITY),
        _a("H2", "The officer emptied the complainant's bag onto the pavement.", RESPECT),
    ), investigate=True),
    _Scenario("Says officers used too much force when arresting their son outside a pub.", (
        _a("B5", "An officer struck the son after he was handcuffed.", FORCE),
        _a("B1", "There was no need to arrest him.", ORDERS),
    ), investigate=True),
    _Scenario("Their car was damaged when officers searched it and nobody will pay for it.", (
        _a("C1", "The door trim was torn during the search.", DUTIES),
    )),
    _Scenario("Says an officer looked up their new partner on police systems and told their "
              "ex-husband.", (
        _a("D1", "The officer accessed police records with no policing purpose.",
           CONFIDENTIALITY, HONESTY),
        _a("D1", "The officer passed what they found to the complainant's ex-husband.",
           CONFIDENTIALITY, DISCREDITABLE),
    ), investigate=True),
    _Scenario("A marked police car sped through a red light with no blue lights and nearly "
              "hit them.", (
        _a("E1", "The police car went through a red light without emergency lights.",
           DUTIES, DISCREDITABLE),
    )),
    _Scenario("Kept in a custody cell for 20 hours without being told why and without their "
              "medication.", (
        _a("B2", "The complainant was not told the reason for their detention.", DUTIES),
        _a("B2", "The complainant's medication was withheld for 20 hours.", DUTIES),
    ), investigate=True),
    _Scenario("Says the officer dealing with their assault case stopped answering calls and "
              "e-mails.", (
        _a("A4", "The officer did not reply to five calls and three e-mails.", DUTIES),
    )),
    _Scenario("Says officers came to the wrong address with a warrant and broke the door.", (
        _a("B3", "Officers forced entry to the wrong flat.", DUTIES),
        _a("C1", "The door and frame were broken and not made secure.", DUTIES),
    )),
    _Scenario("Says a PCSO made remarks about their headscarf while dealing with a parking "
              "dispute.", (
        _a("F5", "The PCSO mocked the complainant's headscarf.", EQUALITY, RESPECT),
        _a("H3", "The PCSO took the neighbour's side without listening.", RESPECT),
    )),
    _Scenario("The officer investigating their fraud closed it without telling them.", (
        _a("A2", "The investigation was closed without a reason given.", DUTIES),
        _a("A3", "The complainant found out from the bank, not the police.", DUTIES),
    )),
    _Scenario("Says an officer sent them friendly messages on social media after taking their "
              "domestic abuse report.", (
        _a("G2", "The officer messaged the complainant about meeting for a drink.",
           HONESTY, DISCREDITABLE),
    ), investigate=True),
    _Scenario("Says the officer who took their statement swore at them and hung up.", (
        _a("H1", "The officer swore at the complainant on the phone.", RESPECT),
    )),
    _Scenario("Was given a fixed penalty notice they say was wrong in law.", (
        _a("B8", "The fixed penalty was for an offence the complainant did not commit.", DUTIES),
    )),
    _Scenario("Says officers laughed at their disabled brother during a welfare visit.", (
        _a("F3", "Officers laughed at the brother's speech.", EQUALITY, RESPECT),
        _a("H2", "One officer filmed the brother on a phone.", RESPECT, DISCREDITABLE),
    ), investigate=True),
    _Scenario("Says the interview was recorded wrongly and their solicitor was not called.", (
        _a("B6", "The complainant's request for a solicitor was ignored.", ORDERS),
        _a("B7", "The interview record leaves out what the complainant said.", HONESTY),
    )),
    _Scenario("Says an off-duty officer shouted at them and threatened them at a football "
              "match.", (
        _a("J1", "The off-duty officer threatened the complainant.", DISCREDITABLE, RESPECT),
    )),
    _Scenario("Their 999 call about a fight was graded too low and nobody came.", (
        _a("A1", "The call was not attended.", DUTIES),
    )),
    _Scenario("Says an officer kept stopping them in their car with no reason.", (
        _a("H4", "The officer stopped the complainant four times in a month.", RESPECT, ORDERS),
        _a("F1", "The stops were because of the complainant's race.", EQUALITY),
    ), investigate=True),
    _Scenario("Property seized at their arrest has not been returned.", (
        _a("C1", "A phone and a watch seized on arrest have not been returned.", DUTIES),
        _a("A4", "Nobody answers about the property.", DUTIES),
    )),
    _Scenario("Says the officer made a comment about their age and would not take them "
              "seriously.", (
        _a("F4", "The officer said the complainant was 'too old to remember'.", EQUALITY),
    )),
    _Scenario("Unhappy with the time taken to deal with anti-social behaviour in their "
              "street.", (
        _a("A4", "Months of reports have brought no action.", DUTIES),
    )),
)

OUTSIDE_DONE = (
    "Explained the delay and arranged for the officer in the case to call the complainant.",
    "Apologised for the officer's manner and passed the complaint to their sergeant.",
    "Arranged for the property to be returned and apologised for the wait.",
    "Explained why the call was graded as it was; the complainant accepted it.",
)
OUTSIDE_VIEW = (
    "Content with the explanation and happy for it to end there.",
    "Satisfied with the apology.",
    "Happy now the officer has been in touch.",
)
RATIONALE = {
    Handling.OUTSIDE_SCHEDULE_3: "The complainant wants an explanation, not a formal process; it "
    "can be resolved at first contact and they agree.",
    Handling.OTHERWISE: "Recorded: the complainant wishes it. Reasonable and proportionate to "
    "handle by reviewing the records and speaking to the officer; nothing indicates criminal "
    "conduct or misconduct.",
    Handling.INVESTIGATION: "Recorded and investigated: if proven, the allegations could amount "
    "to misconduct, and the account needs testing against body-worn video and the records.",
}
NOT_REFERRED = (
    "None of the mandatory referral criteria is met: no death or serious injury, no serious "
    "assault, sexual offence or corruption, and nothing aggravated by discrimination."
)
TERMS = (
    "1. Establish what happened during the encounter described.\n2. Review body-worn video, "
    "the command and control log and the custody record.\n3. Decide whether any person serving "
    "has a case to answer for misconduct."
)
ACTIONS_TAKEN = (
    "Apology sent; the officer's supervisor has given learning on call-backs.",
    "The officer has been referred to reflective practice.",
    "Force-wide reminder issued on keeping victims updated.",
)
REVIEW_GROUNDS = (
    "I do not think my complaint was looked at properly. Nobody spoke to my witness.",
    "The outcome says the service was acceptable but nobody explained why.",
    "I sent video that the investigator did not watch.",
)
REVIEW_RATIONALE = {
    ReviewResult.UPHELD: "The handling did not look at the complainant's witness evidence; the "
    "outcome was not reasonable and proportionate.",
    ReviewResult.NOT_UPHELD: "The records and the officer's account were considered and the "
    "outcome follows from them; it was reasonable and proportionate.",
}

# Cleveland's 56 DSI referrals: 1 pursuit, 3 making off, 2 missing from home, 4 custody, the
# rest after other police contact.
DSI_SCENARIOS = (
    (1, "A motorcyclist was seriously injured when he crashed during a police pursuit.",
     "The pursuing officers"),
    (3, "A man broke his leg jumping from a wall while running from officers.",
     "The officers who gave chase"),
    (2, "A teenager reported missing from home was found seriously injured two days later.",
     "The missing person coordinator"),
    (4, "A detainee was taken to hospital after being found unresponsive in a custody cell.",
     "The custody staff on duty"),
    (46, "A person was seriously injured shortly after contact with the police.",
     "The attending officers"),
)  # fmt: skip
DSI_CONTACT = (
    "A woman was found collapsed at home the day after officers attended a welfare check.",
    "A man fell from a bridge after officers spoke to him about his safety.",
    "A man suffered a head injury when he fell during his arrest.",
    "A cyclist was seriously injured in a collision with a police van on a call.",
    "A man was taken to hospital after being restrained by officers in the street.",
)
MODE_WEIGHTS = {
    IopcMode.RETURN: 60,
    IopcMode.LOCAL: 15,
    IopcMode.DIRECTED: 10,
    IopcMode.INDEPENDENT: 15,
}

CONDUCT_SCENARIOS = (
    (Channel.INTERNAL, "A supervisor reports the officer for lateness and for leaving a shift "
     "without handing over a prisoner.", "Left a shift without handing over a detained person."),
    (Channel.INTERNAL, "Colleagues report the officer for sexist remarks in the parade room.",
     "Made sexist remarks to colleagues."),
    (Channel.INTERNAL, "The officer was arrested off duty on suspicion of drink driving.",
     "Arrested on suspicion of drink driving while off duty."),
    (Channel.INTERNAL, "An audit found the officer had not submitted seized cash to the "
     "property store for three weeks.", "Kept seized cash outside the property system."),
    (Channel.CCU_REFERRAL, "The CCU refers a sanitised report that the officer checked police "
     "systems about an associate.", "Searched police systems with no policing purpose."),
    (Channel.CCU_REFERRAL, "The CCU refers a sanitised report of an undeclared business "
     "interest.", "Ran an undeclared business."),
)  # fmt: skip
SEVERITY_RATIONALE = {
    Severity.NO_CASE: "The account is contradicted by the duty records; nothing indicates a "
    "breach of the standards.",
    Severity.PRI: "A breach that falls short of misconduct: learning is the right response, "
    "through reflective practice.",
    Severity.MISCONDUCT: "If proven, a breach serious enough to justify disciplinary action.",
    Severity.GROSS: "If proven, a breach so serious that dismissal would be justified.",
}
REASSESSED = {
    Severity.GROSS: "Body-worn video shows the officer knew the person was vulnerable: the "
    "breach, if proven, would justify dismissal.",
    Severity.MISCONDUCT: "A second witness has withdrawn; what remains would not justify "
    "dismissal.",
    Severity.PRI: "The officer's account and the records show a lapse, not a deliberate breach.",
}
ACTIONS = (
    "Obtain the body-worn video from the attending officers.",
    "Call the complainant to agree how they want to be updated.",
    "Ask the custody suite for the detention log.",
    "Send the handling letter.",
    "Take the officer's account.",
)
# fmt: on


@dataclass
class _Planned:
    kind: str
    received_on: dt.date
    channel: str
    summary: str
    scenario: _Scenario | None = None
    status: str = CaseStatus.ASSESSMENT
    handling: str = Handling.UNDECIDED
    decided_on: dt.date | None = None
    logged_on: dt.date | None = None
    first_contact_on: dt.date | None = None
    investigation_started_on: dt.date | None = None
    outcome_on: dt.date | None = None
    closed_on: dt.date | None = None
    iopc_mode: str = IopcMode.UNDECIDED
    allocated: bool = True
    extras: dict = field(default_factory=dict)


def _logins() -> dict[str, User]:
    users = {u.username: u for u in User.objects.filter(username__in=LOGINS)}
    missing = sorted(set(LOGINS) - set(users))
    if missing:
        raise ValueError(f"The demo logins {missing} are missing: run seed_logins first.")
    return users


def _at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _stamp(obj, reason: str, at: dt.datetime, user) -> None:
    obj._change_reason = reason
    obj._history_date = at
    obj._history_user = user


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _upto(day: dt.date, today: dt.date) -> dt.date | None:
    return day if day <= today else None


# --- the plan -----------------------------------------------------------------------------------


def _plan_complaint(rng: random.Random, today: dt.date, days_ago: int) -> _Planned:
    received = today - dt.timedelta(days=days_ago)
    scenario = rng.choice(SCENARIOS)
    planned = _Planned(
        kind=CaseKind.COMPLAINT,
        received_on=received,
        channel=_weighted(rng, CHANNEL_WEIGHTS),
        summary=scenario.summary,
        scenario=scenario,
    )
    planned.logged_on = _upto(add_working_days(received, rng.choice((0, 1, 1, 2, 2, 3))), today)
    planned.first_contact_on = _upto(add_working_days(received, rng.randint(1, 12)), today)
    planned.extras["results"] = [
        rng.choices(list(ComplaintResult)[1:], weights=(60, 15, 25))[0]
        for _ in scenario.allegations
    ]
    planned.extras["decided_days"] = rng.randint(3, 10)
    planned.extras["outcome_days"] = rng.randint(25, 150)
    planned.extras["investigation_days"] = rng.randint(120, 330)
    if days_ago <= 7 and rng.random() < 0.8:
        planned.allocated = False  # a new complaint waiting for the head to allocate it
        return planned
    route = rng.random()
    if scenario.investigate and route < 0.75:
        planned.handling = Handling.INVESTIGATION
    elif route < 0.25:
        planned.handling = Handling.OUTSIDE_SCHEDULE_3
    else:
        planned.handling = Handling.OTHERWISE
    _progress(planned, today)
    return planned


def _progress(planned: _Planned, today: dt.date) -> None:
    """Where a decided complaint has got to by ``today``."""
    received = planned.received_on
    decided = received + dt.timedelta(days=planned.extras["decided_days"])
    if decided > today:
        planned.allocated = True
        planned.handling = Handling.UNDECIDED
        return
    planned.decided_on = decided
    planned.status = CaseStatus.HANDLING
    if planned.handling == Handling.OUTSIDE_SCHEDULE_3:
        planned.closed_on = _upto(decided + dt.timedelta(days=2), today)
        planned.status = CaseStatus.CLOSED if planned.closed_on else CaseStatus.HANDLING
        return
    if planned.handling == Handling.INVESTIGATION:
        planned.investigation_started_on = decided + dt.timedelta(days=5)
        planned.status = CaseStatus.INVESTIGATION
        outcome = planned.investigation_started_on + dt.timedelta(
            days=planned.extras["investigation_days"]
        )
    else:
        outcome = received + dt.timedelta(days=planned.extras["outcome_days"])
    planned.outcome_on = _upto(outcome, today)
    if planned.outcome_on is None:
        return
    # The complainant has 28 days from the outcome to ask for a review.
    if (today - planned.outcome_on).days <= 28:
        planned.status = CaseStatus.OUTCOME
    else:
        planned.status = CaseStatus.CLOSED
        planned.closed_on = planned.outcome_on + dt.timedelta(days=29)


def _plan_reviews(rng: random.Random, complaints: list[_Planned], today: dt.date) -> None:
    """About 10% of the complaints come back for a review; some late, some still open."""
    reviewable = [
        p for p in complaints if p.outcome_on and p.handling != Handling.OUTSIDE_SCHEDULE_3
    ]
    chosen = rng.sample(reviewable, k=min(REVIEWS, len(reviewable)))
    iopc = [p for p in chosen if p.handling == Handling.INVESTIGATION][:IOPC_REVIEWS]
    for index, planned in enumerate(chosen):
        late = index % 10 == 0  # about one in ten applies after the 28 days
        applied = planned.outcome_on + dt.timedelta(
            days=rng.randint(29, 40) if late else rng.randint(3, 27)
        )
        applied = min(applied, today)
        body = ReviewBody.IOPC if planned in iopc else ReviewBody.LOCAL_POLICING_BODY
        decided = applied + dt.timedelta(days=rng.randint(20, 70))
        review = {
            "body": body,
            "applied_on": applied,
            "late": review_is_late(told_on=planned.outcome_on, applied_on=applied),
            "grounds": rng.choice(REVIEW_GROUNDS),
            "decided_on": decided if decided < today else None,
            "result": rng.choices((ReviewResult.UPHELD, ReviewResult.NOT_UPHELD), weights=(20, 80))[
                0
            ],
        }
        planned.extras["review"] = review
        if review["decided_on"]:
            planned.status = CaseStatus.CLOSED
            planned.closed_on = review["decided_on"]
        else:
            planned.status = CaseStatus.REVIEW
            planned.closed_on = None
    # The review body always has some open reviews to work on.
    lpb = [p for p in chosen if p.extras["review"]["body"] == ReviewBody.LOCAL_POLICING_BODY]
    for planned in sorted(lpb, key=lambda p: p.outcome_on, reverse=True)[:3]:
        planned.extras["review"]["decided_on"] = None
        planned.status = CaseStatus.REVIEW
        planned.closed_on = None


def _plan_carried_over(rng: random.Random, today: dt.date) -> list[_Planned]:
    """Investigations begun more than a year ago and still open: the 12-month report is due."""
    plan = []
    serious = [s for s in SCENARIOS if s.investigate]
    for index in range(CARRIED_OVER_COMPLAINTS):
        received = today - dt.timedelta(days=rng.randint(400, 640))
        scenario = serious[index % len(serious)]
        planned = _Planned(
            kind=CaseKind.COMPLAINT,
            received_on=received,
            channel=_weighted(rng, CHANNEL_WEIGHTS),
            summary=scenario.summary,
            scenario=scenario,
            status=CaseStatus.INVESTIGATION,
            handling=Handling.INVESTIGATION,
            decided_on=received + dt.timedelta(days=6),
            logged_on=add_working_days(received, 1),
            first_contact_on=add_working_days(received, 4),
            investigation_started_on=received + dt.timedelta(days=12),
        )
        planned.extras["results"] = [ComplaintResult.UNDECIDED] * len(scenario.allegations)
        planned.extras["carried_over"] = True
        plan.append(planned)
    return plan


def _plan_dsi(rng: random.Random, today: dt.date) -> list[_Planned]:
    summaries = []
    for count, summary, subject in DSI_SCENARIOS:
        for n in range(count):
            text = DSI_CONTACT[n % len(DSI_CONTACT)] if count > 10 else summary
            summaries.append((text, subject))
    plan = []
    for summary, subject in summaries[:DSI_REFERRALS]:
        received = today - dt.timedelta(days=rng.randint(1, 365))
        planned = _Planned(
            kind=CaseKind.DSI,
            received_on=received,
            channel=Channel.DSI,
            summary=summary,
            logged_on=_upto(add_working_days(received, rng.choice((0, 1, 1, 2))), today),
        )
        planned.extras["subject"] = subject
        planned.extras["referred_on"] = _upto(add_working_days(received, 1), today) or received
        mode_on = received + dt.timedelta(days=rng.randint(5, 15))
        planned.extras["mode"] = _weighted(rng, MODE_WEIGHTS)
        planned.extras["mode_on"] = _upto(mode_on, today)
        if planned.extras["mode_on"] is None:
            planned.allocated = rng.random() < 0.5  # waiting for the IOPC
        else:
            planned.iopc_mode = planned.extras["mode"]
            if planned.iopc_mode == IopcMode.RETURN:
                planned.closed_on = _upto(mode_on + dt.timedelta(days=rng.randint(10, 60)), today)
                planned.status = CaseStatus.CLOSED if planned.closed_on else CaseStatus.HANDLING
            else:
                planned.status = CaseStatus.INVESTIGATION
                planned.investigation_started_on = mode_on
        plan.append(planned)
    return plan


def _plan_conduct(rng: random.Random, today: dt.date, complaints: list[_Planned]):
    arising = [p for p in complaints if p.handling == Handling.INVESTIGATION and p.decided_on]
    from_complaints = rng.sample(arising, k=min(12, len(arising)))
    plan = []
    for index in range(CONDUCT_MATTERS - 1):  # and the hearing
        if index < len(from_complaints):
            origin = from_complaints[index]
            channel, summary = (
                Channel.FROM_COMPLAINT,
                (
                    f"Arising from a complaint: {origin.scenario.summary[0].lower()}"
                    f"{origin.scenario.summary[1:]}"
                ),
            )
            received = origin.decided_on
            allegation = origin.scenario.allegations[0].text
        else:
            origin = None
            channel, summary, allegation = rng.choice(CONDUCT_SCENARIOS)
            received = today - dt.timedelta(days=rng.randint(1, 365))
        planned = _Planned(kind=CaseKind.CONDUCT, received_on=received, channel=channel,
                           summary=summary)  # fmt: skip
        planned.extras.update(origin=origin, allegation=allegation)
        severity = rng.choices(list(Severity), weights=(10, 40, 35, 15))[0]
        assessed = received + dt.timedelta(days=rng.randint(3, 20))
        planned.extras["assessments"] = []
        if assessed <= today:
            planned.extras["assessments"].append((severity, assessed, ""))
            if index % 5 == 1:  # about one in five is re-assessed as the evidence comes in
                later = {Severity.MISCONDUCT: Severity.GROSS, Severity.GROSS: Severity.MISCONDUCT,
                         Severity.PRI: Severity.MISCONDUCT,
                         Severity.NO_CASE: Severity.PRI}[severity]  # fmt: skip
                reassessed = assessed + dt.timedelta(days=rng.randint(20, 60))
                if reassessed <= today:
                    planned.extras["assessments"].append((later, reassessed, REASSESSED[later]))
                    severity = later
        _conduct_progress(planned, severity, today, rng)
        plan.append(planned)
    for index in range(CARRIED_OVER_CONDUCT):
        channel, summary, allegation = CONDUCT_SCENARIOS[index + 1]
        received = today - dt.timedelta(days=rng.randint(420, 560))
        planned = _Planned(kind=CaseKind.CONDUCT, received_on=received, channel=channel,
                           summary=summary)  # fmt: skip
        severity = (Severity.MISCONDUCT, Severity.GROSS)[index % 2]
        planned.extras.update(
            origin=None,
            allegation=allegation,
            carried_over=True,
            assessments=[(severity, received + dt.timedelta(days=5), "")],
        )
        planned.status = CaseStatus.INVESTIGATION
        planned.investigation_started_on = received + dt.timedelta(days=8)
        plan.append(planned)
    return plan


def _conduct_progress(planned: _Planned, severity: str, today: dt.date, rng) -> None:
    if not planned.extras["assessments"]:
        planned.allocated = rng.random() < 0.5
        return
    assessed = planned.extras["assessments"][-1][1]
    if severity == Severity.NO_CASE:
        planned.status = CaseStatus.CLOSED
        planned.closed_on = assessed + dt.timedelta(days=3)
    elif severity == Severity.PRI:
        planned.extras["rprp"] = assessed + dt.timedelta(days=2)
        done = assessed + dt.timedelta(days=rng.randint(30, 60))
        planned.outcome_on = _upto(done, today)
        planned.status = CaseStatus.CLOSED if planned.outcome_on else CaseStatus.HANDLING
        planned.closed_on = planned.outcome_on
    else:
        planned.status = CaseStatus.INVESTIGATION
        planned.investigation_started_on = _upto(assessed + dt.timedelta(days=4), today)
        finished = assessed + dt.timedelta(days=rng.randint(90, 300))
        if finished <= today and severity == Severity.MISCONDUCT:
            planned.outcome_on = finished
            planned.closed_on = (
                finished + dt.timedelta(days=14)
                if finished + dt.timedelta(days=14) <= today
                else None
            )
            planned.status = CaseStatus.CLOSED if planned.closed_on else CaseStatus.OUTCOME


def _plan_hearing(today: dt.date) -> _Planned:
    """The year's one misconduct hearing: gross misconduct, final written warning."""
    received = today - dt.timedelta(days=290)
    assessed = received + dt.timedelta(days=9)
    planned = _Planned(
        kind=CaseKind.CONDUCT,
        received_on=received,
        channel=Channel.INTERNAL,
        summary="A custody sergeant is reported for pushing a detained woman into a cell and "
        "leaving her without checks for three hours.",
        status=CaseStatus.CLOSED,
        investigation_started_on=assessed + dt.timedelta(days=3),
        outcome_on=today - dt.timedelta(days=40),
        closed_on=today - dt.timedelta(days=25),
    )
    planned.extras.update(
        origin=None,
        allegation="Pushed a detained woman into a cell and did not carry out the checks.",
        hearing=True,
        assessments=[
            (Severity.MISCONDUCT, assessed, ""),
            (Severity.GROSS, assessed + dt.timedelta(days=41), REASSESSED[Severity.GROSS]),
        ],
    )
    return planned


# --- writing ------------------------------------------------------------------------------------


def _add_history_m2m(model: type[Model], field_name: str, rows: list[Model]) -> None:
    """The through rows of a history-tracked many-to-many, and their copies on each owner's
    latest history row (what simple-history's signal would write for ``.set()``, in bulk)."""
    if not rows:
        return
    through = getattr(model, field_name).through
    owner = model._meta.model_name
    rows = through.objects.bulk_create(rows, batch_size=500)
    history = model.history.model
    latest = {}
    for history_id, owner_id in (
        history.objects.filter(id__in={getattr(r, f"{owner}_id") for r in rows})
        .order_by("history_date", "history_id")
        .values_list("history_id", "id")
    ):
        latest[owner_id] = history_id
    m2m_history = history._meta.get_field(f"historical{owner}_{field_name}").related_model
    other = next(f.name for f in through._meta.fields if f.name not in ("id", owner))
    m2m_history.objects.bulk_create(
        [
            m2m_history(
                id=row.pk,
                history_id=latest[getattr(row, f"{owner}_id")],
                **{
                    f"{owner}_id": getattr(row, f"{owner}_id"),
                    f"{other}_id": getattr(row, f"{other}_id"),
                },
            )
            for row in rows
        ],
        batch_size=500,
    )


def _caseworkers(logins: dict[str, User], today: dt.date) -> list[User]:
    """``psd.caseworker`` and up to three colleagues in PSD (login-less users)."""
    login_people = {u.person_id for u in logins.values()}
    colleagues = (
        Person.objects.serving(today)
        .filter(org_unit__code__in=("PSD-CMP", "PSD-INV"), user__isnull=True)
        .exclude(pk__in=login_people)
        .order_by("staff_number")[:OTHER_CASEWORKERS]
    )
    password = make_password(None)  # unusable: these users exist to lead cases
    users = [
        User(
            username=f"psd.{person.staff_number}",
            person=person,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            password=password,
        )
        for person in colleagues
    ]
    for user in users:
        _stamp(user, CHANGE_REASON, _at(today - dt.timedelta(days=400)), logins["psd.head"])
    users = bulk_create_with_history(users, User, batch_size=100)
    groups = Group.objects.filter(name__in=(Role.STAFF, Role.PSD_CASEWORKER))
    for user in users:
        user.groups.set(groups)
    return [logins["psd.caseworker"], *users]


@transaction.atomic
def seed_complaints(*, today: dt.date, rng: random.Random) -> int:
    """Add a year of complaints, DSI referrals and conduct matters to the demo force. Returns
    the rows created (0 when cases are already there)."""
    if Case.objects.exists():
        return 0
    logins = _logins()
    login_people = {u.person_id for u in logins.values() if u.person_id}
    officers = [
        pk
        for pk in Person.objects.serving(today)
        .filter(role_type__in=(RoleType.OFFICER, RoleType.PCSO), user__isnull=True)
        .order_by("staff_number")
        .values_list("pk", flat=True)
        if pk not in login_people
    ]
    if not officers:
        raise ValueError("The demo force has no officers: run seed_force first.")

    # The whole plan is drawn before anything is written, so the same seed gives the same year.
    complaints = [
        _plan_complaint(rng, today, days_ago)
        for days_ago in sorted(rng.randint(1, 365) for _ in range(COMPLAINTS))
    ]
    _plan_reviews(rng, complaints, today)
    plan = (
        complaints
        + _plan_carried_over(rng, today)
        + _plan_dsi(rng, today)
        + _plan_conduct(rng, today, complaints)
        + [_plan_hearing(today)]
    )
    plan.sort(key=lambda p: (p.received_on, p.kind))
    writer = _Writer(rng=rng, today=today, logins=logins, officers=officers)
    return writer.write(plan, _caseworkers(logins, today))


class _Writer:
    def __init__(self, *, rng, today, logins, officers) -> None:
        self.rng, self.today, self.logins, self.officers = rng, today, logins, officers
        self.head = logins["psd.head"]
        self.created = 0

    def _bulk(self, model, rows):
        if not rows:
            return []
        rows = bulk_create_with_history(rows, model, batch_size=500)
        self.created += len(rows)
        return rows

    def write(self, plan: list[_Planned], caseworkers: list[User]) -> int:
        rng, head = self.rng, self.head
        # Leads: psd.caseworker and their colleagues share the allocated cases.
        for planned in plan:
            planned.extras["lead"] = rng.choice(caseworkers) if planned.allocated else None
            others = [c for c in caseworkers if c != planned.extras["lead"]]
            planned.extras["second"] = (
                rng.choice(others)
                if planned.allocated and planned.investigation_started_on and others
                else None
            )
        cases = []
        for planned in plan:
            case = Case(
                kind=planned.kind,
                status=planned.status,
                channel=planned.channel,
                summary=planned.summary,
                received_on=planned.received_on,
                logged_on=planned.logged_on,
                first_contact_on=planned.first_contact_on
                if planned.kind == CaseKind.COMPLAINT
                else None,
                incident_date=planned.received_on - dt.timedelta(days=rng.randint(0, 10)),
                incident_place=rng.choice(PLACES),
                lead=planned.extras["lead"],
                handling=planned.handling,
                iopc_mode=planned.iopc_mode,
                investigation_started_on=planned.investigation_started_on,
                terms_of_reference=TERMS if planned.investigation_started_on else "",
                outcome_on=planned.outcome_on,
                closed_on=planned.closed_on,
                origin=None,
                created_by=planned.extras["lead"] or head,
            )
            label = CaseKind(planned.kind).label
            _stamp(case, f"{label} recorded", _at(planned.received_on, 9), case.created_by)
            cases.append(case)
        cases = self._bulk(Case, cases)
        for planned, case in zip(plan, cases, strict=True):
            planned.extras["case"] = case
        # A conduct matter arising from a complaint points at it.
        arising = []
        for planned in plan:
            origin = planned.extras.get("origin")
            if origin is not None:
                case = planned.extras["case"]
                case.origin = origin.extras["case"]
                _stamp(case, "Linked to the complaint it arose from", _at(case.received_on, 11),
                       case.created_by)  # fmt: skip
                arising.append(case)
        if arising:
            bulk_update_with_history(arising, Case, fields=["origin"], batch_size=500)

        self._grants(plan)
        subjects = self._people(plan)
        self._allegations(plan, subjects)
        self._decisions(plan)
        self._conduct(plan, subjects)
        self._letters(plan)
        self._reviews(plan)
        self._intakes(plan)
        self._actions(plan)
        self._clocks([p.extras["case"] for p in plan])
        return self.created

    def _grants(self, plan) -> None:
        permissions = dict(
            Permission.objects.filter(
                content_type__app_label="complaints", codename__in=("view_case", "work_case")
            ).values_list("codename", "pk")
        )
        grants = []
        for planned in plan:
            case = planned.extras["case"]
            for user in filter(None, (planned.extras["lead"], planned.extras["second"])):
                for codename in ("view_case", "work_case"):
                    grant = CaseUserObjectPermission(
                        user=user, permission_id=permissions[codename], content_object=case
                    )
                    _stamp(grant, "Allocated", _at(case.received_on, 12), self.head)
                    grants.append(grant)
        self._bulk(CaseUserObjectPermission, grants)

    def _people(self, plan) -> dict[int, list[Subject]]:
        rng = self.rng
        complainants, subjects = [], []
        for planned in plan:
            case = planned.extras["case"]
            at = _at(case.received_on, 9, 30)
            if planned.kind == CaseKind.COMPLAINT:
                female = rng.random() < 0.5
                first = rng.choice(FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES)
                last = rng.choice(SURNAMES)
                complainant = Complainant(
                    case=case,
                    name=f"{first} {last}",
                    email=f"{first}.{last}{rng.randint(1, 99)}@{rng.choice(EMAIL_DOMAINS)}".lower(),
                    phone=f"07700 900{rng.randint(0, 999):03d}",
                    postcode=f"TS{rng.randint(1, 25)} {rng.randint(1, 9)}"
                    f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                    contact_preference=rng.choices(list(ContactPreference), weights=(70, 20, 10))[
                        0
                    ],
                    adjustments="Large print, please." if rng.random() < 0.05 else "",
                )
                _stamp(complainant, "Complainant recorded", at, case.created_by)
                complainants.append(complainant)
            if planned.kind == CaseKind.DSI:
                count, unidentified = 1, rng.random() < 0.6
            elif planned.kind == CaseKind.CONDUCT:
                count, unidentified = 1, False
            else:
                count, unidentified = rng.choice((1, 1, 1, 2)), rng.random() < 0.2
            for n in range(count):
                if unidentified and n == 0:
                    description = planned.extras.get("subject") or rng.choice(
                        ("The driver of a marked police car", "An officer at the front counter",
                         "One of the arresting officers", "A PCSO on foot patrol")
                    )  # fmt: skip
                    subject = Subject(case=case, description=description)
                else:
                    subject = Subject(case=case, person_id=rng.choice(self.officers))
                _stamp(subject, "Subject recorded", at, case.created_by)
                subjects.append(subject)
        self._bulk(Complainant, complainants)
        by_case: dict[int, list[Subject]] = defaultdict(list)
        for subject in self._bulk(Subject, subjects):
            by_case[subject.case_id].append(subject)
        complainant_of = {c.case_id: c for c in complainants}
        for planned in plan:
            planned.extras["complainant"] = complainant_of.get(planned.extras["case"].pk)
        return by_case

    def _allegations(self, plan, subjects: dict[int, list[Subject]]) -> None:
        categories = dict(AllegationCategory.objects.values_list("code", "pk"))
        standards = list(
            ProfessionalStandard.objects.order_by("order").values_list("pk", flat=True)
        )
        rows, links = [], []
        for planned in plan:
            case = planned.extras["case"]
            if planned.kind == CaseKind.COMPLAINT:
                specs = [
                    (a, result)
                    for a, result in zip(
                        planned.scenario.allegations, planned.extras["results"], strict=True
                    )
                ]
            elif planned.kind == CaseKind.CONDUCT:
                specs = [(_a("J1", planned.extras["allegation"], DISCREDITABLE, DUTIES), "")]
            else:
                continue
            for spec, result in specs:
                decided = planned.outcome_on is not None and planned.kind == CaseKind.COMPLAINT
                allegation = Allegation(
                    case=case,
                    category_id=categories[spec.code],
                    description=spec.text,
                    result=result if decided else ComplaintResult.UNDECIDED,
                    actions_taken=self.rng.choice(ACTIONS_TAKEN)
                    if decided and result == ComplaintResult.NOT_ACCEPTABLE
                    else "",
                )
                _stamp(allegation, "Allegation recorded", _at(case.received_on, 9, 45),
                       case.created_by)  # fmt: skip
                rows.append(allegation)
                links.append((spec, subjects.get(case.pk, [])))
        rows = self._bulk(Allegation, rows)
        through_subjects, through_standards = [], []
        Subjects = Allegation.subjects.through
        Standards = Allegation.standards.through
        for allegation, (spec, case_subjects) in zip(rows, links, strict=True):
            for subject in case_subjects:
                through_subjects.append(
                    Subjects(allegation_id=allegation.pk, subject_id=subject.pk)
                )
            for index in spec.standards:
                through_standards.append(
                    Standards(allegation_id=allegation.pk, professionalstandard_id=standards[index])
                )
        _add_history_m2m(Allegation, "subjects", through_subjects)
        _add_history_m2m(Allegation, "standards", through_standards)
        self.created += len(through_subjects) + len(through_standards)

    def _decisions(self, plan) -> None:
        rng = self.rng
        criteria = dict(ReferralCriterion.objects.values_list("code", "pk"))
        handling_rows, referrals = [], []
        for planned in plan:
            case = planned.extras["case"]
            decider = planned.extras["lead"] or self.head
            if planned.kind == CaseKind.COMPLAINT and planned.decided_on:
                outside = planned.handling == Handling.OUTSIDE_SCHEDULE_3
                row = HandlingDecision(
                    case=case,
                    handling=planned.handling,
                    recording_reason=""
                    if outside
                    else rng.choices(list(RecordingReason), weights=(70, 20, 10))[0],
                    what_was_done=rng.choice(OUTSIDE_DONE) if outside else "",
                    complainant_view=rng.choice(OUTSIDE_VIEW) if outside else "",
                    rationale=RATIONALE[planned.handling],
                    decided_by=decider,
                    decided_at=_at(planned.decided_on, 14),
                )
                _stamp(row, f"Handling decided: {row.get_handling_display()}", row.decided_at,
                       decider)  # fmt: skip
                handling_rows.append(row)
                if planned.handling == Handling.INVESTIGATION:
                    referral = Referral(
                        case=case,
                        referred=False,
                        rationale=NOT_REFERRED,
                        assessed_by=decider,
                        assessed_at=_at(planned.decided_on, 13),
                    )
                    _stamp(referral, "Referral assessed: not referred", referral.assessed_at,
                           decider)  # fmt: skip
                    referrals.append((referral, []))
            elif planned.kind == CaseKind.DSI:
                mode_on = planned.extras["mode_on"]
                referred_on = planned.extras["referred_on"]
                referral = Referral(
                    case=case,
                    referred=True,
                    referred_on=referred_on,
                    iopc_reference=f"{referred_on.year}/{rng.randint(1000, 99999):06d}",
                    mode=planned.extras["mode"] if mode_on else "",
                    mode_decided_on=mode_on,
                    rationale="A serious injury after contact with the police: a mandatory "
                    "referral, made whether or not anyone complains.",
                    assessed_by=self.head,
                    assessed_at=_at(referred_on, 11),
                )
                _stamp(referral, "Referred to the IOPC", referral.assessed_at, self.head)
                referrals.append((referral, [criteria["dsi"]]))
        self._bulk(HandlingDecision, handling_rows)
        saved = self._bulk(Referral, [r for r, _ in referrals])
        Through = Referral.criteria_met.through
        rows = [
            Through(referral_id=referral.pk, referralcriterion_id=criterion)
            for referral, (_, met) in zip(saved, referrals, strict=True)
            for criterion in met
        ]
        _add_history_m2m(Referral, "criteria_met", rows)
        self.created += len(rows)

    def _conduct(self, plan, subjects: dict[int, list[Subject]]) -> None:
        """Severity assessments (re-assessments supersede), reflective practice, restrictions
        with their 4-weekly reviews, sub judice pauses and the hearing."""
        rng, head, today = self.rng, self.head, self.today
        first_rows, second_rows = [], []
        reflections, restrictions, pauses = [], [], []
        for planned in plan:
            if planned.kind != CaseKind.CONDUCT:
                continue
            case = planned.extras["case"]
            subject = subjects[case.pk][0]
            for index, (severity, on, reason) in enumerate(planned.extras["assessments"]):
                row = SeverityAssessment(
                    case=case,
                    subject=subject,
                    severity=severity,
                    rationale=SEVERITY_RATIONALE[severity],
                    change_reason=reason,
                    assessed_by=head,
                    assessed_at=_at(on, 15),
                )
                _stamp(row, "Severity re-assessed" if index else "Severity assessed",
                       row.assessed_at, head)  # fmt: skip
                (second_rows if index else first_rows).append(row)
            if "rprp" in planned.extras:
                referred = planned.extras["rprp"]
                row = ReflectivePractice(
                    subject=subject,
                    referred_on=referred,
                    account_received_on=_upto(add_working_days(referred, rng.randint(2, 5)), today),
                    summary="The officer accepts the handover was not made."
                    if planned.closed_on
                    else "",
                    lessons_for_officer="Hand over every detained person in person."
                    if planned.closed_on
                    else "",
                    completed_on=planned.closed_on,
                    recorded_by=planned.extras["lead"] or head,
                )
                _stamp(row, "Referred to reflective practice", _at(referred, 10), head)
                reflections.append(row)
        first_rows = self._bulk(SeverityAssessment, first_rows)
        by_subject = {row.subject_id: row for row in first_rows}
        for row in second_rows:
            row.supersedes = by_subject[row.subject_id]
        self._bulk(SeverityAssessment, second_rows)
        self._bulk(ReflectivePractice, reflections)

        # Suspensions and restricted duties on open misconduct and gross misconduct matters.
        open_serious = [
            p
            for p in plan
            if p.kind == CaseKind.CONDUCT
            and p.status == CaseStatus.INVESTIGATION
            and p.investigation_started_on
        ]
        for index, planned in enumerate(open_serious[:6]):
            case = planned.extras["case"]
            started = planned.investigation_started_on + dt.timedelta(days=2)
            kind = RestrictionKind.SUSPENDED if index % 3 == 0 else RestrictionKind.RESTRICTED
            restriction = Restriction(
                subject=subjects[case.pk][0],
                kind=kind,
                started_on=started,
                rationale="The allegation, if proven, is serious and the officer deals with "
                "vulnerable people: keeping them from that work protects the public and the "
                "investigation.",
                decided_by=head,
            )
            _stamp(restriction, f"{kind.label} decided", _at(started, 16), head)
            restrictions.append((restriction, index))
        saved = self._bulk(Restriction, [r for r, _ in restrictions])
        reviews = []
        for restriction, index in zip(saved, (i for _, i in restrictions), strict=True):
            due = restriction.started_on + dt.timedelta(days=28)
            # One review is overdue, so the queue shows a red clock.
            stop = today - dt.timedelta(days=29) if index == 1 else today
            while due <= stop:
                review = RestrictionReview(
                    restriction=restriction,
                    reviewed_on=due,
                    rationale="Nothing has changed: the investigation continues and the risk "
                    "remains.",
                    reviewed_by=head,
                )
                _stamp(review, "Restriction reviewed", _at(due, 11), head)
                reviews.append(review)
                due += dt.timedelta(days=28)
        self._bulk(RestrictionReview, reviews)

        # Two sub judice pauses: one over, one still running.
        carried = [p for p in plan if p.extras.get("carried_over")]
        for index, planned in enumerate(carried[:2]):
            started = planned.investigation_started_on + dt.timedelta(days=60)
            pause = Pause(
                case=planned.extras["case"],
                reason="Criminal proceedings against the officer: the investigation waits for "
                "the trial so as not to prejudice it.",
                started_on=started,
                ended_on=started + dt.timedelta(days=120) if index == 0 else None,
                recorded_by=head,
            )
            _stamp(pause, "Sub judice pause recorded", _at(started, 10), head)
            pauses.append(pause)
        self._bulk(Pause, pauses)

        for planned in plan:
            if planned.extras.get("hearing"):
                self._hearing(planned, subjects)

    def _hearing(self, planned: _Planned, subjects) -> None:
        case, head = planned.extras["case"], self.head
        held = planned.outcome_on
        proceedings = Proceedings(
            case=case,
            subject=subjects[case.pk][0],
            form=ProceedingsForm.HEARING,
            panel="Chair: an independent legally qualified chair. Members: a superintendent and "
            "an independent panel member.",
            held_on=held,
            venue="Force Headquarters, Brackenford",
            public_notice="A misconduct hearing will be held in public for a police sergeant of "
            "Northmoor Police. It is alleged that the sergeant pushed a detained person into a "
            "cell and did not carry out the required checks, breaching the standards of use of "
            "force and duties and responsibilities.",
            notice_published_at=_at(held - dt.timedelta(days=14), 9),
            finding=Finding.GROSS,
            outcome=ProceedingsOutcome.FINAL_WRITTEN_WARNING,
            outcome_on=held,
            rationale="Gross misconduct proven. The sergeant's long unblemished record, early "
            "admission and genuine remorse mean a final written warning, not dismissal, "
            "protects the public and maintains confidence.",
            public_outcome="The panel found gross misconduct proven and gave the sergeant a "
            "final written warning.",
            outcome_published_at=_at(held + dt.timedelta(days=2), 9),
            recorded_by=head,
        )
        _stamp(proceedings, "Hearing outcome recorded", _at(held, 17), head)
        self._bulk(Proceedings, [proceedings])

    def _letters(self, plan) -> None:
        """The outcome letter of every complaint given an outcome under Schedule 3, issued on
        the outcome date in the words ``letter_issue`` freezes, right of review included."""
        template = LetterTemplate.objects.filter(kind=LetterKind.OUTCOME, active=True).first()
        if template is None:
            return
        rows = []
        for planned in plan:
            case = planned.extras["case"]
            if case.kind != CaseKind.COMPLAINT or case.outcome_on is None:
                continue
            if case.handling in (Handling.UNDECIDED, Handling.OUTSIDE_SCHEDULE_3):
                continue
            complainant = case.complainants.first()
            sender = case.lead or self.head
            terms = wording.ReviewTerms(
                body=relevant_review_body(case), last_day=review_last_day(case.outcome_on)
            )
            values = wording.values_for(
                case=case,
                complainant=complainant,
                issued_on=case.outcome_on,
                sender=sender,
                terms=terms,
                review=None,
            )
            letter = Letter(
                case=case,
                complainant=complainant,
                template=template,
                kind=LetterKind.OUTCOME,
                subject_line=wording.fill(template.subject, values).strip()[:200],
                body=wording.fill(template.body, values).strip(),
                sent_by_method=complainant.contact_preference if complainant else "letter",
                review_body=terms.body,
                review_last_day=terms.last_day,
                issued_on=case.outcome_on,
                issued_by=sender,
            )
            _stamp(letter, "Outcome letter issued", _at(case.outcome_on, 15), sender)
            rows.append(letter)
            planned.extras["outcome_letter"] = letter
        self._bulk(Letter, rows)

    def _reviews(self, plan) -> None:
        reviewer = self.logins["review.body"]
        rows = []
        for planned in plan:
            review = planned.extras.get("review")
            if not review:
                continue
            decided = review["decided_on"]
            result = review["result"] if decided else ReviewResult.UNDECIDED
            row = Review(
                case=planned.extras["case"],
                outcome_letter=planned.extras.get("outcome_letter"),
                body=review["body"],
                applied_on=review["applied_on"],
                late=review["late"],
                grounds=review["grounds"],
                result=result,
                recommendation="Speak to the complainant's witness and reconsider the outcome."
                if result == ReviewResult.UPHELD
                else "",
                rationale=REVIEW_RATIONALE.get(result, ""),
                decided_on=decided,
                # The IOPC's decisions are recorded by PSD; the policing body's by its reviewer.
                decided_by=reviewer
                if decided and review["body"] == ReviewBody.LOCAL_POLICING_BODY
                else None,
                recorded_by=self.head,
            )
            _stamp(row, "Review application recorded", _at(row.applied_on, 10), self.head)
            rows.append(row)
        self._bulk(Review, rows)

    def _intakes(self, plan) -> None:
        """New complaints waiting in the intake queue; one from a complainant whose case is
        open, to be added to it as an update rather than opened again."""
        rng, today = self.rng, self.today
        mine = [
            p
            for p in plan
            if p.kind == CaseKind.COMPLAINT
            and p.extras["lead"] == self.logins["psd.caseworker"]
            and p.status in (CaseStatus.HANDLING, CaseStatus.INVESTIGATION)
        ]
        rows = []
        for n in range(WAITING_INTAKES):
            scenario = rng.choice(SCENARIOS)
            received = _at(today - dt.timedelta(days=rng.randint(0, 4)), rng.randint(7, 22))
            if n == 0 and mine:
                complainant = mine[-1].extras["complainant"]
                name, email = complainant.name, complainant.email
                what = (
                    "I am writing again about my complaint. Nobody has called me back and I "
                    "have more to add: " + mine[-1].summary
                )
            else:
                first = rng.choice(FEMALE_FIRST_NAMES + MALE_FIRST_NAMES)
                last = rng.choice(SURNAMES)
                name = f"{first} {last}"
                email = f"{first}.{last}@{rng.choice(EMAIL_DOMAINS)}".lower()
                what = scenario.summary
            intake = Intake(
                reference=f"PC-{rng.randrange(10**7, 10**8)}",
                channel=_weighted(rng, CHANNEL_WEIGHTS),
                received_at=received,
                name=name,
                email=email,
                incident_date=received.date() - dt.timedelta(days=rng.randint(1, 14)),
                incident_place=rng.choice(PLACES),
                what_happened=what,
                outcome_wanted="An apology and for it not to happen to anyone else.",
                status=IntakeStatus.NEW,
            )
            _stamp(intake, "Complaint received", received, None)
            rows.append(intake)
        self._bulk(Intake, rows)

    def _actions(self, plan) -> None:
        caseworker, rng, today = self.logins["psd.caseworker"], self.rng, self.today
        rows = []
        for planned in plan:
            case = planned.extras["case"]
            if planned.extras["lead"] != caseworker or not case.is_open:
                continue
            for description in rng.sample(ACTIONS, k=rng.randint(1, 2)):
                due = today + dt.timedelta(days=rng.randint(-5, 20))
                action = CaseAction(
                    case=case,
                    description=description,
                    owner=caseworker,
                    due_on=due,
                    created_by=caseworker,
                )
                _stamp(action, "Action added", _at(max(case.received_on, due - dt.timedelta(
                    days=14)), 9), caseworker)  # fmt: skip
                rows.append(action)
        self._bulk(CaseAction, rows)

    def _clocks(self, cases: list[Case]) -> None:
        """Each case's earliest running clock, as ``clocks.refresh`` stores it, for every case
        in one pass (the related rows prefetched once)."""
        fresh = Case.objects.filter(pk__in=[c.pk for c in cases]).prefetch_related(
            "letters",
            "subjects__restrictions__reviews",
            "subjects__reflections",
            "subjects__listings",
            "timeliness_reports",
        )
        changed = []
        for case in fresh:
            running = [c for c in case_clocks(case, today=self.today) if c.done_on is None]
            first = running[0] if running else None
            due_on, label = (first.due_on, first.name[:80]) if first else (None, "")
            if (case.next_due_on, case.next_due_label) != (due_on, label):
                case.next_due_on, case.next_due_label = due_on, label
                _stamp(case, "Clocks recalculated", _at(self.today, 6), None)
                changed.append(case)
        if changed:
            bulk_update_with_history(
                changed, Case, fields=["next_due_on", "next_due_label"], batch_size=500
            )
