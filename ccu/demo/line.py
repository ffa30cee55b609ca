"""Demo data for the confidential reporting line: a year of reports, a few with a dialogue
between the CCU and the reporter, one made confidentially (its identity sealed)."""

from __future__ import annotations

import datetime as dt
import random

from ccu.models import Anonymity, LineReport
from ccu.services import line as services
from standards.accounts.models import User
from standards.people.models import Person

# (days ago, account, when and where, question from the CCU, the reporter's answer)
REPORTS = (
    (
        350,
        "A colleague keeps looking up a neighbour on the custody system. They have no case "
        "involving her and talk about what they found in the canteen.",
        "Since last spring",
        "",
        "",
    ),
    (
        320,
        "An officer on my team takes free meals from a takeaway on the high street and the "
        "owner's licence review was dropped.",
        "Friday nights",
        "Which takeaway is it, and do you know who dropped the review?",
        "The Golden Dragon. I think the licensing sergeant did.",
    ),
    (
        290,
        "A PCSO is in a relationship with a man who I believe is dealing drugs from the "
        "estate she patrols.",
        "",
        "",
        "",
    ),
    (
        255,
        "Someone in the property store has been taking cash from found property bags before "
        "they are counted.",
        "Central station property store",
        "",
        "",
    ),
    (
        220,
        "A detective contacts the victim of a domestic abuse case by text late at night and "
        "the messages are not about the case.",
        "Over the last two months",
        "Have you seen the messages yourself, or been told about them?",
        "The victim showed me on her phone when I took a further statement.",
    ),
    (
        190,
        "A sergeant is running a security business on the side and using force contacts to "
        "win work.",
        "",
        "",
        "",
    ),
    (
        150,
        "Information about a planned warrant seems to have reached the target before we "
        "arrived: the house had been cleared.",
        "Operation at Mill Lane in the autumn",
        "",
        "",
    ),
    (
        120,
        "A colleague has asked me twice to run vehicle checks for a friend of theirs who is a "
        "private investigator.",
        "Response team, nights",
        "Did you run the checks?",
        "No, I refused both times, and they were annoyed.",
    ),
    (
        90,
        "An inspector is pressuring junior officers to drop complaints against a friend.",
        "",
        "",
        "",
    ),
    (60, "A custody officer sells details of arrested footballers to a journalist.", "", "", ""),
    (
        30,
        "A member of staff in the control room shares incident logs on a private chat group.",
        "Most shifts",
        "Who is in the chat group, as far as you know?",
        "",
    ),
    (8, "An officer is accepting gifts from a car dealer whose vehicles were seized.", "", "", ""),
)
CONFIDENTIAL = 4  # the index of the one report made confidentially


def seed_line(*, today: dt.date, rng: random.Random) -> int:
    """The year's line reports, once (a rerun adds nothing)."""
    if LineReport.objects.exists():
        return 0
    analyst = User.objects.filter(username="ccu.analyst").first()
    if analyst is None:
        return 0
    reporters = list(Person.objects.serving(today).exclude(pk=analyst.person_id)[:50])
    created = 0
    for index, (days_ago, account, when_where, question, answer) in enumerate(REPORTS):
        day = today - dt.timedelta(days=days_ago)
        confidential = index == CONFIDENTIAL and reporters
        line_report, code = services.line_report_make(
            what_happened=account,
            when_where=when_where,
            anonymity=Anonymity.CONFIDENTIAL if confidential else Anonymity.ANONYMOUS,
            person=rng.choice(reporters) if confidential else None,
            today=day,
        )
        created += 1
        if question:
            asked_on = min(today, day + dt.timedelta(days=rng.randint(2, 6)))
            services.line_message_send(
                line_report=line_report, text=question, acting_user=analyst, sent_on=asked_on
            )
            if answer:
                # The reporter comes back with the code they were given.
                services.line_reply(
                    code=code,
                    text=answer,
                    today=min(today, asked_on + dt.timedelta(days=rng.randint(1, 7))),
                )
    return created
