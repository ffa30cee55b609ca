"""Organisation and person matching: normalisation, blocking and thresholds."""

from __future__ import annotations

import datetime as dt

import pytest

from registers.crosschecks.matching import (
    OrgIndex,
    normalise_company_number,
    normalise_org,
    normalise_person,
    person_blocks,
    same_person,
)


def _matches(first: str, second: str) -> bool:
    index = OrgIndex(threshold=90)
    index.add("x", normalise_org(second))
    return bool(index.match(normalise_org(first)))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Acme Ltd", "ACME Limited"),
        ("Acme Ltd.", "acme ltd"),
        ("J Smith & Sons Ltd", "J. Smith and Sons Limited"),
        # "and" is not compared: without it, a short name falls below the threshold (89.5).
        ("Wucam & Shemea Ltd", "Wucam Shemea Ltd"),
        ("Acme Security Services PLC", "ACME SECURITY SERVICES LIMITED"),
        ("Northgate Vehicle Hire Ltd", "Northgate Vehicle Hire Limited"),
    ],
)
def test_the_same_organisation_written_differently_matches(first, second):
    assert _matches(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Acme Holdings", "Acme Ltd"),
        ("Acne Ltd", "Acme Ltd"),
        ("Acme Security Ltd", "Apex Security Ltd"),
    ],
)
def test_different_organisations_do_not_match(first, second):
    assert not _matches(first, second)


def test_a_company_number_matches_whatever_the_names():
    index = OrgIndex(threshold=90)
    index.add("supplier", normalise_org("Blue Lamp Trading Ltd"), "01234567")
    [match] = index.match(normalise_org("BLT Group"), normalise_company_number("1234567"))
    assert match.on_company_number and match.key == "supplier"


def test_blocking_never_compares_names_with_no_significant_word_in_common():
    index = OrgIndex(threshold=90)
    for n, name in enumerate(["Acme Ltd", "Zenith Ltd", "Orbit Ltd", "Acme Security Ltd"]):
        index.add(n, normalise_org(name))
    index.match(normalise_org("ACME Limited"))
    # Only "acme" itself: "acme security" shares the block but is too long to reach 90.
    assert index.comparisons == 1


def test_company_numbers_are_read_as_companies_house_writes_them():
    assert normalise_company_number(" 1234567 ") == "01234567"
    assert normalise_company_number("sc123456") == "SC123456"
    assert normalise_company_number("not a number") == ""


def test_people_match_on_name_and_date_of_birth():
    born = dt.date(1980, 5, 1)
    assert person_blocks(normalise_person("Mr John O'Neil"), born) & person_blocks(
        normalise_person("john oneil"), born
    )
    assert same_person(normalise_person("Mr John O'Neil"), normalise_person("ONEIL, John")) >= 88
    assert not person_blocks(normalise_person("John Oneil"), None)
    assert not person_blocks(normalise_person("John Oneil"), born) & person_blocks(
        normalise_person("John Oneil"), dt.date(1980, 5, 2)
    )


def test_a_name_written_surname_first_is_still_compared():
    born = dt.date(1979, 2, 3)
    first = normalise_person("Darren Oneil")
    second = normalise_person("ONEIL, Darren")
    assert person_blocks(first, born) & person_blocks(second, born)
    assert same_person(first, second) == 100


def test_scoring_a_block_at_once_and_by_length_finds_what_comparing_each_pair_finds():
    """The index scores each block in rapidfuzz's C loop, only against names of a length that
    could reach the threshold; it must find exactly the names a pair-by-pair comparison within
    the blocks finds, with the same scores."""
    from registers.crosschecks.matching import org_blocks, org_score

    words = ["acme", "acne", "northmoor", "security", "catering", "fleet", "crown", "castle"]
    names = sorted(
        {
            normalise_org(f"{first} {second} {suffix}")
            for first in words
            for second in words
            for suffix in ("Ltd", "Services", "Holdings", "Co")
        }
        | {"acme", "acme security", "acme securty", "b and q", "northmore catering"}
    )
    index = OrgIndex(threshold=90)
    for number, name in enumerate(names):
        index.add(number, name)

    for name in [*names, "acme securities", "northmoor cateing", "castle crown fleet"]:
        expected = sorted(
            (
                (-org_score(name, other), number)
                for number, other in enumerate(names)
                if org_blocks(name) & org_blocks(other) and org_score(name, other) >= 90
            ),
        )
        found = [(-match.score, match.key) for match in index.match(name)]
        assert sorted(found) == expected, name
