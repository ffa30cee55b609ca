"""Matching a new complaint (an ``Intake``) with the open cases it may repeat or add to.

Forces count duplicates and follow-ups as new complaints (Police Scotland's 1,052 unallocated
cases in September 2025 included both), so before a caseworker opens a case from an intake they
are shown the open cases it resembles, each with its reasons, and may add it to one instead.

Two steps, so the database does the narrowing and Python only scores a handful of cases:

1. ``prefilter(intake)``: a SQL condition on ``Case`` (open cases sharing the e-mail address,
   phone number or postcode, an incident within a week, a complainant with the same surname, a
   subject with a collar number the complainant gave, or an earlier complaint whose reference
   the complainant quotes).
2. ``score(intake, case)``: compares the details (names with rapidfuzz on normalised text, the
   e-mail exactly, the phone's last 10 digits, the postcode without spaces, incident dates within
   7 days, the place fuzzily, the officers named against the case's subjects) and returns the
   reasons and a score; a case under ``THRESHOLD`` is not offered.

The caller fetches the prefiltered cases through the access policy (``case_list_for_user``), so
a case out of the user's sight is never offered.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Exists, F, Func, OuterRef, Q, Value
from django.db.models.functions import Lower, Replace, Right, Upper
from rapidfuzz import fuzz

from complaints.models import Case, Complainant, Intake, Subject

# Points for each kind of likeness; a case scoring THRESHOLD or more is offered. A name alone, an
# e-mail or phone alone, or a postcode with an incident in the same week is enough; an incident
# on the same day at a similar place is offered too (a second complaint about one incident).
EMAIL_POINTS = 40
PHONE_POINTS = 35
SAME_NAME_POINTS = 35
SIMILAR_NAME_POINTS = 25
POSTCODE_POINTS = 15
SAME_DAY_POINTS = 15
SAME_WEEK_POINTS = 10
PLACE_POINTS = 10
OFFICER_POINTS = 20
QUOTED_POINTS = 60  # on its own a strong match
THRESHOLD = 25
STRONG = 60

DATE_WINDOW_DAYS = 7
SAME_NAME_RATIO = 90
SIMILAR_NAME_RATIO = 80
PLACE_RATIO = 85
OFFICER_RATIO = 85
# The prefilter's cap: enough for every real duplicate, never the whole caseload.
MAX_CANDIDATES = 200

_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev"})
_RANKS = frozenset(
    {"pc", "psc", "pcso", "ps", "sgt", "sergeant", "di", "dc", "ds", "dci", "insp", "inspector",
     "ch", "chief", "supt", "superintendent", "officer", "constable", "det", "detective"}
)  # fmt: skip


# --- normalising -------------------------------------------------------------------------------


def _plain(text: str) -> str:
    """Lower case, accents off, punctuation to spaces, single spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    # O'Neill and ONeill are one name: apostrophes go, other punctuation splits words.
    text = text.replace("'", "").replace("\u2019", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def normalise_name(name: str) -> str:
    return " ".join(word for word in _plain(name).split() if word not in _TITLES)


def surname(name: str) -> str:
    words = normalise_name(name).split()
    return words[-1] if words else ""


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def normalise_phone(phone: str) -> str:
    """The last 10 digits: "07700 900123" and "+44 7700 900123" are the same number."""
    digits = re.sub(r"\D", "", phone or "")
    return digits[-10:] if len(digits) >= 10 else ""


def normalise_postcode(postcode: str) -> str:
    return re.sub(r"\s+", "", postcode or "").upper()


def officer_lines(text: str) -> list[str]:
    """The officers or staff named, one a line (blank lines dropped)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# A complainant's reference (services.intake.new_reference), as they may quote it in a follow-up.
_REFERENCE = re.compile(r"\bPC-?([A-Z0-9]{8})\b", re.IGNORECASE)


def quoted_references(intake: Intake) -> set[str]:
    """The complainant references the intake quotes (not its own): "my reference is pc-abcd2345"
    names the complaint it follows up."""
    text = " ".join((intake.what_happened, intake.outcome_wanted, intake.officers_named))
    found = {f"PC-{code.upper()}" for code in _REFERENCE.findall(text)}
    return found - {intake.reference}


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d{2,}", text or ""))


# --- step 1: the SQL prefilter -----------------------------------------------------------------


def _digits_sql(field: str) -> Right:
    # RIGHT(REGEXP_REPLACE(phone, '\D', '', 'g'), 10): the phone as normalise_phone has it.
    digits = Func(F(field), Value(r"\D"), Value(""), Value("g"), function="REGEXP_REPLACE")
    return Right(digits, 10)


def prefilter(intake: Intake) -> Q:
    """The open cases worth scoring: a condition on ``Case``, one query whatever the caseload."""
    complainants = Q()
    condition = Q(pk__in=[])
    if quoted := quoted_references(intake):
        condition |= Exists(Intake.objects.filter(case=OuterRef("pk"), reference__in=quoted))
    if email := normalise_email(intake.email):
        complainants |= Q(email__iexact=email)
    if phone := normalise_phone(intake.phone):
        complainants |= Q(phone_digits=phone)
    if postcode := normalise_postcode(intake.postcode):
        complainants |= Q(postcode_plain=postcode)
    if (last := surname(intake.name)) and len(last) > 1:
        complainants |= Q(name_plain__contains=last)
    if complainants:
        same = Complainant.objects.alias(
            phone_digits=_digits_sql("phone"),
            postcode_plain=Replace(Upper("postcode"), Value(" "), Value("")),
            name_plain=Replace(Replace(Lower("name"), Value("'"), Value("")), Value("\u2019")),
        ).filter(complainants, case=OuterRef("pk"))
        condition |= Exists(same)
    if intake.incident_date:
        window = dt.timedelta(days=DATE_WINDOW_DAYS)
        condition |= Q(
            incident_date__range=(intake.incident_date - window, intake.incident_date + window)
        )
    if numbers := _numbers(intake.officers_named):
        condition |= Exists(
            Subject.objects.filter(case=OuterRef("pk"), person__collar_number__in=numbers)
        )
    return condition


# --- step 2: scoring ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    case: Case
    score: int
    reasons: tuple[str, ...]

    @property
    def strong(self) -> bool:
        return self.score >= STRONG


def _name_reason(intake_name: str, names: list[str]) -> tuple[int, str]:
    wanted = normalise_name(intake_name)
    if not wanted:
        return 0, ""
    best = 0.0
    variant = False
    for name in names:
        theirs = normalise_name(name)
        if not theirs:
            continue
        best = max(best, fuzz.token_sort_ratio(wanted, theirs))
        variant = variant or _same_person_variant(wanted, theirs)
    if best >= SAME_NAME_RATIO:
        return SAME_NAME_POINTS, "Same complainant name"
    if best >= SIMILAR_NAME_RATIO or variant:
        return SIMILAR_NAME_POINTS, "Similar complainant name"
    return 0, ""


def _same_person_variant(a: str, b: str) -> bool:
    """Same surname, and first names where one starts the other ("Jon" and "Jonathan") or an
    initial stands for the name ("J Smith")."""
    first_a, *_, last_a = a.split() if len(a.split()) > 1 else (a, a)
    first_b, *_, last_b = b.split() if len(b.split()) > 1 else (b, b)
    if last_a != last_b or first_a == last_a or first_b == last_b:
        return False
    return first_a.startswith(first_b) or first_b.startswith(first_a)


def _officer_reasons(intake: Intake, subjects: list[Subject]) -> list[str]:
    reasons = []
    for line in officer_lines(intake.officers_named):
        plain = _plain(line)
        numbers = _numbers(line)
        words = [w for w in plain.split() if w not in _RANKS and not w.isdigit()]
        for subject in subjects:
            person = subject.person
            if person is not None:
                collar = person.collar_number
                name = _plain(f"{person.first_name} {person.last_name}")
                same_collar = bool(collar) and bool(_numbers(collar) & numbers)
                same_name = bool(words) and (
                    fuzz.token_set_ratio(" ".join(words), name) >= OFFICER_RATIO
                    or _plain(person.last_name) in words
                )
                label = f"{person.first_name} {person.last_name}"
                if same_collar:
                    reasons.append(f"Officer named ({line}) has the collar number of {label}")
                    break
                if same_name:
                    reasons.append(f"Officer named ({line}) matches {label}, a subject")
                    break
            elif (
                subject.description
                and words
                and fuzz.token_set_ratio(" ".join(words), _plain(subject.description))
                >= OFFICER_RATIO
            ):
                reasons.append(f"Officer named ({line}) matches an unidentified subject")
                break
    return reasons


def score(intake: Intake, case: Case) -> Match | None:
    """How much ``case`` looks like ``intake``, and why; None under the threshold. The case's
    complainants, subjects (with their person) and intakes should be prefetched."""
    complainants = list(case.complainants.all())
    points = 0
    reasons: list[str] = []

    quoted = quoted_references(intake) & {i.reference for i in case.intakes.all()}
    if quoted:
        points += QUOTED_POINTS
        reasons.append(f"Quotes the reference {', '.join(sorted(quoted))} of this case")

    email = normalise_email(intake.email)
    if email and any(normalise_email(c.email) == email for c in complainants):
        points += EMAIL_POINTS
        reasons.append("Same e-mail address")
    phone = normalise_phone(intake.phone)
    if phone and any(normalise_phone(c.phone) == phone for c in complainants):
        points += PHONE_POINTS
        reasons.append("Same phone number")
    name_points, name_reason = _name_reason(intake.name, [c.name for c in complainants])
    if name_points:
        points += name_points
        reasons.append(name_reason)
    postcode = normalise_postcode(intake.postcode)
    if postcode and any(normalise_postcode(c.postcode) == postcode for c in complainants):
        points += POSTCODE_POINTS
        reasons.append("Same postcode")

    if intake.incident_date and case.incident_date:
        apart = abs((intake.incident_date - case.incident_date).days)
        if apart == 0:
            points += SAME_DAY_POINTS
            reasons.append("Same incident date")
        elif apart <= DATE_WINDOW_DAYS:
            points += SAME_WEEK_POINTS
            reasons.append(f"Incident date {apart} day{'s' if apart > 1 else ''} apart")
    place, theirs = _plain(intake.incident_place), _plain(case.incident_place)
    if place and theirs and fuzz.token_set_ratio(place, theirs) >= PLACE_RATIO:
        points += PLACE_POINTS
        reasons.append("Similar incident place")

    officers = _officer_reasons(intake, list(case.subjects.all()))
    if officers:
        points += OFFICER_POINTS
        reasons.extend(officers)

    if points < THRESHOLD:
        return None
    return Match(case=case, score=points, reasons=tuple(reasons))
