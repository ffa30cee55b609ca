"""Matching organisations and people across registers: pure functions and an in-memory index.

Organisations are compared after ``normalise_org``: legal suffixes removed (cleanco knows
"Ltd", "Limited", "PLC", "LLP" and their foreign kin), "&" read as "and", punctuation and case
dropped, so "Acme Ltd" and "ACME Limited" are both "acme". Two normalised names match when
rapidfuzz's ratio reaches ``CROSSCHECK_ORG_THRESHOLD`` (a setting), or when both carry the same
Companies House number. The ratio is taken without the word "and" (``org_compared``): "Smith &
Jones", "Smith and Jones" and "Smith Jones" are one firm written three ways, and the three
letters of "and" would otherwise push a short name below the threshold.

``OrgIndex`` never compares every pair: names are put in blocks by each of their significant
words (a word of three letters or more that is not a common trading word), and a name is only
compared with the names that share a block with it. "Acme Holdings" and "Acme Ltd" share the
block "acme" and are compared, and fail ("acme holdings" is not "acme"); "Acne Ltd" shares no
block with "Acme Ltd" and is never compared. The price is that a name misspelt in every
significant word is missed, which the benchmark measures (bench/crosschecks.py).

People are matched on name plus date of birth: ``person_blocks`` are the blocking keys (date of
birth with each word of the name), and ``same_person`` compares the full names within one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cleanco import basename
from django.conf import settings
from rapidfuzz import fuzz, process

_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")
_COMPANY_NUMBER = re.compile(r"^(?:[A-Z]{2}\d{6}|\d{8})$")
# Words too common in trading names to say which organisation is meant.
COMMON_WORDS = frozenset(
    {
        "and", "the", "of", "for", "group", "services", "service", "uk", "solutions",
        "international", "company", "trading", "holdings", "consulting", "systems", "limited",
    }
)  # fmt: skip
TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "rev", "prof"}
)


def _words(value: str) -> list[str]:
    value = value.casefold().replace("&", " and ").replace("+", " and ")
    # An apostrophe or full stop joins ("O'Neil" -> "oneil", "B.T." -> "bt"); other
    # punctuation separates.
    value = re.sub(r"['\u2019.]", "", value)
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", value).replace("_", " ")).split()


def normalise_org(name: str) -> str:
    """The form of an organisation's name that matching compares."""
    name = (name or "").strip()
    # cleanco reads the suffix off the name as written ("Acme Ltd." / "ACME (UK) LIMITED"); it
    # is run twice because names such as "Acme Holdings Ltd PLC" carry two.
    stripped = basename(basename(name)) or name
    return " ".join(_words(stripped))


def normalise_person(name: str) -> str:
    return " ".join(word for word in _words(name or "") if word not in TITLES)


def normalise_company_number(value: str) -> str:
    """Companies House numbers as the register writes them: eight characters, zero-padded
    ("1234567" -> "01234567"); anything that cannot be one is dropped."""
    value = re.sub(r"\s", "", (value or "").upper())
    if value.isdigit() and len(value) < 8:
        value = value.zfill(8)
    return value if _COMPANY_NUMBER.match(value) else ""


def org_threshold() -> float:
    return float(settings.CROSSCHECK_ORG_THRESHOLD)


def org_compared(normalised: str) -> str:
    """The form of a normalised name that the ratio is taken on: without "and"."""
    return " ".join(word for word in normalised.split() if word != "and") or normalised


def org_score(first: str, second: str) -> float:
    """0-100: how alike two normalised organisation names are."""
    return fuzz.ratio(org_compared(first), org_compared(second))


def org_blocks(normalised: str) -> set[str]:
    words = [word for word in normalised.split() if word not in COMMON_WORDS]
    significant = {word for word in words if len(word) >= 3}
    # A name of only short or common words ("b and q", "the services group") is its own block.
    return significant or {normalised}


@dataclass(frozen=True)
class OrgMatch:
    key: object  # what the index was given for the matched name (a supplier's pk, say)
    name: str
    score: float
    on_company_number: bool = False


class OrgIndex:
    """Organisation names, blocked for lookup. ``add(key, normalised, company_number)`` then
    ``match(normalised, company_number)`` for each name on the other side.

    Each block is scored in one call to rapidfuzz's C loop (``process.extract`` with a cut-off),
    not a Python loop a pair: a register's trading words ("security", "catering") make blocks of
    thousands of names. Within a block only names of a length that could reach the threshold are
    scored: a ratio of ``t`` needs the shorter name to be at least ``t / (200 - t)`` of the
    longer one.
    """

    def __init__(self, *, threshold: float | None = None) -> None:
        self.threshold = org_threshold() if threshold is None else threshold
        self._entries: list[tuple[object, str]] = []
        self._by_number: dict[str, list[int]] = defaultdict(list)
        self._block_names: dict[str, list[str]] = defaultdict(list)
        self._block_positions: dict[str, list[int]] = defaultdict(list)
        self._block_lengths: dict[str, list[int]] = {}
        self._sorted = True
        self.comparisons = 0

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, key: object, normalised: str, company_number: str = "") -> None:
        position = len(self._entries)
        self._entries.append((key, normalised))
        compared = org_compared(normalised)
        for block in org_blocks(normalised):
            self._block_names[block].append(compared)
            self._block_positions[block].append(position)
        if company_number:
            self._by_number[company_number].append(position)
        self._sorted = False

    def _sort_blocks(self) -> None:
        for block, names in self._block_names.items():
            order = sorted(range(len(names)), key=lambda at: len(names[at]))
            positions = self._block_positions[block]
            self._block_names[block] = [names[at] for at in order]
            self._block_positions[block] = [positions[at] for at in order]
            self._block_lengths[block] = [len(names[at]) for at in order]
        self._sorted = True

    def match(self, normalised: str, company_number: str = "") -> list[OrgMatch]:
        """Every indexed name that matches, best first."""
        if not self._sorted:
            self._sort_blocks()
        compared = org_compared(normalised)
        share = self.threshold / (200 - self.threshold) if self.threshold < 100 else 1.0
        shortest = math.ceil(len(compared) * share - 1e-9)
        longest = math.floor(len(compared) / share + 1e-9) if share else None
        found: dict[int, OrgMatch] = {}
        for position in self._by_number.get(company_number, ()) if company_number else ():
            key, name = self._entries[position]
            found[position] = OrgMatch(key, name, 100.0, on_company_number=True)
        for block in org_blocks(normalised):
            names = self._block_names.get(block)
            if not names:
                continue
            lengths = self._block_lengths[block]
            low = bisect.bisect_left(lengths, shortest)
            high = len(lengths) if longest is None else bisect.bisect_right(lengths, longest)
            self.comparisons += max(0, high - low)
            positions = self._block_positions[block]
            for _name, score, at in process.extract(
                compared,
                names[low:high],
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=self.threshold,
                limit=None,
            ):
                position = positions[low + at]
                if position not in found:
                    key, name = self._entries[position]
                    found[position] = OrgMatch(key, name, score)
        return sorted(found.values(), key=lambda match: (-match.score, str(match.key)))


def person_blocks(normalised_name: str, date_of_birth: dt.date | None) -> set[tuple]:
    """The blocks a person is matched in: their date of birth with each word of their name, so
    a misspelt surname, or a name written "Surname, First", is still compared. Without a date
    of birth a person is never matched: a name alone names too many people."""
    if date_of_birth is None:
        return set()
    return {(word, date_of_birth) for word in normalised_name.split() if len(word) > 1}


def same_person(first: str, second: str) -> float:
    """0-100: how alike two normalised full names are (word order ignored: "smith john")."""
    return fuzz.token_sort_ratio(first, second)


def person_threshold() -> float:
    return float(settings.CROSSCHECK_PERSON_THRESHOLD)


def chunked(values: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
