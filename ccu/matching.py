"""Normalising nominals and suggesting duplicates: pure functions, no database.

``normalise`` turns a name, number, registration or address into the form search and the
duplicate suggestions compare ("Mr. John  O'Neil" and "john oneil" are the same string), so a
nominal is recorded as it was given and matched as it is meant.

``suggest_duplicates`` never compares every pair: nominals are put in blocks (the same kind and
the same first letter of the first or the last word, or the first characters of a number), and
within a block each is compared only with its nearest neighbours in sorted order (a sorted
neighbourhood of ``WINDOW``). 200,000 nominals cost a few million comparisons at most, not 20
billion. The price is that a misspelt first letter in both words is missed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

# A pair scoring at least this (0-100, rapidfuzz's token sort ratio) is suggested.
SUGGESTION_THRESHOLD = 88
# With two different dates of birth, two people are the same only if their names are all but
# identical (a date mistyped in one of them).
DIFFERENT_BIRTH_THRESHOLD = 97
# Each nominal is compared with this many of its neighbours in its block.
WINDOW = 20

TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "rev", "prof"}
)
NAMED_KINDS = frozenset({"person", "organisation", "address"})

_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def _words(value: str) -> list[str]:
    value = value.casefold().replace("&", " and ")
    # An apostrophe or full stop joins ("O'Neil" -> "oneil"); other punctuation separates.
    value = re.sub(r"['\u2019.]", "", value)
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", value).replace("_", " ")).split()


def normalise(kind: str, value: str) -> str:
    """The form of ``value`` (a nominal of ``kind``) that search and matching compare."""
    value = value or ""
    if kind == "phone":
        # "+44 (0)7700 ..." writes the trunk 0 that the country code replaces.
        value = value.strip().replace("(0)", "")
        digits = re.sub(r"\D", "", value)
        if value.startswith("+44"):
            digits = "0" + digits[2:]
        elif digits.startswith("0044"):
            digits = "0" + digits[4:]
        return digits
    if kind == "vehicle":
        return re.sub(r"[^0-9A-Z]", "", value.upper())
    words = _words(value)
    if kind == "person":
        words = [word for word in words if word not in TITLES]
    return " ".join(words)


@dataclass(frozen=True)
class Candidate:
    """What matching needs of a nominal."""

    pk: int
    kind: str
    normalised: str
    date_of_birth: dt.date | None = None


@dataclass(frozen=True)
class Suggestion:
    first: int
    second: int
    score: int
    reasons: tuple[str, ...]


@dataclass
class Suggestions:
    found: list[Suggestion] = field(default_factory=list)
    comparisons: int = 0


def blocking_keys(candidate: Candidate) -> set[tuple[str, str]]:
    """The blocks a nominal is compared within."""
    value = candidate.normalised
    if not value:
        return set()
    if candidate.kind in NAMED_KINDS:
        words = value.split()
        return {(candidate.kind, words[0][0]), (candidate.kind, words[-1][0])}
    # A number or a registration: its first three characters.
    return {(candidate.kind, value[:3])}


def _numbers(value: str) -> list[str]:
    return re.findall(r"\d+", value)


def score(first: Candidate, second: Candidate) -> tuple[int, tuple[str, ...]] | None:
    """How alike two nominals are, and why; None below the threshold."""
    if first.kind == "phone" and first.normalised != second.normalised:
        return None  # one digit apart is another number, not a typing slip to merge
    if first.kind == "address" and _numbers(first.normalised) != _numbers(second.normalised):
        return None  # 6 and 64 Church Street are neighbours, not the same place
    # The better of the plain ratio ("kwikkash" / "kwik kash") and the word-order-blind one
    # ("Oakes Darren" / "Darren Oakes").
    value = round(
        max(
            fuzz.ratio(first.normalised, second.normalised),
            fuzz.token_sort_ratio(first.normalised, second.normalised),
        )
    )
    reasons = []
    if first.normalised == second.normalised:
        reasons.append("Same name once spelling and punctuation are set aside")
    elif value >= SUGGESTION_THRESHOLD:
        reasons.append(f"Names {value}% alike")
    if first.date_of_birth and second.date_of_birth:
        if first.date_of_birth == second.date_of_birth:
            reasons.append("Same date of birth")
            value = min(100, value + 5)
        elif value < DIFFERENT_BIRTH_THRESHOLD:
            return None
        else:
            reasons.append("Different dates of birth")
    if value < SUGGESTION_THRESHOLD:
        return None
    return value, tuple(reasons)


def suggest_duplicates(candidates: Iterable[Candidate]) -> Suggestions:
    """Pairs of nominals that may be the same, best first, and how many comparisons it took."""
    blocks: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        for key in blocking_keys(candidate):
            blocks[key].append(candidate)
    result = Suggestions()
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        members.sort(key=lambda c: (c.normalised, c.pk))
        for index, first in enumerate(members):
            for second in members[index + 1 : index + 1 + WINDOW]:
                pair = (min(first.pk, second.pk), max(first.pk, second.pk))
                if pair in seen:
                    continue
                seen.add(pair)
                result.comparisons += 1
                scored = score(first, second)
                if scored is not None:
                    result.found.append(Suggestion(*pair, score=scored[0], reasons=scored[1]))
    result.found.sort(key=lambda s: (-s.score, s.first, s.second))
    return result
