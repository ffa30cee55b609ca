"""Normalising nominals and suggesting duplicates (ccu.matching): pure functions."""

from __future__ import annotations

import datetime as dt

import pytest

from ccu import matching
from ccu.matching import Candidate, normalise, suggest_duplicates


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("person", "Mr. John  O'Neil", "john oneil"),
        ("person", "DR Jane Smith-Jones", "jane smith jones"),
        ("person", "  ZOË   Ä. Brown ", "zoë ä brown"),
        ("person", "Mrs Misty Ms", "misty"),
        ("phone", "+44 (0)7700 900 123", "07700900123"),
        ("phone", "+44 7700 900123", "07700900123"),
        ("phone", "07700-900-123", "07700900123"),
        ("phone", "0044 7700 900123", "07700900123"),
        ("vehicle", "ab12 cde", "AB12CDE"),
        ("vehicle", "AB-12-CDE", "AB12CDE"),
        ("organisation", "Smith & Sons (Haulage) Ltd.", "smith and sons haulage ltd"),
        ("address", "12,  High St., Anytown", "12 high st anytown"),
        ("person", "", ""),
    ],
)
def test_normalise(kind, value, expected):
    assert normalise(kind, value) == expected


def test_a_title_is_kept_for_an_organisation():
    assert normalise("organisation", "Dr Foster Ltd") == "dr foster ltd"


def _person(pk, name, dob=None):
    return Candidate(pk, "person", normalise("person", name), dob)


def test_near_duplicates_are_suggested_with_reasons():
    born = dt.date(1980, 5, 1)
    found = suggest_duplicates(
        [
            _person(1, "Darren Oakes", born),
            _person(2, "Mr Darren Oaks", born),
            _person(3, "Sandra Pike"),
            Candidate(4, "phone", "07700900123"),
            Candidate(5, "phone", "07700900123"),
        ]
    ).found
    pairs = {(s.first, s.second): s for s in found}
    assert set(pairs) == {(1, 2), (4, 5)}
    assert "Same date of birth" in pairs[(1, 2)].reasons
    assert pairs[(4, 5)].score == 100


def test_different_dates_of_birth_keep_alike_names_apart():
    found = suggest_duplicates(
        [
            _person(1, "Darren Oakes", dt.date(1980, 5, 1)),
            _person(2, "Darren Oaks", dt.date(1991, 2, 3)),
        ]
    ).found
    assert found == []


def test_kinds_are_never_compared_with_each_other():
    result = suggest_duplicates(
        [Candidate(1, "person", "acme"), Candidate(2, "organisation", "acme")]
    )
    assert result.found == [] and result.comparisons == 0


def test_blocking_compares_far_fewer_than_every_pair():
    # 2,000 people across the alphabet: every pair would be 1,999,000 comparisons. Blocks by
    # first letter of the first and last word, and a window of WINDOW neighbours, bound it.
    letters = "abcdefghijklmnopqrstuvwxyz"
    candidates = [
        Candidate(n, "person", f"{letters[n % 26]}name{n} {letters[(n // 26) % 26]}surname{n}")
        for n in range(2000)
    ]
    candidates.append(Candidate(5000, "person", "aname0 asurname0x"))
    result = suggest_duplicates(candidates)
    every_pair = len(candidates) * (len(candidates) - 1) // 2
    assert result.comparisons <= 2 * len(candidates) * matching.WINDOW
    assert result.comparisons < every_pair / 20
    assert (0, 5000) in {(s.first, s.second) for s in result.found}


def test_a_joined_word_is_still_alike():
    found = suggest_duplicates(
        [
            Candidate(1, "organisation", normalise("organisation", "Kwik Kash Loans Ltd")),
            Candidate(2, "organisation", normalise("organisation", "Kwikkash Loans Ltd.")),
        ]
    ).found
    assert [(s.first, s.second) for s in found] == [(1, 2)]


def test_neighbouring_addresses_and_numbers_are_not_duplicates():
    found = suggest_duplicates(
        [
            Candidate(1, "address", normalise("address", "6 Church Street, Denby")),
            Candidate(2, "address", normalise("address", "64 Church Street, Denby")),
            Candidate(3, "phone", "07700900123"),
            Candidate(4, "phone", "07700900124"),
            Candidate(5, "address", normalise("address", "6 Church St., Denby")),
        ]
    ).found
    assert [(s.first, s.second) for s in found] == [(1, 5)]
