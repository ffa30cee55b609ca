"""High-risk business interest with no CCU check: the lines of work by type and whole words,
an intelligence check asked (answered or not) clears it, and the finding says only that no
check is recorded."""

from __future__ import annotations

import datetime as dt

import pytest

from registers.crosschecks import checks
from registers.crosschecks.models import Finding, FindingStatus
from registers.crosschecks.services.runs import crosschecks_run_by_hand
from registers.interests.models import InterestStatus, InterestType
from standards.exchange.models import CheckAnswer
from tests.exchange.factories import CheckListFactory, IntelligenceCheckFactory
from tests.registers.interests.factories import BusinessInterestFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)
NAME = "interest-high-risk"


def _run() -> dict[str, Finding]:
    crosschecks_run_by_hand(today=TODAY, names=[NAME])
    return {
        finding.key: finding
        for finding in Finding.objects.filter(check_name=NAME, status=FindingStatus.OPEN)
    }


@pytest.mark.parametrize(
    ("organisation", "role", "line"),
    [
        ("Northmoor Investigations", "Private investigator", "private investigation"),
        ("Castle Guarding Ltd", "Door supervisor", "security"),
        ("Acme Security Ltd", "Driver", "security"),
        ("Northern Recoveries", "Debt collection agent", "debt collection"),
        ("County Court", "Bailiff", "debt collection"),
        ("The Crown Inn", "Weekend shifts", "licensed premises"),
        ("Riverside Nightclub", "Cloakroom", "licensed premises"),
        ("Station Road Pub Co", "Bar staff", "licensed premises"),
    ],
)
def test_a_high_risk_line_of_work_without_a_check_is_found(organisation, role, line):
    interest = BusinessInterestFactory(
        organisation=organisation, role=role, status=InterestStatus.APPROVED
    )

    findings = _run()

    finding = findings[f"{NAME}:interest-{interest.pk}"]
    assert line in finding.details["high_risk"]
    assert finding.summary.endswith("no CCU check recorded.")
    assert list(finding.people.values_list("pk", flat=True)) == [interest.declarant_id]


@pytest.mark.parametrize(
    ("organisation", "role"),
    [
        ("Barclays Bank", "Cashier"),  # "bar" only as a whole word
        ("Publishing House Ltd", "Proofreader"),  # not "pub"
        ("Northmoor Leisure Centre", "Swimming instructor"),
        ("Innovate Digital", "Web developer"),  # not "inn"
        ("Securitas Trust", "Trustee"),  # not "security"
    ],
)
def test_other_work_is_not_high_risk(organisation, role):
    BusinessInterestFactory(organisation=organisation, role=role, status=InterestStatus.APPROVED)

    assert _run() == {}


def test_a_relatives_licensed_premises_are_high_risk_by_type():
    interest = BusinessInterestFactory(
        interest_type=InterestType.RELATIVE_LICENSED_PREMISES,
        organisation="The Old Mill",
        role="My brother holds the premises licence",
    )

    [finding] = _run().values()

    assert finding.key == f"{NAME}:interest-{interest.pk}"
    assert finding.details["high_risk"]["licensed premises"][0] == (
        "a relative's interest in licensed premises"
    )


@pytest.mark.parametrize("answer", ["", CheckAnswer.NO_TRACE, CheckAnswer.TRACE])
def test_an_intelligence_check_asked_for_the_interest_clears_it(answer):
    checked = BusinessInterestFactory(organisation="Acme Security Ltd")
    IntelligenceCheckFactory(asked_for=checked, answer=answer)
    unchecked = BusinessInterestFactory(organisation="Acme Security Ltd")

    assert list(_run()) == [f"{NAME}:interest-{unchecked.pk}"]


def test_a_check_on_a_list_of_people_is_not_a_check_on_the_interest():
    interest = BusinessInterestFactory(organisation="Acme Security Ltd")
    CheckListFactory(
        people=[interest.declarant], people__answers={interest.declarant: CheckAnswer.NO_TRACE}
    )

    assert list(_run()) == [f"{NAME}:interest-{interest.pk}"]


def test_the_finding_never_says_what_a_check_answered():
    """A check answered "trace" on another interest of the same member: nothing of it reaches
    this finding, which is the unchecked interest's alone."""
    traced = BusinessInterestFactory(organisation="Acme Security Ltd")
    IntelligenceCheckFactory(asked_for=traced, answer=CheckAnswer.TRACE, ccu_note="Operation X")
    BusinessInterestFactory(declarant=traced.declarant, organisation="Castle Door Supervisors")

    [finding] = _run().values()

    text = f"{finding.summary} {finding.details}".lower()
    assert "trace" not in text
    assert "operation" not in text
    assert finding.details["ccu_check"] == "no CCU check recorded"


@pytest.mark.parametrize(
    ("status", "found"),
    [
        (InterestStatus.AWAITING_LINE_MANAGER, False),
        (InterestStatus.AWAITING_PSD, True),
        (InterestStatus.APPROVED, True),
        (InterestStatus.APPROVED_WITH_CONDITIONS, True),
        (InterestStatus.APPEALED, True),
        (InterestStatus.REFUSED, False),
        (InterestStatus.WITHDRAWN, False),
        (InterestStatus.ENDED, False),
    ],
)
def test_only_interests_with_psd_or_in_force_count(status, found):
    BusinessInterestFactory(organisation="Acme Security Ltd", status=status)

    assert bool(_run()) is found


def test_an_interest_past_its_end_date_does_not_count():
    BusinessInterestFactory(
        organisation="Acme Security Ltd",
        status=InterestStatus.APPROVED,
        start_date=dt.date(2025, 1, 1),
        end_date=TODAY - dt.timedelta(days=1),
    )

    assert _run() == {}


def test_many_chunks_find_what_one_chunk_finds_and_a_check_resolves_it(settings):
    risky = [BusinessInterestFactory(organisation=f"Guard Force {n}") for n in range(5)]
    for n in range(5):
        BusinessInterestFactory(organisation=f"Leisure Centre {n}")
    [one] = crosschecks_run_by_hand(today=TODAY, names=[NAME])
    first = dict(Finding.objects.values_list("key", "pk"))
    assert set(first) == {f"{NAME}:interest-{interest.pk}" for interest in risky}

    settings.CROSSCHECK_CHUNK_ROWS = 2
    IntelligenceCheckFactory(asked_for=risky[0])
    [split] = crosschecks_run_by_hand(today=TODAY, names=[NAME])

    assert split.chunks_total > one.chunks_total == 1
    assert dict(Finding.objects.values_list("key", "pk")) == first
    assert (split.findings_new, split.findings_still_open, split.findings_resolved) == (0, 4, 1)
    assert Finding.objects.get(key=f"{NAME}:interest-{risky[0].pk}").status == (
        FindingStatus.RESOLVED
    )


def test_a_chunk_is_one_query_however_many_interests(django_assert_max_num_queries):
    for n in range(30):
        BusinessInterestFactory(organisation=f"Guard Force {n}", role="Door supervisor")
    check = checks.check_named(NAME)
    [params] = check.plan(today=TODAY)

    with django_assert_max_num_queries(1):
        result = check.run_chunk(params, today=TODAY)

    assert (len(result.hits), result.rows_compared) == (30, 30)
