"""Repeat donors: one donor (every spelling of it) offering to many members, one member offered
many times by one donor, within the window; the same findings whatever the number of chunks."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from registers.crosschecks import checks
from registers.crosschecks.checks.repeat_donors import donor_block
from registers.crosschecks.models import Finding, FindingStatus
from registers.crosschecks.services.runs import crosschecks_run_by_hand
from registers.gifts.models import Direction, GiftStatus, Response
from tests.people.factories import PersonFactory
from tests.registers.gifts.factories import GiftFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)
MEMBERS = "repeat-donor-members"
GIFTS = "repeat-member-donor"


@pytest.fixture(autouse=True)
def _thresholds(settings):
    settings.CROSSCHECK_REPEAT_MONTHS = 12
    settings.CROSSCHECK_DONOR_MEMBERS = 3
    settings.CROSSCHECK_MEMBER_GIFTS = 3


def _run(name: str) -> dict[str, Finding]:
    crosschecks_run_by_hand(today=TODAY, names=[name])
    return {
        finding.key: finding
        for finding in Finding.objects.filter(check_name=name, status=FindingStatus.OPEN)
    }


def _months_ago(months: int) -> dt.date:
    year, month = divmod(TODAY.month - 1 - months, 12)
    return TODAY.replace(year=TODAY.year + year, month=month + 1)


def test_acme_ltd_and_acme_limited_are_one_donor_to_many_members():
    members = [PersonFactory() for _ in range(3)]
    for member, name in zip(members, ["Acme Ltd", "ACME Limited", "acme ltd."], strict=True):
        GiftFactory(declarant=member, donor_name=name, offered_on=_months_ago(1))

    findings = _run(MEMBERS)

    finding = findings[f"{MEMBERS}:donor-acme"]
    assert set(finding.people.values_list("pk", flat=True)) == {member.pk for member in members}
    assert finding.details["members"] == 3
    assert finding.details["donor_names"] == ["ACME Limited", "Acme Ltd", "acme ltd."]
    assert "3 members" in finding.summary


@pytest.mark.parametrize("other", ["Acme Holdings", "Acne Ltd"])
def test_a_similar_name_is_another_donor(other):
    for name in ["Acme Ltd", "ACME Limited", other]:
        GiftFactory(donor_name=name, offered_on=_months_ago(1))

    assert _run(MEMBERS) == {}


def test_a_misspelling_within_the_threshold_is_the_same_donor():
    for name in ["Northmoor Caterers Ltd", "Northmoor Caterers Limited", "Northmoor Caters"]:
        GiftFactory(donor_name=name, offered_on=_months_ago(2))

    assert list(_run(MEMBERS)) == [f"{MEMBERS}:donor-northmoor caterers"]


def test_two_offers_to_one_member_count_once_towards_the_members():
    member = PersonFactory()
    GiftFactory(declarant=member, donor_name="Acme Ltd", offered_on=_months_ago(1))
    GiftFactory(declarant=member, donor_name="Acme Ltd", offered_on=_months_ago(2))
    GiftFactory(donor_name="Acme Ltd", offered_on=_months_ago(1))

    assert _run(MEMBERS) == {}


@pytest.mark.parametrize(("months", "found"), [(11, True), (13, False)])
def test_only_offers_within_the_window_count(months, found):
    GiftFactory(donor_name="Acme Ltd", offered_on=_months_ago(1))
    GiftFactory(donor_name="Acme Ltd", offered_on=_months_ago(1))
    GiftFactory(donor_name="Acme Ltd", offered_on=_months_ago(months))

    assert bool(_run(MEMBERS)) is found


def test_declined_offers_count_given_and_withdrawn_ones_do_not():
    GiftFactory(donor_name="Acme Ltd", offered_on=_months_ago(1))
    GiftFactory(donor_name="Acme Ltd", offered_on=_months_ago(1), response=Response.DECLINED)
    GiftFactory(donor_name="Acme Ltd", offered_on=_months_ago(1), direction=Direction.GIVEN)
    GiftFactory(donor_name="Acme Ltd", offered_on=_months_ago(1), status=GiftStatus.WITHDRAWN)
    assert _run(MEMBERS) == {}

    GiftFactory(donor_name="Acme Ltd", offered_on=_months_ago(1), response=Response.DECLINED)
    assert list(_run(MEMBERS)) == [f"{MEMBERS}:donor-acme"]


def test_one_member_offered_many_times_by_one_donor():
    member, other = PersonFactory(), PersonFactory()
    gifts = [
        GiftFactory(declarant=member, donor_name=name, offered_on=_months_ago(months))
        for name, months in [("Acme Ltd", 1), ("ACME LIMITED", 5), ("Acme Ltd", 11)]
    ]
    GiftFactory(declarant=member, donor_name="Acme Ltd", offered_on=_months_ago(13))
    GiftFactory(declarant=member, donor_name="Acme Holdings", offered_on=_months_ago(1))
    for months in (1, 2):
        GiftFactory(declarant=other, donor_name="Acme Ltd", offered_on=_months_ago(months))

    findings = _run(GIFTS)

    assert list(findings) == [f"{GIFTS}:donor-acme:person-{member.pk}"]
    finding = findings[f"{GIFTS}:donor-acme:person-{member.pk}"]
    assert [gift["reference"] for gift in finding.details["gifts"]] == [
        f"GH-{gift.pk:06d}" for gift in gifts
    ]
    assert list(finding.people.values_list("pk", flat=True)) == [member.pk]
    assert "3 times" in finding.summary


@pytest.mark.parametrize(
    ("name", "block"),
    [
        ("Acme Ltd", "acme"),
        ("The ACME Limited", "acme"),
        ("Acme Holdings", "acme"),
        ("Acne Ltd", "acne"),
        ("B&Q plc", "b and q"),
        ("B & Q Limited", "b and q"),
    ],
)
def test_a_donors_block_is_its_first_significant_word(name, block):
    assert donor_block(name) == block


def _plant() -> None:
    """Fifteen donors each offering to three members (three times to the first), and fifteen
    offering once."""
    members = [PersonFactory() for _ in range(3)]
    for n in range(15):
        word = hashlib.sha256(str(n).encode()).hexdigest()[:8]
        for member in members:
            GiftFactory(declarant=member, donor_name=f"{word} Hampers Ltd", offered_on=TODAY)
        for _ in range(2):
            GiftFactory(
                declarant=members[0], donor_name=f"{word.upper()} HAMPERS LIMITED", offered_on=TODAY
            )
        GiftFactory(donor_name=f"{word[::-1]} Florists", offered_on=TODAY)


@pytest.mark.parametrize("name", [MEMBERS, GIFTS])
def test_many_chunks_find_what_one_chunk_finds_and_a_rerun_updates(settings, name):
    _plant()
    [one] = crosschecks_run_by_hand(today=TODAY, names=[name])
    first = dict(Finding.objects.values_list("key", "pk"))
    assert len(first) == 15
    assert one.chunks_total == 1

    settings.CROSSCHECK_CHUNK_ROWS = 10
    [split] = crosschecks_run_by_hand(today=TODAY, names=[name])

    assert split.chunks_total == 9
    assert dict(Finding.objects.values_list("key", "pk")) == first
    assert (split.findings_new, split.findings_still_open) == (0, 15)
    assert split.rows_compared == one.rows_compared == 90


@pytest.mark.parametrize("name", [MEMBERS, GIFTS])
def test_a_chunk_is_one_query_however_many_offers(django_assert_max_num_queries, name):
    _plant()
    check = checks.check_named(name)
    [params] = check.plan(today=TODAY)

    with django_assert_max_num_queries(1):
        result = check.run_chunk(params, today=TODAY)

    assert len(result.hits) == 15
