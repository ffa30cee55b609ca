"""Demo data for the CCU's watchlists and risk tools: three people on the watchlist with the
alerts the intelligence about them raised, and a score for about twenty people, four of them at
or above a threshold (the People Intelligence Board). Everything goes through the services."""

from __future__ import annotations

import datetime as dt
import random

from ccu.models import (
    AlertKind,
    Questionnaire,
    ReportSubject,
    RiskAssessment,
    WatchlistEntry,
)
from ccu.services import risk as risk_services
from ccu.services import watch as watch_services
from standards.access.roles import CCU_ROLES
from standards.accounts.models import User
from standards.people.models import Person

WATCH_REASONS = (
    "Two reports in a year of searches of the crime system for an associate's address.",
    "Named by a partner agency as in contact with an organised crime group.",
    "Undeclared business interest suspected; a financial investigation is being considered.",
)
ASSESSED = 20
ABOVE = 4


def seed_watch(*, today: dt.date, rng: random.Random) -> int:
    head = User.objects.filter(username="ccu.head").first()
    analyst = User.objects.filter(username="ccu.analyst").first()
    if head is None or analyst is None:
        return 0
    # Nobody in the CCU is watched or scored in the demo: they would lose sight of their own work.
    ccu_people = set(
        User.objects.filter(groups__name__in=[r.value for r in CCU_ROLES])
        .exclude(person__isnull=True)
        .values_list("person_id", flat=True)
    )
    pool = list(Person.objects.serving(today).exclude(pk__in=ccu_people).order_by("staff_number"))
    if len(pool) < ASSESSED + 3:
        return 0
    return _seed_watchlist(today, rng, head, pool, ccu_people) + _seed_scores(
        rng, head, analyst, pool
    )


def _seed_watchlist(today, rng, head, pool, ccu_people) -> int:
    if WatchlistEntry.objects.exists():
        return 0
    # The people the intelligence is about come first, so their reports raise alerts.
    about = list(
        dict.fromkeys(
            ReportSubject.objects.exclude(person_id__in=ccu_people)
            .order_by("-report__received_on", "pk")
            .values_list("person_id", flat=True)
        )
    )[:3]
    watched = list(Person.objects.filter(pk__in=about))
    others = [p for p in pool if p.pk not in about]
    watched += rng.sample(others, k=3 - len(watched))
    created = 0
    for index, person in enumerate(watched):
        entry = watch_services.watch_add(
            person=person,
            reason=WATCH_REASONS[index],
            # One review falls due soon, so the list shows how a due review looks.
            review_on=today + dt.timedelta(days=3 if index == 0 else 60 + 30 * index),
            acting_user=head,
        )
        created += 1
        subjects = (
            ReportSubject.objects.filter(person=person)
            .select_related("report")
            .order_by("-report__received_on")[:3]
        )
        for subject in subjects:
            report = subject.report
            watch_services.alert_raise_for(
                kind=AlertKind.INTELLIGENCE,
                record=report,
                person_ids=[person.pk],
                summary=f"{report.reference}: intelligence recorded",
            )
        created += entry.alerts.count()
    return created


def _answers(questionnaire: Questionnaire, *, above: bool, rng: random.Random) -> dict:
    """Yes to questions in a random order until the score is just at or above the threshold
    (``above``), or stays below it."""
    questions = list(questionnaire.questions.all())
    rng.shuffle(questions)
    answers, score = {}, 0
    for question in questions:
        if above:
            yes = score < questionnaire.threshold
        else:
            yes = score + question.weight < questionnaire.threshold and rng.random() < 0.4
        answers[question.pk] = yes
        score += question.weight if yes else 0
    return answers


def _seed_scores(rng, head, analyst, pool) -> int:
    if RiskAssessment.objects.exists():
        return 0
    questionnaires = list(Questionnaire.objects.filter(active=True).order_by("slug"))
    if not questionnaires:
        return 0
    people = rng.sample(pool, k=ASSESSED)
    created = 0
    for index, person in enumerate(people):
        questionnaire = questionnaires[index % len(questionnaires)]
        # A first score below the threshold for everyone; four are scored again and cross it.
        risk_services.risk_assess(
            person=person,
            questionnaire=questionnaire,
            answers=_answers(questionnaire, above=False, rng=rng),
            rationale="Scored at the monthly review of the intelligence held on them.",
            acting_user=analyst,
        )
        created += 1
        if index < ABOVE:
            risk_services.risk_assess(
                person=person,
                questionnaire=questionnaire,
                answers=_answers(questionnaire, above=True, rng=rng),
                rationale="Rescored after new intelligence: taken to the People Intelligence "
                "Board.",
                acting_user=head,
            )
            created += 1
    return created
