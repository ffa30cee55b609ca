"""The tracker's demo: two published inspections and their recommendations, transcribed (shortened
where long) from the reports, worked through the services by the head of PSD with a realistic mix
of statuses: the 2014 report nearly done, the 2019 thematic part way, with actions complete, open
and overdue.

- HMICFRS, "PEEL spotlight report: Shining a light on betrayal" (abuse of position for a sexual
  purpose), September 2019, as a police and crime commissioner's response summarises its national
  recommendations (five; 2 and 3 are for the NPCC, the College and the Home Office, tracked
  because the force must adopt what they produce).
- HMIC, "Police integrity and corruption", November 2014 (the West Midlands Police report): its
  eight recommendations, each "within six months".

The reports give the month of publication; the day is the demo's. Owners are the demo force's
heads of PSD, the CCU and vetting, the complaints manager, the senior CCU analyst and the DCC.
Idempotent: an inspection already recorded (by title) is left alone, so a second run adds 0 rows.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from standards.accounts.models import User
from standards.board.models import (
    Inspection,
    InspectionKind,
    Inspectorate,
    RecommendationKind,
    RecommendationStatus,
)
from standards.board.services import tracker as services
from standards.people.selectors import workforce

AWAITING = RecommendationStatus.AWAITING_REVIEW
PROGRESSING = RecommendationStatus.BEING_PROGRESSED
COMPLETE = RecommendationStatus.COMPLETE

# The demo force's people who own the work, by post (standards.site.demo's force shape).
OWNERS = {
    "psd": {"org_unit__code": "PSD", "job_title": "Head of Professional Standards"},
    "ccu": {"org_unit__code": "PSD-CCU", "rank_or_grade": "Detective Chief Inspector"},
    "analyst": {"org_unit__code": "PSD-CCU", "job_title": "Senior Counter Corruption Analyst"},
    "vetting": {"org_unit__code": "PSD-VET", "job_title": "Force Vetting Manager"},
    "complaints": {"org_unit__code": "PSD-CMP", "job_title": "Complaints and Misconduct Manager"},
    "dcc": {"rank_or_grade": "Deputy Chief Constable"},
}


@dataclass(frozen=True)
class _Action:
    description: str
    owner: str
    # A completed action: due and done so many days after publication. An open one: due so many
    # days from the demo's today (negative: overdue).
    due: int
    done_after: int | None = None


@dataclass(frozen=True)
class _Update:
    after: int  # days after publication
    status: str
    comment: str
    evidence: str = ""


@dataclass(frozen=True)
class _Recommendation:
    number: str
    text: str
    owner: str
    updates: tuple[_Update, ...] = ()
    actions: tuple[_Action, ...] = ()
    # The final update, recorded after the actions: (days after publication, comment, evidence).
    closed: tuple[int, str, str] | None = None
    kind: str = RecommendationKind.RECOMMENDATION


@dataclass(frozen=True)
class _Inspection:
    title: str
    inspectorate: str
    kind: str
    published_on: dt.date
    url: str
    summary: str
    pcc_response_after: int | None
    recommendations: tuple[_Recommendation, ...] = field(default=())


BETRAYAL = _Inspection(
    title="PEEL spotlight report: Shining a light on betrayal",
    inspectorate=Inspectorate.HMICFRS,
    kind=InspectionKind.THEMATIC,
    published_on=dt.date(2019, 9, 27),
    url="https://www.justiceinspectorates.gov.uk/hmicfrs/",
    summary=(
        "How forces tackle the abuse of position for a sexual purpose, from the 2015 to 2017 "
        "legitimacy inspections. Most forces had been slow to root out this corruption: too many "
        "people without the correct vetting, corruption intelligence recorded incorrectly, forces "
        "unable to monitor their ICT systems, weak links with agencies that support vulnerable "
        "people, and too little capacity in counter-corruption units."
    ),
    pcc_response_after=54,
    recommendations=(
        _Recommendation(
            "1",
            "All forces not yet doing so should immediately comply with all elements of the "
            "national guidance on vetting. By July 2020 all forces should vet all personnel to "
            "the appropriate standards, understand the level of vetting required for every post "
            "and held by all officers and staff, and make sure everyone is vetted to a high "
            "enough level for the post they hold.",
            "vetting",
            updates=(
                _Update(
                    40,
                    PROGRESSING,
                    "Gap analysis against the Vetting APP done: 212 posts lacked a recorded "
                    "vetting level. Posts being assessed by the vetting unit with HR.",
                ),
            ),
            actions=(
                _Action(
                    "Record the vetting level each post requires in the HR system",
                    "vetting",
                    150,
                    140,
                ),
                _Action(
                    "Vet or re-vet everyone whose vetting is below their post's level",
                    "vetting",
                    280,
                    300,
                ),
                _Action(
                    "Monthly report to the DCC of anyone below their post's level",
                    "vetting",
                    300,
                    310,
                ),
            ),
            closed=(
                330,
                "Every member of the workforce is vetted to the level their post requires; the "
                "monthly exception report is on the integrity board's agenda.",
                "Vetting unit audit report, August 2020; integrity board minutes, September 2020",
            ),
        ),
        _Recommendation(
            "2",
            "By April 2020 the NPCC lead for vetting and the College of Policing should devise "
            "a standard list of information forces share when someone transfers (performance, "
            "sickness, complaints, business interests, notifiable associations and corruption "
            "intelligence). All forces should then adopt it as soon as reasonably practicable.",
            "ccu",
            updates=(
                _Update(
                    200,
                    PROGRESSING,
                    "National template awaited. Interim: the CCU asks the sending force for "
                    "complaints, interests, associations and intelligence on every transferee.",
                ),
            ),
            actions=(
                _Action(
                    "Interim transferee checklist agreed with the vetting unit", "ccu", 120, 110
                ),
                _Action(
                    "Adopt the national transferee information template once published", "ccu", -45
                ),
            ),
        ),
        _Recommendation(
            "3",
            "By September 2020 the NPCC lead for counter-corruption and the Home Office should "
            "work with software suppliers so that all forces can monitor their ICT proactively, "
            "and the NPCC should work with forces on a standard approach to using what the "
            "monitoring shows.",
            "analyst",
            updates=(
                _Update(
                    120,
                    PROGRESSING,
                    "Business case for ICT monitoring software approved by the chief officer "
                    "team; procurement under way with the regional forces.",
                ),
            ),
            actions=(
                _Action(
                    "Procure ICT monitoring software covering desktops and handheld devices",
                    "analyst",
                    365,
                    420,
                ),
                _Action(
                    "Write the CCU's procedure for acting on monitoring alerts", "analyst", 450, 470
                ),
                _Action("Extend monitoring to the force's mobile devices", "analyst", -20),
            ),
        ),
        _Recommendation(
            "4",
            "By April 2020 all forces not yet doing so should record corruption using the "
            "national corruption categories, produce a comprehensive annual counter-corruption "
            "strategic threat assessment, and establish regular links between the counter-"
            "corruption unit and agencies that support vulnerable people. Forces without "
            "effective ICT monitoring of desktop and handheld devices should implement it as soon "
            "as reasonably practicable, and by September 2020 all forces should have reviewed "
            "their use of encrypted apps on police ICT systems.",
            "ccu",
            updates=(
                _Update(
                    30,
                    PROGRESSING,
                    "Intelligence now recorded with the national corruption categories. Threat "
                    "assessment and partner links in the CCU's 4P plan.",
                ),
            ),
            actions=(
                _Action(
                    "Record all corruption intelligence with the national categories",
                    "analyst",
                    90,
                    60,
                ),
                _Action(
                    "Publish the annual counter-corruption strategic threat assessment",
                    "analyst",
                    210,
                    200,
                ),
                _Action(
                    "Agree information-sharing links with domestic abuse and sexual "
                    "violence support services",
                    "ccu",
                    -60,
                ),
                _Action("Review the use of encrypted apps on police devices", "analyst", -10),
                _Action("Brief the integrity board on the partner links each quarter", "psd", 60),
            ),
        ),
        _Recommendation(
            "5",
            "By April 2020 all forces not yet doing so should make sure they have enough people "
            "with the right skills to look proactively for intelligence about those abusing "
            "their position for a sexual purpose, and to investigate those identified.",
            "ccu",
        ),
    ),
)

INTEGRITY_2014 = _Inspection(
    title="Police integrity and corruption",
    inspectorate=Inspectorate.HMIC,
    kind=InspectionKind.FORCE,
    published_on=dt.date(2014, 11, 27),
    url="https://www.justiceinspectorates.gov.uk/hmic/",
    summary=(
        "HMIC's 2014 integrity inspection (as reported for West Midlands Police): clear "
        "leadership on the Code of Ethics, but initial assessments of misconduct, the fairness "
        "of misconduct processes, the professional standards department's capacity and several "
        "integrity policies needed work."
    ),
    pcc_response_after=49,
    recommendations=(
        _Recommendation(
            "1",
            "Within six months, the force should ensure that it has communicated to all staff "
            "the requirements to comply with policies relating to notifiable associations, "
            "secondary employment, business interests and gifts and hospitality.",
            "psd",
            actions=(
                _Action(
                    "Integrity policies briefing for every team, with attendance recorded",
                    "psd",
                    150,
                    140,
                ),
            ),
            closed=(
                170,
                "Every team briefed; the policies are on the intranet's front page and in the "
                "induction course.",
                "Attendance records of the briefings; induction course content",
            ),
        ),
        _Recommendation(
            "2",
            "Within six months, the force should ensure that it has a policy which informs staff "
            "of the gifts and hospitality that are appropriate to accept and why, including the "
            "requirement to register the value and description of everything offered, including "
            "what is declined. This should be communicated to all staff.",
            "complaints",
            actions=(
                _Action(
                    "Rewrite the gifts and hospitality policy, declined offers included",
                    "complaints",
                    120,
                    110,
                ),
                _Action("Publish the policy and brief all staff", "psd", 170, 165),
            ),
            closed=(
                175,
                "New gifts and hospitality policy published; every offer, accepted or declined, "
                "is registered with its value.",
                "Gifts and hospitality policy v2, May 2015",
            ),
        ),
        _Recommendation(
            "3",
            "Within six months, the force should ensure it carries out regular audits of "
            "integrity-related registers (gifts and hospitality, business interests, notifiable "
            "associations, expense claims, procurement activity and other records) to identify "
            "potentially corrupt activity.",
            "analyst",
            actions=(
                _Action(
                    "Quarterly cross-check of the registers against procurement and expenses",
                    "analyst",
                    180,
                    175,
                ),
                _Action(
                    "Audit chief officers' diaries against the gifts register and expenses",
                    "analyst",
                    180,
                    200,
                ),
            ),
            closed=(
                240,
                "The registers are cross-checked every quarter and the results reported to the "
                "integrity board.",
                "Cross-check reports Q1 and Q2 2015; integrity board minutes",
            ),
        ),
        _Recommendation(
            "4",
            "Within six months, the force should ensure it has formal arrangements for the "
            "oversight of integrity and corruption-related issues, with clear lines of reporting "
            "and accountability.",
            "dcc",
            actions=(_Action("Set up the integrity board chaired by the DCC", "dcc", 90, 75),),
            closed=(
                100,
                "Integrity board meets quarterly, chaired by the DCC, with PSD and the CCU "
                "reporting to it.",
                "Integrity board terms of reference, February 2015",
            ),
        ),
        _Recommendation(
            "5",
            "Within six months, the force should ensure all staff understand the support "
            "mechanisms available to those individuals reporting misconduct.",
            "psd",
            actions=(
                _Action("Publicise the support for people who report wrongdoing", "psd", 150, 160),
            ),
            closed=(
                200,
                "Support for reporters publicised; the 2015 staff survey shows confidence up from "
                "50% to 68%.",
                "Staff survey 2015, integrity questions",
            ),
        ),
        _Recommendation(
            "6",
            "Within six months, the force should ensure that it has the proactive capability to "
            "effectively gather, respond and act on information which identifies patterns of "
            "unprofessional behaviour and corruption.",
            "ccu",
            updates=(
                _Update(
                    180,
                    PROGRESSING,
                    "Two analysts added to the CCU; the confidential reporting line's backlog "
                    "cleared. Proactive capability still limited by surveillance resources.",
                ),
            ),
            actions=(
                _Action("Two further analysts in the CCU", "ccu", 180, 170),
                _Action(
                    "Clear the reporting line's backlog and keep it under five days",
                    "analyst",
                    150,
                    150,
                ),
                _Action("Dedicated surveillance capacity for the CCU", "ccu", -90),
            ),
        ),
        _Recommendation(
            "7",
            "Within six months, the force should publish a policy which clarifies the position "
            "on suspension, resignation and retirement of officers under disciplinary "
            "investigation.",
            "complaints",
            actions=(
                _Action(
                    "Write and publish the suspension, resignation and retirement policy",
                    "complaints",
                    180,
                    185,
                ),
            ),
            closed=(
                190,
                "Policy published; suspensions reviewed monthly by the ACC as it sets out.",
                "Suspension, resignation and retirement policy, June 2015",
            ),
        ),
        _Recommendation(
            "8",
            "Within six months, the force should ensure it has an effective process to "
            "communicate to all staff, both locally and nationally identified lessons to be "
            "learnt on integrity and corruption.",
            "psd",
            updates=(
                _Update(
                    200,
                    PROGRESSING,
                    "Lessons from misconduct cases and the IPCC bulletin published on the "
                    "intranet; no process yet to collate the responses.",
                ),
            ),
        ),
    ),
)

INSPECTIONS = (INTEGRITY_2014, BETRAYAL)
PLAN_AGREED = "Accepted by the integrity board. Owner confirmed and an action plan agreed."


def _owners() -> dict:
    found = {}
    for key, lookup in OWNERS.items():
        found[key] = workforce().filter(**lookup).order_by("pk").first()
    fallback = next((person for person in found.values() if person is not None), None)
    return {key: person or fallback for key, person in found.items()}


def _day(published_on: dt.date, after: int, today: dt.date) -> dt.date:
    """``after`` days after publication, but never after today."""
    return min(published_on + dt.timedelta(days=after), today)


def _seed_recommendation(spec, inspection, owners, acting_user, today: dt.date) -> int:
    published = inspection.published_on
    recommendation = services.recommendation_add(
        inspection=inspection,
        kind=spec.kind,
        number=spec.number,
        text=spec.text,
        owner=owners[spec.owner],
        acting_user=acting_user,
    )
    rows = 1
    updates = spec.updates
    if not updates and (spec.actions or spec.closed):
        updates = (_Update(30, PROGRESSING, PLAN_AGREED),)
    for update in updates:
        services.recommendation_update_record(
            recommendation=recommendation,
            on=_day(published, update.after, today),
            status=update.status,
            comment=update.comment,
            evidence=update.evidence,
            acting_user=acting_user,
        )
        rows += 1
    for action in spec.actions if owners[spec.owner] else ():
        if action.done_after is None:
            due_on = today + dt.timedelta(days=action.due)
        else:
            due_on = published + dt.timedelta(days=action.due)
        added = services.action_add(
            recommendation=recommendation,
            description=action.description,
            owner=owners[action.owner],
            due_on=due_on,
            acting_user=acting_user,
        )
        rows += 1
        if action.done_after is not None:
            services.action_complete(
                action=added,
                completed_on=_day(published, action.done_after, today),
                acting_user=acting_user,
            )
    if spec.closed:
        after, comment, evidence = spec.closed
        services.recommendation_update_record(
            recommendation=recommendation,
            on=_day(published, after, today),
            status=COMPLETE,
            comment=comment,
            evidence=evidence,
            acting_user=acting_user,
        )
        rows += 1
    return rows


def seed_tracker(*, today: dt.date, rng: random.Random) -> int:
    """Record the demo's inspections not yet recorded; returns how many rows it added."""
    acting_user = User.objects.filter(username="psd.head").first()
    if acting_user is None:
        return 0
    owners = _owners()
    rows = 0
    for spec in INSPECTIONS:
        if Inspection.objects.filter(title=spec.title).exists():
            continue
        pcc_on = (
            _day(spec.published_on, spec.pcc_response_after, today)
            if spec.pcc_response_after is not None
            else None
        )
        inspection = services.inspection_record(
            title=spec.title,
            inspectorate=spec.inspectorate,
            kind=spec.kind,
            published_on=spec.published_on,
            url=spec.url,
            summary=spec.summary,
            pcc_response_published_on=pcc_on,
            acting_user=acting_user,
        )
        rows += 1
        for recommendation in spec.recommendations:
            rows += _seed_recommendation(recommendation, inspection, owners, acting_user, today)
    return rows
